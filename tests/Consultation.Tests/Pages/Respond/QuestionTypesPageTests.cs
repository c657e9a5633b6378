namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>Every question type answered through the answer page, as a browser without scripts would, on real PostgreSQL.</summary>
public sealed class QuestionTypesPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Client, IHtmlDocument Page, Consultation Consultation)> OpenAsync(string acceptLanguage = "en-GB")
    {
        var consultation = await app.EveryTypeAsync();
        var client = app.Respondent(acceptLanguage);
        var page = await client.GetPageAsync($"/c/{consultation.Slug}/answer");
        return (client, page, consultation);
    }

    private Task<Response?> ResponseOfAsync(Guid consultationId) =>
        app.WithDbAsync(db => db.Responses.AsNoTracking().SingleOrDefaultAsync(r => r.ConsultationId == consultationId));

    private static Dictionary<string, (string, byte[])> PaperFile(string name, byte[] content) => new() { ["a.paper"] = (name, content) };

    [Fact]
    public async Task EachPage_FollowsTheMarkupContract_ForConditionsAndScripts_WithItsOwnSectionsQuestions()
    {
        var (client, about, consultation) = await OpenAsync("fr-FR");
        var views = await client.GetPageAsync($"/c/{consultation.Slug}/answer/2");

        // Only the page with the upload question is sent as multipart/form-data.
        Assert.Equal("application/x-www-form-urlencoded", about.QuerySelector("#answer-form")!.GetAttribute("enctype"));
        Assert.Equal("multipart/form-data", views.QuerySelector("#answer-form")!.GetAttribute("enctype"));
        Assert.Equal(",", about.QuerySelector("#answer-form")!.GetAttribute("data-decimal-separator"));
        foreach (var (page, code, type) in new[] { (about, Codes.Role, "SingleChoice"), (about, Codes.MeetingDate, "Date"), (views, Codes.Statements, "Matrix"),
            (about, Codes.Note, "Note"), (views, Codes.Paper, "FileUpload") })
        {
            var container = page.QuerySelector($"div.question[data-question='{code}']");
            Assert.NotNull(container);
            Assert.Equal(type, container.GetAttribute("data-type"));
        }
        Assert.Equal("contact_ok = 'yes'", about.QuerySelector("[data-question='note']")!.GetAttribute("data-show-if"));
        Assert.False(about.QuerySelector("[data-question='role']")!.HasAttribute("data-show-if"));
        var aboutNames = new[] { "a.role", "a.role.other", "a.meeting_date.day", "a.meeting_date.month", "a.meeting_date.year", "a.contact_ok", "a.email" };
        var viewsNames = new[] { "a.topics.other", "a.recommend", "a.priorities.rank.speed", "a.statements.transparency", "a.paper", "a.consent" };
        foreach (var name in aboutNames)
        {
            Assert.NotNull(about.QuerySelector($"[name='{name}']"));
            Assert.Null(views.QuerySelector($"[name='{name}']"));
        }
        foreach (var name in viewsNames)
        {
            Assert.NotNull(views.QuerySelector($"[name='{name}']"));
            Assert.Null(about.QuerySelector($"[name='{name}']"));
        }
        Assert.Equal("true", views.QuerySelector<IHtmlInputElement>("[name='a.consent']")!.Value);
        Assert.Equal(11, views.QuerySelectorAll("input[name='a.recommend'][type=radio]").Length);
        // Every question's first control carries the anchor the error summary links to.
        foreach (var code in new[] { Codes.Role, Codes.MeetingDate, Codes.ContactOk, Codes.Email })
            Assert.NotNull(about.QuerySelector($"#q-{code}"));
        foreach (var code in new[] { Codes.Topics, Codes.Recommend, Codes.Priorities, Codes.Statements, Codes.Paper, Codes.Consent })
            Assert.NotNull(views.QuerySelector($"#q-{code}"));
        // Matrix: a table with row headers, each radio named by its row and its column.
        Assert.Equal(3, views.QuerySelectorAll("[data-question='statements'] tbody th[scope=row]").Length);
        Assert.Equal("q-statements-row-transparency q-statements-label", views.QuerySelector("#q-statements")!.GetAttribute("aria-labelledby"));
        // French: a date in day, month, year order, and the texts in French.
        Assert.Equal("a.meeting_date.day", about.QuerySelector("#q-meeting_date")!.GetAttribute("name"));
        Assert.Contains("Rapidité", views.Text("[data-question='priorities']"), StringComparison.Ordinal);
        Assert.Contains(Localized.Text("fr", "Section {0} of {1}", 1, 2), about.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Localized.Text("fr", "Section {0} of {1}", 2, 2), views.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_WithoutAnUploadQuestion_StaysUrlEncoded()
    {
        await app.DemoAsync();
        var page = await app.Respondent().GetPageAsync("/c/ai-safety-priorities/answer");
        Assert.Equal("application/x-www-form-urlencoded", page.QuerySelector("#answer-form")!.GetAttribute("enctype"));
    }

    [Fact]
    public async Task AnsweringEveryType_StoresEachAnswer_AndTheFile()
    {
        var (client, page, consultation) = await OpenAsync();
        var pdf = Pdf(900);

        var response = await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile("position.pdf", pdf));

        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", response);
        var stored = await ResponseOfAsync(consultation.Id);
        Assert.NotNull(stored);
        var answers = stored.Answers;
        Assert.Equal("other", answers.Text(Codes.Role));
        Assert.Equal("Retired judge", answers.Text(AnswerSet.OtherKey(Codes.Role)));
        Assert.Equal(["safety", "other"], answers.Choices(Codes.Topics));
        Assert.Equal("Housing", answers.Text(AnswerSet.OtherKey(Codes.Topics)));
        Assert.Equal(12.5m, answers.Number(Codes.Share));
        Assert.Equal("2024-02-29", answers.Text(Codes.MeetingDate));
        Assert.Equal(9m, answers.Number(Codes.Recommend));
        Assert.Equal(["cost", "quality", "speed"], answers.Choices(Codes.Priorities));
        Assert.Equal("no_opinion", answers.Row(Codes.Statements, "accountability"));
        Assert.Equal("yes", answers.Text(Codes.ContactOk));
        Assert.Equal("person@example.org", answers.Text(Codes.Email));
        Assert.True(answers.IsTrue(Codes.Consent));
        var file = answers.File(Codes.Paper);
        Assert.NotNull(file);
        Assert.Equal(("position.pdf", 900L, "application/pdf"), (file.Name, file.Size, file.Type));
        var upload = await app.WithDbAsync(db => db.UploadedFiles.AsNoTracking().SingleAsync(f => f.Id == file.Id));
        Assert.Equal(consultation.Id, upload.ConsultationId);
        Assert.Equal(pdf, await app.FileContentAsync(upload.Id));
        Assert.Equal(TimeSpan.Zero, upload.UploadedOn.TimeOfDay);
    }

    [Fact]
    public async Task ImpossibleDate_InFrench_IsRefusedInWords_AndEverythingTypedIsShownAgain()
    {
        var (client, page, consultation) = await OpenAsync("fr-FR");
        var answers = EveryTypeAnswers();
        answers["a.meeting_date.day"] = ["31"];
        answers["a.meeting_date.month"] = ["02"];
        answers["a.meeting_date.year"] = ["2023"];

        var response = await client.CompleteWithFilesAsync(page, answers, new Dictionary<string, (string, byte[])>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Contains(Localized.Text("fr", AnswerReader.Messages.DayBeyondMonth, 28), again.Text("#error-meeting_date"), StringComparison.Ordinal);
        Assert.Equal("#q-meeting_date", again.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", again.QuerySelector("#q-meeting_date")!.GetAttribute("aria-invalid"));
        Assert.Equal("31", again.QuerySelector<IHtmlInputElement>("[name='a.meeting_date.day']")!.Value);
        Assert.Equal("Retired judge", again.QuerySelector<IHtmlInputElement>("[name='a.role.other']")!.Value);
        Assert.Equal("Fondation Exemple", again.QuerySelector<IHtmlInputElement>("[name='a.organisation']")!.Value);
        Assert.Equal("12,5", again.QuerySelector<IHtmlInputElement>("[name='a.share']")!.Value);
        Assert.True(again.QuerySelector<IHtmlInputElement>("[name='a.contact_ok'][value='yes']")!.IsChecked);
        Assert.Equal("person@example.org", again.QuerySelector<IHtmlInputElement>("[name='a.email']")!.Value);
        // Kept in the draft as typed, never submitted.
        var draft = await ResponseOfAsync(consultation.Id);
        Assert.Equal(ResponseStatus.InProgress, draft!.Status);
        Assert.Equal(["31"], draft.Fields["a.meeting_date.day"]);
        Assert.Empty(draft.Answers.Values);
    }

    [Fact]
    public async Task OtherChosenWithoutText_LinksTheSummaryToTheTextAndMarksOnlyIt()
    {
        var (client, page, _) = await OpenAsync();
        var answers = EveryTypeAnswers();
        answers["a.role.other"] = [""];

        var again = await Html.ParseAsync(await client.CompleteWithFilesAsync(page, answers, new Dictionary<string, (string, byte[])>()));

        Assert.Equal("#q-role-other", again.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("true", again.QuerySelector("#q-role-other")!.GetAttribute("aria-invalid"));
        Assert.Null(again.QuerySelector("#q-role")!.GetAttribute("aria-invalid"));
        Assert.Contains(AnswerReader.Messages.OtherNeedsText, again.Text("#error-role"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paper.pdf", 0, AnswerReader.Messages.FileEmpty)]
    [InlineData("paper.pdf", 1024 * 1024 + 10, AnswerReader.Messages.FileTooLarge)]
    [InlineData("paper.exe", 500, AnswerReader.Messages.FileWrongType)]
    [InlineData("paper.docx", 500, AnswerReader.Messages.FileContentMismatch)]
    public async Task RefusedUpload_SaysWhy_KeepsNoFile_AndSubmitsNothing(string name, int size, string message)
    {
        var (client, page, consultation) = await OpenAsync();

        var response = await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile(name, size == 0 ? [] : Pdf(size)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await Html.ParseAsync(response);
        Assert.Contains(message.Split('{')[0].Trim(), again.Text("#error-paper"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.UploadedFiles.AnyAsync(f => f.ConsultationId == consultation.Id)));
        // The file is refused and never kept; the page's other answers stay in the draft, which is not submitted.
        var draft = await ResponseOfAsync(consultation.Id);
        Assert.Equal(ResponseStatus.InProgress, draft!.Status);
        Assert.False(draft.Fields.ContainsKey("a.paper.file"));
        Assert.Equal(["Housing"], draft.Fields["a.topics.other"]);
    }

    [Fact]
    public async Task UploadedFile_IsKeptAcrossAValidationError()
    {
        var (client, page, consultation) = await OpenAsync();
        var answers = EveryTypeAnswers();
        answers.Remove(Codes.Consent);

        var first = await client.CompleteWithFilesAsync(page, answers, PaperFile("kept.pdf", Pdf()));
        var again = await Html.ParseAsync(first);
        Assert.NotNull(again.QuerySelector("#error-consent"));
        var kept = again.QuerySelector<IHtmlInputElement>("input[type=hidden][name='a.paper.file']");
        Assert.NotNull(kept);
        Assert.Contains("kept.pdf", again.Text("#q-paper-kept"), StringComparison.Ordinal);

        var second = await client.CompleteWithFilesAsync(again, new Dictionary<string, string[]> { [Codes.Consent] = ["true"] }, new Dictionary<string, (string, byte[])>());

        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", second);
        var stored = await ResponseOfAsync(consultation.Id);
        Assert.Equal(Guid.Parse(kept.Value), stored!.Answers.File(Codes.Paper)!.Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.UploadedFiles.CountAsync(f => f.ConsultationId == consultation.Id)));
    }

    [Fact]
    public async Task SwitchingLanguage_WithAFileChosen_KeepsTheFileAndEveryAnswer()
    {
        var (client, page, consultation) = await OpenAsync();
        var answers = EveryTypeAnswers();
        answers.Remove(Codes.Consent);
        var toViews = await client.SubmitAsync(page, answers);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/answer/2", toViews);
        var views = await client.GetPageAsync(toViews.Headers.Location!.OriginalString);
        var toFrench = views.QuerySelector<IHtmlButtonElement>("button[name=switchLanguage][value=fr]");

        var response = await client.SubmitWithFilesAsync(views, answers, PaperFile("kept.pdf", Pdf()), submitter: toFrench);

        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/answer/2", response);
        var french = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        // The missing consent is not an error yet: switching language saves without checking.
        Assert.Empty(french.QuerySelectorAll(".question__error"));
        Assert.NotNull(french.QuerySelector("input[type=hidden][name='a.paper.file']"));
        Assert.Contains("kept.pdf", french.Text("#q-paper-kept"), StringComparison.Ordinal);
        Assert.Equal("Housing", french.QuerySelector<IHtmlInputElement>("[name='a.topics.other']")!.Value);
        Assert.True(french.QuerySelector<IHtmlInputElement>("[name='a.recommend'][value='9']")!.IsChecked);
        var about = await client.GetPageAsync(response.Headers.Location!.OriginalString.Replace("/answer/2", "/answer/1", StringComparison.Ordinal));
        Assert.Equal("29", about.QuerySelector<IHtmlInputElement>("[name='a.meeting_date.day']")!.Value);
    }

    [Fact]
    public async Task AKeptFileOfAnotherConsultation_IsNotTaken()
    {
        var (otherClient, otherPage, other) = await OpenAsync();
        var answers = EveryTypeAnswers();
        answers.Remove(Codes.Consent);
        var otherAgain = await Html.ParseAsync(await otherClient.CompleteWithFilesAsync(otherPage, answers, PaperFile("theirs.pdf", Pdf())));
        var theirs = otherAgain.QuerySelector<IHtmlInputElement>("input[name='a.paper.file']")!.Value;

        var (client, page, consultation) = await OpenAsync();
        var forged = EveryTypeAnswers();
        forged["a.paper.file"] = [theirs];
        var response = await client.CompleteWithFilesAsync(page, forged, new Dictionary<string, (string, byte[])>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AnswerReader.Messages.FileGone.Split(':')[0], (await Html.ParseAsync(response)).Text("#error-paper"), StringComparison.Ordinal);
        var draft = await ResponseOfAsync(consultation.Id);
        Assert.Equal(ResponseStatus.InProgress, draft!.Status);
        Assert.False(draft.Fields.ContainsKey("a.paper.file"));
        Assert.NotEqual(other.Id, consultation.Id);
    }

    [Fact]
    public async Task UploadOverTheRequestLimit_GetsTheLocalized413Page()
    {
        var (client, page, _) = await OpenAsync("fr-FR");

        var response = await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile("huge.pdf", Pdf((Question.LargestFileMegabytes + 2) * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var status = await Html.ParseAsync(response);
        Assert.Equal("fr", status.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task UploadedFile_IsDownloadedByAMemberAnalyst_AndByNobodyElse()
    {
        var (client, page, consultation) = await OpenAsync();
        var pdf = Pdf(700);
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile("position paper.pdf", pdf)));
        var fileId = (await ResponseOfAsync(consultation.Id))!.Answers.File(Codes.Paper)!.Id;
        var other = await app.EveryTypeAsync();
        var url = $"/analyse/{consultation.Id}?handler=File&fileId={fileId}";

        var member = await app.SignedInAsync(await app.AnalystOfAsync(consultation.Id));
        var listing = await member.GetPageAsync($"/analyse/{consultation.Id}");
        var download = await member.GetAsync(url);
        var outsider = await app.SignedInAsync(await app.AnalystOfAsync(other.Id));
        var direct = await outsider.GetAsync(url);
        var throughTheirOwn = await outsider.GetAsync($"/analyse/{other.Id}?handler=File&fileId={fileId}");
        var anonymous = await app.Respondent().GetAsync(url);

        Assert.Equal(url, listing.QuerySelector($"a[href*='{fileId}']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, throughTheirOwn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Summary_WithEveryAnswerShape_StillShows()
    {
        var (client, page, consultation) = await OpenAsync();
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile("p.pdf", Pdf())));

        var analyst = await app.SignedInAsync(await app.AnalystOfAsync(consultation.Id));
        var results = await analyst.GetPageAsync($"/analyse/{consultation.Id}");

        // Yes/no, a rating by its points and each matrix row are counted; a ranking is not.
        Assert.Contains("Yes", results.Text("[id='result-contact_ok'] + p + table"), StringComparison.Ordinal);
        Assert.Equal(11, results.QuerySelectorAll("[id='result-recommend'] + p + table tbody tr").Length);
        foreach (var row in new[] { "transparency", "accountability", "redress" })
            Assert.NotNull(results.QuerySelector($"[id='result-statements.{row}']"));
        Assert.Null(results.QuerySelector("[id='result-priorities']"));
        Assert.Contains("Harm can be put right", results.Text("[id='result-statements.redress']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummaryWorkbook_WithEveryAnswerShape_IsCompiled()
    {
        var (client, page, consultation) = await OpenAsync();
        await ResponseAssert.RedirectsTo($"/c/{consultation.Slug}/thank-you", await client.CompleteWithFilesAsync(page, EveryTypeAnswers(), PaperFile("p.pdf", Pdf())));

        var export = SummaryExport.Request(consultation.Id, null, "test", "fr", app.Clock.GetUtcNow());
        await app.WithDbAsync(async db => { db.SummaryExports.Add(export); await db.SaveChangesAsync(); });
        await using (var scope = app.Services.CreateAsyncScope())
            await ActivatorUtilities.CreateInstance<Web.Jobs.CompileSummaryJob>(scope.ServiceProvider).RunAsync(export.Id, CancellationToken.None);
        var data = await app.WithDbAsync(db => Web.Data.SummaryQuery.CountAsync(db, consultation.Id, "fr", app.Clock.GetUtcNow(), CancellationToken.None));

        Assert.Equal(ExportStatus.Done, (await app.WithDbAsync(db => db.SummaryExports.AsNoTracking().SingleAsync(e => e.Id == export.Id))).Status);
        var redress = Assert.Single(data.Questions, q => q.Code == "statements.redress");
        Assert.Equal(1, Assert.Single(redress.Options, o => o.Code == "disagree").Count);
        Assert.Equal(1, Assert.Single(Assert.Single(data.Questions, q => q.Code == Codes.Recommend).Options, o => o.Code == "9").Count);
    }
}

namespace Consultation.Tests.Pages.Organise;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Changing a live consultation through the pages: text fixes reach stakeholders at once; structure waits for a confirmed publication.</summary>
public sealed class LiveChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ATextFix_OnALiveQuestion_ReachesStakeholdersAtOnce_AsANewVersion()
    {
        var (id, slug) = await LiveAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/questions/name";
        var page = await organiser.GetPageAsync(path);
        Assert.Contains("Stakeholders are answering version 1", page.Text("[data-live-notice]"), StringComparison.Ordinal);

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Label"] = ["Your full name"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Save(page));

        await ResponseAssert.RedirectsTo($"/organise/{id}/questionnaire?published=2#question-name", saved);
        var notice = await organiser.GetPageAsync($"/organise/{id}/questionnaire?published=2");
        Assert.Contains("Stakeholders now see these texts (version 2)", notice.Text(".alert-success"), StringComparison.Ordinal);
        var answer = await app.Respondent().GetPageAsync($"/c/{slug}/answer");
        Assert.Contains("Your full name", answer.Text("main"), StringComparison.Ordinal);
        Assert.Equal([1, 2], await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.ConsultationId == id).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync()));
        Assert.Contains(AuditActions.TextsPublished, await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ConsultationId == id).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task AnAddedQuestion_WaitsForAConfirmedPublication_AndEarlierResponsesKeepTheirVersion()
    {
        var (id, slug) = await LiveAsync();
        await AnswerAsync(slug, "Ada");
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var builder = $"/organise/{id}/questionnaire";
        var page = await organiser.GetPageAsync(builder);
        var added = await organiser.SubmitAsync(page, new Dictionary<string, string[]>
        {
            ["NewQuestion.Label"] = ["Your role"],
            ["NewQuestion.Type"] = [nameof(QuestionType.ShortText)],
        }, formSelector: "#section-about form[action*='handler=AddQuestion']", pagePath: builder);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        Assert.DoesNotContain("Your role", (await app.Respondent().GetPageAsync($"/c/{slug}/answer")).Text("main"), StringComparison.Ordinal);
        Assert.NotNull((await organiser.GetPageAsync(builder)).QuerySelector("[data-live-notice] a[href$='/publish']"));

        var publishPath = $"/organise/{id}/publish";
        var publish = await organiser.GetPageAsync(publishPath);
        Assert.Contains("Question added: “Your role” (your_role)", publish.Text("[data-changes]"), StringComparison.Ordinal);
        Assert.Contains("The 1 responses received so far are kept", publish.Text("[data-consequences]"), StringComparison.Ordinal);

        var unconfirmed = await organiser.SubmitAsync(publish, formSelector: "main form", pagePath: publishPath);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Confirm that you have read what happens to the responses already received.", (await Html.ParseAsync(unconfirmed)).Text("main"), StringComparison.Ordinal);
        Assert.Equal(1, await VersionCountAsync(id));

        publish.QuerySelector<IHtmlInputElement>("input[type=checkbox][name=Confirmed]")!.IsChecked = true;
        var confirmed = await organiser.SubmitAsync(publish, formSelector: "main form", pagePath: publishPath);

        await ResponseAssert.RedirectsTo($"/organise/{id}", confirmed);
        Assert.Equal(2, await VersionCountAsync(id));
        Assert.Contains("Your role", (await app.Respondent().GetPageAsync($"/c/{slug}/answer")).Text("main"), StringComparison.Ordinal);
        var versionsAnswered = await app.WithDbAsync(db => db.Responses.Where(r => r.ConsultationId == id)
            .Join(db.QuestionnaireVersions, r => r.QuestionnaireVersionId, v => v.Id, (r, v) => v.Number).ToListAsync());
        Assert.Equal([1], versionsAnswered);
        Assert.Equal(ConsultationStatus.Open, await app.WithDbAsync(db => db.Consultations.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.Contains(AuditActions.VersionPublished, await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ConsultationId == id).Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task ALiveConsultationWithoutStructuralChanges_HasNothingToPublish()
    {
        var (id, _) = await LiveAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/publish";

        var page = await organiser.GetPageAsync(path);

        Assert.NotNull(page.QuerySelector("[data-nothing-to-publish]"));
        Assert.Null(page.QuerySelector("main form"));
        var forced = await organiser.PostAsync(path, new FormUrlEncodedContent(Token(page).Append(new("Confirmed", "true"))));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(1, await VersionCountAsync(id));
    }

    [Fact]
    public async Task ARemovedQuestionsCode_IsNotGivenToANewQuestion()
    {
        var (id, _) = await LiveAsync(extraQuestion: true);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var builder = $"/organise/{id}/questionnaire";
        var confirm = await organiser.GetPageAsync($"{builder}?remove=comment");
        var removed = await organiser.SubmitAsync(confirm, formSelector: "form[action*='handler=RemoveQuestion']", pagePath: builder);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var added = await organiser.SubmitAsync(await organiser.GetPageAsync(builder), new Dictionary<string, string[]>
        {
            ["NewQuestion.Label"] = ["Comment"],
            ["NewQuestion.Type"] = [nameof(QuestionType.Number)],
        }, formSelector: "#section-about form[action*='handler=AddQuestion']", pagePath: builder);

        await ResponseAssert.RedirectsTo($"/organise/{id}/questions/comment_2", added);
    }

    [Fact]
    public async Task ATitleChangedInTheSettings_OfALiveConsultation_IsShownOnItsLandingPage()
    {
        var (id, slug) = await LiveAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/settings";
        var page = await organiser.GetPageAsync(path);

        var saved = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Title"] = ["Live and corrected"] },
            formSelector: "#settings-form", pagePath: path);

        await ResponseAssert.RedirectsTo($"/organise/{id}/settings?saved=True&published=2", saved);
        Assert.Contains("Live and corrected", (await app.Respondent().GetPageAsync($"/c/{slug}")).Text("h1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArchivedConsultationsQuestion_CannotBeChanged()
    {
        var (id, _) = await LiveAsync();
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var path = $"/organise/{id}/questions/name";
        var page = await organiser.GetPageAsync(path);
        await app.WithDbAsync(async db =>
        {
            var consultation = await db.Consultations.SingleAsync(c => c.Id == id);
            consultation.Close(app.Clock.GetUtcNow());
            consultation.Archive(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        var refused = await organiser.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Label"] = ["Changed after archiving"] },
            formSelector: "form.builder-form", pagePath: path, submitter: Save(page));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("An archived consultation cannot be changed.", (await Html.ParseAsync(refused)).Text(".alert-danger"), StringComparison.Ordinal);
        Assert.Equal("Your name", await app.WithDbAsync(db => db.ContentTexts.Where(t => t.ConsultationId == id && t.ElementKey == "question:name" && t.Language == "en").Select(t => t.Text).SingleAsync()));
    }

    private async Task AnswerAsync(string slug, string name)
    {
        var respondent = app.Respondent();
        var page = await respondent.GetPageAsync($"/c/{slug}/answer");
        var sent = await respondent.CompleteAsync(page, new Dictionary<string, string[]> { ["name"] = [name] });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
    }

    [Fact]
    public async Task ADraftStartedBeforeAPublication_FinishesOnItsVersion_AndThePublishPageSaysSo()
    {
        var (id, slug) = await LiveAsync();
        var drafting = app.Respondent();
        var saved = await drafting.SubmitAsync(await drafting.GetPageAsync($"/c/{slug}/answer"), new Dictionary<string, string[]> { ["name"] = ["Grace"] },
            submitter: null);
        var review = saved.Headers.Location!.OriginalString;
        Assert.EndsWith("/review", review, StringComparison.Ordinal);
        var organiser = await app.SignedInAsync(await app.OrganiserOfAsync(id));
        var builder = $"/organise/{id}/questionnaire";
        await organiser.SubmitAsync(await organiser.GetPageAsync(builder), new Dictionary<string, string[]>
        {
            ["NewQuestion.Label"] = ["Your role"],
            ["NewQuestion.Type"] = [nameof(QuestionType.ShortText)],
        }, formSelector: "#section-about form[action*='handler=AddQuestion']", pagePath: builder);
        var publishPath = $"/organise/{id}/publish";
        var publish = await organiser.GetPageAsync(publishPath);

        Assert.Contains("1 people are in the middle of answering", publish.Text("[data-in-progress]"), StringComparison.Ordinal);
        publish.QuerySelector<IHtmlInputElement>("input[type=checkbox][name=Confirmed]")!.IsChecked = true;
        await ResponseAssert.RedirectsTo($"/organise/{id}", await organiser.SubmitAsync(publish, formSelector: "main form", pagePath: publishPath));

        Assert.Contains("Your role", (await app.Respondent().GetPageAsync($"/c/{slug}/answer")).Text("main"), StringComparison.Ordinal);
        var reviewPage = await drafting.GetPageAsync(review);
        Assert.DoesNotContain("Your role", reviewPage.Text("main"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await drafting.SubmitAsync(reviewPage, formSelector: "#review-form")).StatusCode);
        var versionsAnswered = await app.WithDbAsync(db => db.Responses.Where(r => r.ConsultationId == id)
            .Join(db.QuestionnaireVersions, r => r.QuestionnaireVersionId, v => v.Id, (r, v) => new { r.Status, v.Number }).ToListAsync());
        Assert.Equal(ResponseStatus.Submitted, Assert.Single(versionsAnswered).Status);
        Assert.Equal(1, versionsAnswered[0].Number);
    }

    private Task<int> VersionCountAsync(Guid id) => app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.ConsultationId == id));

    private static IEnumerable<KeyValuePair<string, string>> Token(IHtmlDocument page) =>
        page.QuerySelectorAll<IHtmlInputElement>("input[name='__RequestVerificationToken']").Take(1).Select(i => new KeyValuePair<string, string>(i.Name!, i.Value));

    private static IHtmlButtonElement Save(IHtmlDocument page) =>
        page.QuerySelectorAll<IHtmlButtonElement>("form.builder-form button[name='Command']").First(b => b.Value == "save");

    private Task<(Guid Id, string Slug)> LiveAsync(bool extraQuestion = false) => app.WithDbAsync(async db =>
    {
        var slug = $"live-{Guid.NewGuid():N}"[..20];
        var consultation = Consultation.Create(slug, "en", ["en"], AccessMode.PublicLink, isAnonymous: false,
            estimatedMinutes: 5, app.Clock.GetUtcNow());
        consultation.SetText(ElementKey.Consultation, TextField.Title, "en", "A live consultation");
        var section = consultation.AddSection("about");
        consultation.SetText(ElementKey.Section("about"), TextField.Title, "en", "About you");
        section.AddQuestion(consultation, "name", QuestionType.ShortText, true);
        consultation.SetText(ElementKey.Question("name"), TextField.Label, "en", "Your name");
        if (extraQuestion)
        {
            section.AddQuestion(consultation, "comment", QuestionType.LongText, false);
            consultation.SetText(ElementKey.Question("comment"), TextField.Label, "en", "Comment");
        }
        consultation.Publish(app.Clock.GetUtcNow());
        db.Consultations.Add(consultation);
        await db.SaveChangesAsync();
        return (consultation.Id, slug);
    });
}

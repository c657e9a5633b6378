namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;

/// <summary>
/// Hostile or mistaken input gets a localized message next to the field on its page, keeps what was typed (in the draft) and
/// submits nothing; a post that cannot be read at all saves nothing.
/// </summary>
public sealed class BadInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string AnswerPath = "/c/ai-safety-priorities/answer";

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "respondent_type", [], AnswerReader.Messages.ChooseOne },
        { "cooperation_forms", [], AnswerReader.Messages.ChooseAtLeastOne },
        { "top_risk", ["world_peace"], AnswerReader.Messages.UnknownOption },
        { "country", ["<script>alert(1)</script>"], AnswerReader.Messages.UnknownOption },
        { "priority_evaluations", ["5", "4"], AnswerReader.Messages.UnknownOption },
        { "cooperation_forms", ["joint_evaluations", "shared_methods", "joint_research", "common_standards"], AnswerReader.Messages.TooManyChoices },
        { "evidence_gaps", [new string('x', 2001)], AnswerReader.Messages.TooLong },
        { "safety_funding_share", ["douze"], AnswerReader.Messages.NotANumber },
        { "safety_funding_share", ["12,5,3"], AnswerReader.Messages.NotANumber },
        { "safety_funding_share", ["150"], AnswerReader.Messages.OutOfRange },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InvalidAnswer_InFrench_GetsTheFrenchMessageNextToTheField_IsKeptInTheDraft_AndNothingIsSubmitted(string code, string[] values, string messageKey)
    {
        var client = app.Respondent("fr-FR,fr;q=0.9");
        var form = await client.GetPageAsync(AnswerPath);
        var answers = DemoAnswers.ValidWith(code, values);
        answers["other_comments"] = ["Un commentaire à garder."];

        var response = await client.CompleteAsync(form, answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var error = page.Text($"#error-{code}");
        var expected = Localized.Text("fr", messageKey, messageKey switch
        {
            AnswerReader.Messages.TooManyChoices => [3],
            AnswerReader.Messages.TooLong => [2000, 2001],
            AnswerReader.Messages.NotANumber => ["12,5"],
            AnswerReader.Messages.OutOfRange => [0m, 100m],
            _ => [],
        });
        Assert.EndsWith(expected, error, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"[data-error-summary] a[href='#q-{code}']"));
        Assert.Equal("true", page.QuerySelector($"#q-{code}")!.GetAttribute("aria-invalid"));
        Assert.Contains($"error-{code}", page.QuerySelector($"#question-{code} [aria-describedby]")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        // The page shown is the one holding the question, with what was typed on it.
        if (page.QuerySelector("#q-other_comments") is not null)
            Assert.Equal("Un commentaire à garder.", page.Text("#q-other_comments"));
        Assert.StartsWith(Localized.Text("fr", "Error: {0}", "").Trim(), page.Title, StringComparison.Ordinal);
        var draft = await app.ResponseAtAsync(page);
        Assert.Equal(ResponseStatus.InProgress, draft!.Status);
        Assert.Equal(values, draft.Fields.GetValueOrDefault($"a.{code}") ?? []);
        Assert.Empty(await app.SubmittedResponsesAsync());
    }

    [Fact]
    public async Task MissingAntiforgeryToken_ReshowsTheAnswersWithAFreshToken_AndStoresNothing()
    {
        var client = app.Respondent("ko");
        var form = await client.GetPageAsync(AnswerPath);
        var answerForm = form.QuerySelector<IHtmlFormElement>("#answer-form")!;
        var values = Html.FormValues(answerForm, DemoAnswers.ValidWith("country", "jp"))
            .Where(v => v.Key != "__RequestVerificationToken").ToList();
        var saved = (await app.ResponsesAsync()).Count;

        var response = await client.PostAsync(answerForm.GetAttribute("action"), new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains(Localized.Text("ko", "Your session had expired. Check your answers and submit them again."), page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("jp", page.QuerySelector<IHtmlSelectElement>("#q-country")!.Value);
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")));
        Assert.Equal(saved, (await app.ResponsesAsync()).Count);

        var retried = await client.CompleteAsync(page, DemoAnswers.ValidWith("country", "jp"));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        var stored = await app.ResponseAtAsync(retried);
        Assert.Equal(ResponseStatus.Submitted, stored!.Status);
        Assert.Equal("JP", stored.Country);
        await app.WithDbAsync(async db => { db.Responses.RemoveRange(db.Responses); await db.SaveChangesAsync(); });
    }

    [Fact]
    public async Task UnknownFields_AreIgnored_AndAForgedLanguageSwitchChangesNothing()
    {
        var client = app.Respondent("ja");
        var form = await client.GetPageAsync(AnswerPath);
        var answers = DemoAnswers.Valid();
        answers["a.not_a_question"] = ["<b>injected</b>"];
        var answerForm = form.QuerySelector<IHtmlFormElement>("#answer-form")!;
        var values = Html.FormValues(answerForm, answers).Append(KeyValuePair.Create("switchLanguage", "xx-NOT-A-LANGUAGE"));

        // The forged switch is no switch: the page is saved and the respondent moves on, in Japanese.
        var moved = await client.PostAsync(answerForm.GetAttribute("action"), new FormUrlEncodedContent(values));
        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/answer/2", moved);
        Assert.False((await app.ResponseAtAsync(moved))!.Fields.ContainsKey("a.not_a_question"));
        var response = await client.CompleteAsync(await client.GetPageAsync(moved.Headers.Location!.OriginalString), answers);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.ResponseAtAsync(response);
        Assert.Equal(ResponseStatus.Submitted, stored!.Status);
        Assert.False(stored.Answers.Has("not_a_question"));
        Assert.False(stored.Fields.ContainsKey("a.not_a_question"));
        Assert.Equal("ja", stored.Language);
        await app.WithDbAsync(async db => { db.Responses.RemoveRange(db.Responses); await db.SaveChangesAsync(); });
    }

    [Fact]
    public async Task OversizedForm_GetsALocalizedPageSayingSo_AndStoresNothing()
    {
        var client = app.Respondent("sw");
        var form = await client.GetPageAsync(AnswerPath);
        var saved = (await app.ResponsesAsync()).Count;

        var response = await client.CompleteAsync(form, DemoAnswers.ValidWith("evidence_gaps", new string('x', 5 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("sw", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text("sw", "Your answers could not be read"), page.Text("h1"));
        // Refused on the first page: not even a draft is started.
        Assert.Equal(saved, (await app.ResponsesAsync()).Count);
    }

    public static TheoryData<string> EveryQuestion =>
        [.. DemoDefinition.Load(DemoSeeder.DefinitionName).Sections.SelectMany(s => s.Questions).Select(q => q.Code)];

    /// <summary>A required question on the same page as <paramref name="code"/>, left blank so that page is shown again.</summary>
    private static string RequiredNeighbour(string code) =>
        DemoDefinition.Load(DemoSeeder.DefinitionName).Sections
            .Single(s => s.Questions.Any(q => q.Code == code)).Questions.First(q => q.Required && q.Code != code).Code;

    [Theory]
    [MemberData(nameof(EveryQuestion))]
    public async Task HostileInput_ToAnyQuestion_IsEncodedOnTheWayBack_AndNeverSubmittedWithAMissingAnswer(string code)
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync(AnswerPath);
        var answers = DemoAnswers.ValidWith(code, "<script>alert(1)</script>", "' OR 1=1 --", "\u0007\u202e", new string('\u00e9', 3000));
        answers[RequiredNeighbour(code)] = [];

        var response = await client.CompleteAsync(form, answers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("[data-error-summary]"));
        // The page shown again is the one the hostile input was posted on.
        Assert.NotNull(page.QuerySelector($"[data-question='{code}']"));
        Assert.Empty(await app.SubmittedResponsesAsync());
    }

    [Fact]
    public async Task ControlCharactersInAText_AreRemovedBeforeStoring()
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync(AnswerPath);

        var response = await client.CompleteAsync(form, DemoAnswers.ValidWith("evidence_gaps", "Line one\u0007\u001b\r\nLine two\tend"));

        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/thank-you", response);
        var stored = await app.ResponseAtAsync(response);
        Assert.Equal("Line one\nLine two\tend", stored!.Answers.Text("evidence_gaps"));
        await app.WithDbAsync(async db => { db.Responses.RemoveRange(db.Responses); await db.SaveChangesAsync(); });
    }

    [Fact]
    public async Task NulCharacterInAForm_GetsALocalizedBadRequestPage_AndStoresNothing()
    {
        var client = app.Respondent("ko");
        var form = await client.GetPageAsync(AnswerPath);
        var saved = (await app.ResponsesAsync()).Count;

        var response = await client.CompleteAsync(form, DemoAnswers.ValidWith("evidence_gaps", "before\u0000after"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Localized.Text("ko", "Sorry, there is a problem with your request"), (await Html.ParseAsync(response)).Text("h1"));
        // Refused on the first page: not even a draft is started.
        Assert.Equal(saved, (await app.ResponsesAsync()).Count);
    }

    [Fact]
    public async Task NulCharacterOnALaterPage_LeavesTheSavedDraftAsItWas()
    {
        var client = app.Respondent("ko");
        var toSecond = await client.SubmitAsync(await client.GetPageAsync(AnswerPath), DemoAnswers.Valid());
        var toThird = await client.SubmitAsync(await client.GetPageAsync(toSecond.Headers.Location!.OriginalString), DemoAnswers.Valid());
        await ResponseAssert.RedirectsTo("/c/ai-safety-priorities/answer/3", toThird);
        var before = (await app.ResponseAtAsync(toThird))!;

        var response = await client.SubmitAsync(await client.GetPageAsync(toThird.Headers.Location!.OriginalString),
            DemoAnswers.ValidWith("evidence_gaps", "before\u0000after"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = (await app.ResponseAtAsync(toThird))!;
        Assert.Equal(ResponseStatus.InProgress, after.Status);
        Assert.Equal(before.Fields.OrderBy(f => f.Key).Select(f => (f.Key, string.Join("|", f.Value))),
            after.Fields.OrderBy(f => f.Key).Select(f => (f.Key, string.Join("|", f.Value))));
        Assert.Equal(before.CurrentSection, after.CurrentSection);
        Assert.False(after.Fields.ContainsKey("a.evidence_gaps"));
    }
}

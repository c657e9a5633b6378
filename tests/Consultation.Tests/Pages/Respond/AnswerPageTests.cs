namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>The stakeholder's path through the HTML alone: open a link, answer, submit, see the thank-you page.</summary>
public sealed class AnswerPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PublicLink = "/c/ai-safety-priorities";

    [Fact]
    public async Task PublicLink_AnsweredInFrench_StoresTheResponseWithItsLanguageAndVersion()
    {
        var client = app.Respondent();
        var landing = await client.GetPageAsync($"{PublicLink}?lang=fr");
        Assert.Equal("fr", landing.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Priorités de la recherche internationale", landing.Text("h1"), StringComparison.Ordinal);

        var form = await client.GetPageAsync($"{PublicLink}/answer");
        Assert.Equal("fr", form.DocumentElement.GetAttribute("lang"));
        var submitted = await client.CompleteAsync(form, DemoAnswers.Valid(decimalShare: "12,5"));

        await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", submitted);
        var thanks = await client.GetPageAsync($"{PublicLink}/thank-you");
        Assert.Equal("fr", thanks.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Merci", thanks.Body!.TextContent, StringComparison.Ordinal);

        var response = (await app.ResponseAtAsync(submitted))!;
        var version = await app.WithDbAsync(db => db.QuestionnaireVersions.SingleAsync(v => v.Id == response.QuestionnaireVersionId));
        Assert.Equal("fr", response.Language);
        Assert.Equal(1, version.Number);
        Assert.Equal(ResponseStatus.Submitted, response.Status);
        Assert.Equal(ResponseChannel.PublicLink, response.Channel);
        Assert.Null(response.InvitationId);
        Assert.Equal(12.5m, response.Answers.Number("safety_funding_share"));
        Assert.Equal(["joint_evaluations", "incident_sharing"], response.Answers.Choices("cooperation_forms"));
        Assert.Equal(Sector.Academia, response.Sector);
        Assert.Equal("FR", response.Country);
        Assert.False(response.Answers.Has("other_comments"));
    }

    [Fact]
    public async Task PersonalLink_OpensInTheInvitationsKorean_AndCompletesTheInvitation()
    {
        var token = await app.NewInvitationAsync("ko");
        var client = app.Respondent("en-US,en;q=0.9");

        var landing = await client.GetPageAsync($"/r/{token}");
        Assert.Equal("ko", landing.DocumentElement.GetAttribute("lang"));
        var opened = InvitationToken.Hash(token)!;
        Assert.Equal(InvitationStatus.Opened, await app.WithDbAsync(db => db.Invitations.Where(i => i.Links.Any(l => l.TokenHash == opened)).Select(i => i.Status).SingleAsync()));
        Assert.Contains("국제 AI 안전", landing.Text("h1"), StringComparison.Ordinal);

        var form = await client.GetPageAsync($"/r/{token}/answer");
        Assert.Equal("ko", form.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text("ko", "Save and continue"), form.Text("[data-primary-action]"));
        var review = await client.ReviewPageAsync(form, DemoAnswers.ValidWith("respondent_type", "civil_society"));
        Assert.Equal("ko", review.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text("ko", "Submit"), review.Text("#review-form [data-primary-action]"));
        var submitted = await client.SubmitAsync(review, formSelector: "#review-form");
        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", submitted);

        var thanks = await client.GetPageAsync($"/r/{token}/thank-you");
        Assert.Equal("ko", thanks.DocumentElement.GetAttribute("lang"));

        var hash = InvitationToken.Hash(token)!;
        var invitation = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Links.Any(l => l.TokenHash == hash)));
        var response = await app.WithDbAsync(db => db.Responses.SingleAsync(r => r.InvitationId == invitation.Id));
        Assert.Equal(InvitationStatus.Completed, invitation.Status);
        Assert.Equal("ko", response.Language);
        Assert.Equal(ResponseChannel.Invitation, response.Channel);
        Assert.Equal(Sector.CivilSociety, response.Sector);
    }

    [Fact]
    public async Task CompletedPersonalLink_OpenedAgain_ShowsTheThankYouState_AndChangesGoToTheSameResponse()
    {
        var token = await app.NewInvitationAsync("sw");
        var client = app.Respondent();
        var form = await client.GetPageAsync($"/r/{token}/answer");
        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", await client.CompleteAsync(form, DemoAnswers.Valid()));

        var reopened = await client.GetAsync($"/r/{token}");
        Assert.Equal($"/r/{token}/thank-you", reopened.Headers.Location!.OriginalString);
        var thanks = await client.GetPageAsync($"/r/{token}/thank-you");
        Assert.Equal("sw", thanks.DocumentElement.GetAttribute("lang"));

        // The answer pages open the submitted response for changes, on any device; a change submitted again is its next revision.
        var otherDevice = app.Respondent();
        var changing = await otherDevice.GetAsync($"/r/{token}/answer");
        Assert.Equal(HttpStatusCode.OK, changing.StatusCode);
        Assert.Contains(Localized.Text("sw", "You are changing the response you submitted. Your changes count once you submit them again from the review page."),
            (await Html.ParseAsync(changing)).Body!.TextContent, StringComparison.Ordinal);
        // The first page's form posted again (the back button).
        var again = await client.CompleteAsync(form, DemoAnswers.ValidWith("evidence_gaps", "Changed after submitting."));
        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", again);

        var hash = InvitationToken.Hash(token)!;
        var responses = await app.WithDbAsync(db => db.Responses.Where(r =>
            db.Invitations.Any(i => i.Id == r.InvitationId && i.Links.Any(l => l.TokenHash == hash))).ToListAsync());
        var response = Assert.Single(responses);
        Assert.Equal(2, response.Revision);
        Assert.Equal("Changed after submitting.", response.Answers.Text("evidence_gaps"));
        Assert.Equal(2, await app.WithDbAsync(db => db.ResponseRevisions.CountAsync(r => r.ResponseId == response.Id)));
    }

    [Fact]
    public async Task DoubleSubmit_OfTheSameReviewForm_SubmitsOnce_AndAReplayLaterChangesNothing()
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        var review = await client.ReviewPageAsync(form, DemoAnswers.Valid());
        var first = client.SubmitAsync(review, formSelector: "#review-form");
        var second = client.SubmitAsync(review, formSelector: "#review-form");
        var results = await Task.WhenAll(first, second);

        foreach (var result in results)
            await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", result);
        await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", await client.SubmitAsync(review, formSelector: "#review-form"));
        var response = (await app.ResponseAtAsync(results[0]))!;
        Assert.Equal(ResponseStatus.Submitted, response.Status);
        Assert.Equal(1, response.Revision);
        Assert.Equal(1, await app.WithDbAsync(db => db.ResponseRevisions.CountAsync(r => r.ResponseId == response.Id)));
    }

    [Fact]
    public async Task RevokedPersonalLink_SaysSoInTheInvitationsLanguage_AndTakesNoAnswers()
    {
        var token = await app.NewInvitationAsync("fr");
        var hash = InvitationToken.Hash(token)!;
        await app.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.Links.Any(l => l.TokenHash == hash));
            invitation.Revoke(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var client = app.Respondent();

        var landing = await client.GetAsync($"/r/{token}");
        var posted = await client.PostAsync($"/r/{token}/answer", new FormUrlEncodedContent(DemoAnswers.Valid().Select(a => KeyValuePair.Create($"a.{a.Key}", a.Value.FirstOrDefault() ?? ""))));

        Assert.Equal(HttpStatusCode.Gone, landing.StatusCode);
        var page = await Html.ParseAsync(landing);
        Assert.Equal(Localized.Text("fr", "This invitation has been withdrawn"), page.Text("h1"));
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => db.Invitations.Any(i => i.Id == r.InvitationId && i.Links.Any(l => l.TokenHash == hash)))));
    }

    [Theory]
    [InlineData("/r/AAAAAAAAAAAAAAAAAAAAAA", "fr-FR")]
    [InlineData("/r/not-a-token", "ja")]
    [InlineData("/c/no-such-consultation", "ko")]
    [InlineData("/c/no-such-consultation/answer", "sw")]
    public async Task UnknownLinkOrSlug_AnswersALocalized404(string path, string language)
    {
        var response = await app.Respondent(language).GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(language[..2], page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text(language[..2], "This link does not work"), page.Text("h1"));
    }

    [Fact]
    public async Task ClosedConsultation_SaysItIsClosed_AndStoresNothing()
    {
        await using var closed = new AppFactory();
        var client = closed.Respondent("fr");
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        closed.Clock.Advance(TimeSpan.FromDays(60));

        var submitted = await client.CompleteAsync(form, DemoAnswers.Valid());

        Assert.Equal(HttpStatusCode.Gone, submitted.StatusCode);
        Assert.Equal(Localized.Text("fr", "This consultation is closed"), (await Html.ParseAsync(submitted)).Text("h1"));
        Assert.Empty(await closed.ResponsesAsync());
    }

    [Theory]
    [InlineData(1, "Save and continue", new string[0])]
    [InlineData(2, "Save and continue", new[] { "previous" })]
    [InlineData(3, "Continue to review your answers", new[] { "previous" })]
    public async Task EveryAnswerPage_HasMovingOnAsItsFirstSubmitButton_ThenBack_ThenTheLanguages(int section, string primary, string[] moves)
    {
        var form = await app.Respondent("ja").GetPageAsync($"{PublicLink}/answer/{section}");

        var buttons = form.QuerySelectorAll("#answer-form button[type=submit], #answer-form input[type=submit], button[form=answer-form]").ToList();
        Assert.Equal(Localized.Text("ja", primary), buttons[0].TextContent.Trim());
        Assert.True(buttons[0].HasAttribute("data-primary-action"));
        Assert.Equal(("move", "next"), (buttons[0].GetAttribute("name"), buttons[0].GetAttribute("value")));
        Assert.Equal(moves, buttons.Skip(1).Where(b => b.GetAttribute("name") == "move").Select(b => b.GetAttribute("value")));
        Assert.All(buttons.Skip(1 + moves.Length), b => Assert.Equal("switchLanguage", b.GetAttribute("name")));
        Assert.Contains(Localized.Text("ja", "Section {0} of {1}", section, 3), form.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchingLanguage_WithoutScripts_KeepsWhatWasTyped_AndIsRemembered()
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        var review = await client.ReviewPageAsync(form, DemoAnswers.Valid());
        var reviewAction = review.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#review-form")!.GetAttribute("action")!;
        var third = await client.GetPageAsync($"{reviewAction[..^"/review".Length]}/answer/3");
        var japanese = third.QuerySelectorAll("button[name=switchLanguage]").OfType<AngleSharp.Html.Dom.IHtmlButtonElement>().Single(b => b.Value == "ja");
        var typed = DemoAnswers.ValidWith("evidence_gaps", "Evidence on model autonomy is thin.");
        typed["top_risk"] = [];

        var switched = await client.SubmitAsync(third, typed, submitter: japanese);

        await ResponseAssert.RedirectsTo($"{PublicLink}/answer/3", switched);
        var page = await client.GetPageAsync(switched.Headers.Location!.OriginalString);
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Evidence on model autonomy is thin.", page.Text("#q-evidence_gaps"));
        Assert.Empty(page.QuerySelectorAll("input[name='a.top_risk']:checked"));
        Assert.Empty(page.QuerySelectorAll(".question__error"));
        Assert.Equal("ja", (await Html.ParseAsync(await client.GetAsync(PublicLink))).DocumentElement.GetAttribute("lang"));
        var draft = (await app.ResponseAtAsync(switched))!;
        Assert.Equal(ResponseStatus.InProgress, draft.Status);
        Assert.Equal("ja", draft.Language);
        Assert.Equal(["fr"], draft.Fields["a.country"]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ja")]
    [InlineData("ko")]
    [InlineData("sw")]
    public async Task PublicLink_ChosenLanguage_ShowsEveryTextInIt_AndTheResponseRecordsIt(string language)
    {
        var client = app.Respondent();
        await client.GetPageAsync($"{PublicLink}?lang={language}");
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        var english = await app.Respondent().GetPageAsync($"{PublicLink}/answer?lang=en");

        Assert.Equal(language, form.DocumentElement.GetAttribute("lang"));
        var labels = form.QuerySelectorAll(".question__label, legend, h2, .form-check-label").Select(e => e.TextContent.Trim()).ToList();
        var englishLabels = english.QuerySelectorAll(".question__label, legend, h2, .form-check-label").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(englishLabels.Count, labels.Count);
        Assert.All(labels, l => Assert.False(string.IsNullOrWhiteSpace(l)));
        if (language != "en")
            Assert.True(labels.Zip(englishLabels).Count(p => p.First == p.Second) <= 8, "Too many texts are still in English.");

        var submitted = await client.CompleteAsync(form, DemoAnswers.Valid(language == "fr" ? "12,5" : "12.5"));
        await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", submitted);
        var thanks = await client.GetPageAsync($"{PublicLink}/thank-you");
        Assert.Equal(Localized.Text(language, "Response submitted"), thanks.Text("h1"));
        Assert.Equal(language, (await app.ResponseAtAsync(submitted))!.Language);
    }
}

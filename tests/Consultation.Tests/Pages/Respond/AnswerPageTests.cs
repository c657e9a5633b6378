using AngleSharp.Dom;
using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Tests.Pages.Respond;

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
        Assert.Contains("Priorités de la recherche internationale", landing.Text("h1"));

        var form = await client.GetPageAsync($"{PublicLink}/answer");
        Assert.Equal("fr", form.DocumentElement.GetAttribute("lang"));
        var submitted = await client.CompleteAsync(form, DemoAnswers.Valid(decimalShare: "12,5"));

        await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", submitted);
        var thanks = await client.GetPageAsync($"{PublicLink}/thank-you");
        Assert.Equal("fr", thanks.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Merci", thanks.Body!.TextContent);

        var key = Guid.Parse(form.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")!);
        var response = await app.WithDbAsync(db => db.Responses.SingleAsync(r => r.IdempotencyKey == key));
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
        Assert.Equal(InvitationStatus.Opened, await app.WithDbAsync(db => db.Invitations.Where(i => i.TokenHash == opened).Select(i => i.Status).SingleAsync()));
        Assert.Contains("국제 AI 안전", landing.Text("h1"));

        var form = await client.GetPageAsync($"/r/{token}/answer");
        Assert.Equal("ko", form.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text("ko", "Submit"), form.Text("[data-primary-action]"));
        var submitted = await client.CompleteAsync(form, DemoAnswers.ValidWith("respondent_type", "civil_society"));
        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", submitted);

        var thanks = await client.GetPageAsync($"/r/{token}/thank-you");
        Assert.Equal("ko", thanks.DocumentElement.GetAttribute("lang"));

        var hash = InvitationToken.Hash(token)!;
        var invitation = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.TokenHash == hash));
        var response = await app.WithDbAsync(db => db.Responses.SingleAsync(r => r.InvitationId == invitation.Id));
        Assert.Equal(InvitationStatus.Completed, invitation.Status);
        Assert.Equal("ko", response.Language);
        Assert.Equal(ResponseChannel.Invitation, response.Channel);
        Assert.Equal(Sector.CivilSociety, response.Sector);
    }

    [Fact]
    public async Task CompletedPersonalLink_OpenedAgain_ShowsTheThankYouStateAndNeverASecondResponse()
    {
        var token = await app.NewInvitationAsync("sw");
        var client = app.Respondent();
        var form = await client.GetPageAsync($"/r/{token}/answer");
        await ResponseAssert.RedirectsTo($"/r/{token}/thank-you", await client.CompleteAsync(form, DemoAnswers.Valid()));

        var reopened = await client.GetAsync($"/r/{token}");
        Assert.Equal($"/r/{token}/thank-you", reopened.Headers.Location!.OriginalString);
        var thanks = await client.GetPageAsync($"/r/{token}/thank-you");
        Assert.Equal("sw", thanks.DocumentElement.GetAttribute("lang"));

        // The same form posted again (the back button), and a fresh form from another device.
        var again = await client.CompleteAsync(form, DemoAnswers.Valid());
        Assert.Equal($"/r/{token}/thank-you", again.Headers.Location!.OriginalString);
        var otherDevice = app.Respondent();
        Assert.Equal(HttpStatusCode.Redirect, (await otherDevice.GetAsync($"/r/{token}/answer")).StatusCode);

        var hash = InvitationToken.Hash(token)!;
        var count = await app.WithDbAsync(db => db.Responses.CountAsync(r =>
            db.Invitations.Any(i => i.Id == r.InvitationId && i.TokenHash == hash)));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task DoubleSubmit_OfTheSamePublicForm_StoresOneResponse()
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        var first = client.CompleteAsync(form, DemoAnswers.Valid());
        var second = client.CompleteAsync(form, DemoAnswers.Valid());
        var results = await Task.WhenAll(first, second);

        foreach (var result in results)
            await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", result);
        var key = Guid.Parse(form.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")!);
        Assert.Equal(1, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.IdempotencyKey == key)));
    }

    [Fact]
    public async Task RevokedPersonalLink_SaysSoInTheInvitationsLanguage_AndTakesNoAnswers()
    {
        var token = await app.NewInvitationAsync("fr");
        var hash = InvitationToken.Hash(token)!;
        await app.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.TokenHash == hash);
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
        Assert.Equal(0, await app.WithDbAsync(db => db.Responses.CountAsync(r => db.Invitations.Any(i => i.Id == r.InvitationId && i.TokenHash == hash))));
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

    [Fact]
    public async Task AnswerForm_HasThePrimaryActionAsItsFirstSubmitButton()
    {
        var form = await app.Respondent("ja").GetPageAsync($"{PublicLink}/answer");

        var buttons = form.QuerySelectorAll("#answer-form button[type=submit], #answer-form input[type=submit], button[form=answer-form]").ToList();
        Assert.Equal(Localized.Text("ja", "Submit"), buttons[0].TextContent.Trim());
        Assert.True(buttons[0].HasAttribute("data-primary-action"));
        Assert.All(buttons.Skip(1), b => Assert.Equal("switchLanguage", b.GetAttribute("name")));
    }

    [Fact]
    public async Task SwitchingLanguage_WithoutScripts_KeepsWhatWasTyped_AndIsRemembered()
    {
        var client = app.Respondent();
        var form = await client.GetPageAsync($"{PublicLink}/answer");
        var japanese = form.QuerySelectorAll("button[name=switchLanguage]").OfType<AngleSharp.Html.Dom.IHtmlButtonElement>().Single(b => b.Value == "ja");
        var typed = DemoAnswers.ValidWith("evidence_gaps", "Evidence on model autonomy is thin.");
        typed["country"] = ["jp"];

        var switched = await client.CompleteAsync(form, typed, submitter: japanese);

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        var page = await Html.ParseAsync(switched);
        Assert.Equal("ja", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Evidence on model autonomy is thin.", page.Text("#q-evidence_gaps"));
        Assert.Equal("jp", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#q-country")!.Value);
        Assert.Empty(page.QuerySelectorAll(".question__error"));
        Assert.Equal("ja", (await Html.ParseAsync(await client.GetAsync(PublicLink))).DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain(await app.ResponsesAsync(), r => r.Answers.Text("evidence_gaps") == "Evidence on model autonomy is thin.");
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

        var key = Guid.Parse(form.QuerySelector("input[name=SubmissionKey]")!.GetAttribute("value")!);
        await ResponseAssert.RedirectsTo($"{PublicLink}/thank-you", await client.CompleteAsync(form, DemoAnswers.Valid(language == "fr" ? "12,5" : "12.5")));
        var thanks = await client.GetPageAsync($"{PublicLink}/thank-you");
        Assert.Equal(Localized.Text(language, "Response submitted"), thanks.Text("h1"));
        Assert.Equal(language, (await app.WithDbAsync(db => db.Responses.SingleAsync(r => r.IdempotencyKey == key))).Language);
    }
}

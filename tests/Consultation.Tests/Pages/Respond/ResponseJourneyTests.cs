namespace Consultation.Tests.Pages.Respond;

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The journey page by page, without scripts: answers saved between pages, resumed on another device, the language switched
/// midway, reviewed, submitted once, changed after submitting with every change kept, and refused after the deadline.
/// </summary>
public sealed class ResponseJourneyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string[]> Answers(params (string Field, string Value)[] answers) =>
        answers.ToDictionary(a => a.Field, a => new[] { a.Value });

    private Task<Response?> ResponseOfAsync(string token) => app.WithDbAsync(db =>
    {
        var pointer = InvitationToken.ResponsePointer(token);
        return db.Responses.AsNoTracking().SingleOrDefaultAsync(r => r.ResponsePointer == pointer);
    });

    private static string Location(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        return response.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task APersonalLink_SavedOnThePhone_ResumesOnTheLaptop_WhereItStopped()
    {
        var journey = await app.JourneyAsync();
        var phone = app.Respondent();
        var first = await phone.GetPageAsync($"{journey.PersonalLink}/answer");
        // Until the role is known, the company section is not counted.
        Assert.Contains("Section 1 of 2", first.Text(".section-progress"), StringComparison.Ordinal);

        Assert.Equal($"{journey.PersonalLink}/answer/2", Location(await phone.SubmitAsync(first, Answers(("role", "industry")))));

        var laptop = app.Respondent();
        var landing = await laptop.GetPageAsync(journey.PersonalLink);
        Assert.Equal(Localized.Text("en", "Continue where you stopped"), landing.Text(".landing-actions .btn"));
        var resumed = await laptop.GetPageAsync($"{journey.PersonalLink}/answer");
        Assert.Contains("Share of budget on safety", resumed.Text("h2 + .question, .question"), StringComparison.Ordinal);
        Assert.Contains("Section 2 of 3", resumed.Text(".section-progress"), StringComparison.Ordinal);
        var draft = await ResponseOfAsync(journey.Token);
        Assert.Equal(ResponseStatus.InProgress, draft!.Status);
        Assert.Equal(["industry"], draft.Fields["a.role"]);
        var back = await laptop.GetPageAsync($"{journey.PersonalLink}/answer/1");
        Assert.True(back.QuerySelector<IHtmlInputElement>("input[name='a.role'][value=industry]")!.IsChecked);
    }

    [Fact]
    public async Task APageKeptBlankInMemory_IsNeverServedOnceTheLinkHasAnswers()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var path = $"{journey.PersonalLink}/answer/1";
        await app.Respondent().GetPageAsync(path);
        var blank = await client.GetPageAsync(path);
        Assert.Empty(blank.QuerySelectorAll("input[name='a.role'][checked]"));

        await client.SubmitAsync(blank, Answers(("role", "industry")));

        Assert.NotNull((await app.Respondent().GetPageAsync(path)).QuerySelector("input[name='a.role'][value=industry][checked]"));
        // A public link's blank first page is still blank for the next visitor.
        await client.GetPageAsync($"{journey.PublicLink}/answer/1");
        Assert.Empty((await app.Respondent().GetPageAsync($"{journey.PublicLink}/answer/1")).QuerySelectorAll("input[checked]"));
    }

    [Fact]
    public async Task APublicLink_FirstSave_MovesToAResumeLink_ThatOpensTheSameAnswersOnAnotherDevice()
    {
        var journey = await app.JourneyAsync();
        var phone = app.Respondent();
        var moved = Location(await phone.SubmitAsync(await phone.GetPageAsync($"{journey.PublicLink}/answer"), Answers(("role", "academic"))));

        Assert.Matches($"^/c/{journey.Slug}/resume/[A-Za-z0-9_-]{{22}}/answer/3$", moved);
        var resumeBase = moved[..moved.IndexOf("/answer", StringComparison.Ordinal)];
        var page = await phone.GetPageAsync(moved);
        Assert.Contains($"{resumeBase}/answer", page.Text(".resume-panel"), StringComparison.Ordinal);

        var laptop = app.Respondent();
        var again = await laptop.GetPageAsync($"{resumeBase}/answer/1");
        Assert.True(again.QuerySelector<IHtmlInputElement>("input[name='a.role'][value=academic]")!.IsChecked);
        // The section the answers skip is skipped: academics never see the company questions.
        Assert.Contains("Section 2 of 2", (await laptop.GetPageAsync($"{resumeBase}/answer/3")).Text(".section-progress"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionWhoseConditionLooksAtItsOwnPage_SaysWhenItApplies_ForPagesWithoutScripts()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        await client.SubmitAsync(await client.GetPageAsync($"{journey.PersonalLink}/answer/1"), Answers(("role", "industry")));

        var views = await client.GetPageAsync($"{journey.PersonalLink}/answer/3");
        var company = await client.GetPageAsync($"{journey.PersonalLink}/answer/2");

        var hint = views.QuerySelector("#question-why [data-condition-hint]")!.TextContent;
        Assert.Contains("Do you agree with the plan?", hint, StringComparison.Ordinal);
        Assert.StartsWith("Answer only if", hint.Trim(), StringComparison.Ordinal);
        Assert.Null(views.QuerySelector("#question-agree [data-condition-hint]"));
        // A condition on an earlier page is already decided: the question is there, and says nothing about it.
        Assert.Null(company.QuerySelector("#question-share [data-condition-hint]"));
    }

    [Fact]
    public async Task AnUnknownResumeLink_SaysTheLinkIsNotFound()
    {
        var journey = await app.JourneyAsync();
        var response = await app.Respondent().GetAsync($"{journey.PublicLink}/resume/{InvitationToken.New()}/answer");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AResumeLink_SpelledAnyOtherWay_IsNotFound()
    {
        var journey = await app.JourneyAsync();
        var phone = app.Respondent();
        var moved = Location(await phone.SubmitAsync(await phone.GetPageAsync($"{journey.PublicLink}/answer"), Answers(("role", "academic"))));
        var resume = moved.Split('/')[4];

        foreach (var spelling in new[] { resume + "==", resume + "%20", resume + "%09" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.Respondent().GetAsync($"{journey.PublicLink}/resume/{spelling}/answer/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Respondent().GetAsync($"{journey.PublicLink}/resume/{resume}/answer/1")).StatusCode);
    }

    [Fact]
    public async Task AnswersToASectionTheRoleNowSkips_AreDiscarded_AndTheReviewNeverShowsThem()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/1"), Answers(("role", "industry")));
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/2"), Answers(("share", "40")));
        Assert.Equal(["40"], (await ResponseOfAsync(journey.Token))!.Fields["a.share"]);

        var next = Location(await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/1"), Answers(("role", "academic"))));

        Assert.Equal($"{link}/answer/3", next);
        Assert.False((await ResponseOfAsync(journey.Token))!.Fields.ContainsKey("a.share"));
        await client.SubmitAsync(await client.GetPageAsync(next), Answers(("agree", "yes")));
        var review = await client.GetPageAsync($"{link}/review");
        Assert.DoesNotContain("Share of budget", review.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"{link}/thank-you", Location(await client.SubmitAsync(review, formSelector: "#review-form")));
        var submitted = await ResponseOfAsync(journey.Token);
        Assert.Equal(ResponseStatus.Submitted, submitted!.Status);
        Assert.False(submitted.Answers.Has("share"));
        Assert.Equal("academic", submitted.Answers.Text("role"));
    }

    [Fact]
    public async Task SwitchingLanguage_Midway_KeepsEveryAnswer_AndADecimalTypedTheFrenchWay()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent("fr-FR,fr;q=0.9");
        var moved = Location(await client.SubmitAsync(await client.GetPageAsync($"{journey.PublicLink}/answer/1"), Answers(("role", "industry"))));
        var link = moved[..moved.IndexOf("/answer", StringComparison.Ordinal)];
        var french = await client.GetPageAsync($"{link}/answer/2");
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        var english = french.QuerySelector<IHtmlButtonElement>("button[name=switchLanguage][value=en]")!;

        Assert.Equal($"{link}/answer/2", Location(await client.SubmitAsync(french, Answers(("share", "12,5")), submitter: english)));

        var shown = await client.GetPageAsync($"{link}/answer/2");
        Assert.Equal("en", shown.DocumentElement.GetAttribute("lang"));
        Assert.Equal("12.5", shown.QuerySelector<IHtmlInputElement>("input[name='a.share']")!.Value);
        Assert.True((await client.GetPageAsync($"{link}/answer/1")).QuerySelector<IHtmlInputElement>("input[name='a.role'][value=industry]")!.IsChecked);
        await ResponseAssert.RedirectsTo($"{link}/thank-you", await client.CompleteAsync(shown, Answers(("agree", "yes"))));
        var stored = await app.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == journey.Consultation.Id));
        Assert.Equal(12.5m, stored.Answers.Number("share"));
    }

    [Fact]
    public async Task Autosave_StoresThePageAsTyped_AndAnswersWithNoContent()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var page = await client.GetPageAsync($"{journey.PersonalLink}/answer/1");
        var form = page.QuerySelector<IHtmlFormElement>("#answer-form")!;
        Assert.Equal($"{journey.PersonalLink}/answer/1?handler=Autosave", form.GetAttribute("data-autosave"));

        var saved = await client.PostAsync(form.GetAttribute("data-autosave"), new FormUrlEncodedContent(Html.FormValues(form, Answers(("role", "academic")))));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var draft = await ResponseOfAsync(journey.Token);
        Assert.Equal(["academic"], draft!.Fields["a.role"]);
        Assert.Equal(ResponseStatus.InProgress, draft.Status);
    }

    [Fact]
    public async Task Autosave_OnAPublicLink_TellsThePageItsNewResumeLink()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var form = (await client.GetPageAsync($"{journey.PublicLink}/answer/1")).QuerySelector<IHtmlFormElement>("#answer-form")!;

        var saved = await client.PostAsync(form.GetAttribute("data-autosave"), new FormUrlEncodedContent(Html.FormValues(form, Answers(("role", "academic")))));

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var moved = saved.Headers.GetValues("X-Resume-Path").Single();
        Assert.Matches($"^/c/{journey.Slug}/resume/[A-Za-z0-9_-]{{22}}/answer/1$", moved);
        Assert.True((await app.Respondent().GetPageAsync(moved)).QuerySelector<IHtmlInputElement>("input[name='a.role'][value=academic]")!.IsChecked);
    }

    [Fact]
    public async Task TheReviewPage_ListsWhatIsMissing_LinkingToItsPage_AndSubmitsNothingUntilFixed()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/1"), Answers(("role", "academic")));
        // "Previous" saves without stopping at what is missing.
        var third = await client.GetPageAsync($"{link}/answer/3");
        await client.SubmitAsync(third, submitter: third.QuerySelector<IHtmlButtonElement>("button[value=previous]"));

        var review = await client.GetPageAsync($"{link}/review");
        var problem = review.QuerySelector("[data-error-summary] a")!;
        Assert.Equal($"{link}/answer/3?check=true#question-agree", problem.GetAttribute("href"));
        var refused = await client.SubmitAsync(review, formSelector: "#review-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(ResponseStatus.InProgress, (await ResponseOfAsync(journey.Token))!.Status);

        var fix = await client.GetPageAsync(problem.GetAttribute("href")!);
        Assert.Equal("true", fix.QuerySelector("input[name='a.agree']")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task ADoubleClickOnSubmit_MakesOneSubmissionAndOneRevision()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/1"), Answers(("role", "academic")));
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/3"), Answers(("agree", "yes")));
        var review = await client.GetPageAsync($"{link}/review");

        var clicks = await Task.WhenAll(client.SubmitAsync(review, formSelector: "#review-form"), client.SubmitAsync(review, formSelector: "#review-form"));
        var replayed = await client.SubmitAsync(review, formSelector: "#review-form");

        foreach (var click in clicks.Append(replayed))
            Assert.Equal($"{link}/thank-you", Location(click));
        var response = await ResponseOfAsync(journey.Token);
        Assert.Equal(1, response!.Revision);
        Assert.Equal(1, await app.WithDbAsync(db => db.ResponseRevisions.CountAsync(r => r.ResponseId == response.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Recipient == journey.Email && e.Kind == EmailKind.Receipt)));
    }

    [Fact]
    public async Task AChangeAfterSubmitting_IsKeptAsANewRevisionWithItsTime_AndTheFirstAnswersStay()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await ResponseAssert.RedirectsTo($"{link}/thank-you",
            await client.CompleteAsync(await client.GetPageAsync($"{link}/answer"), Answers(("role", "academic"), ("agree", "yes"))));
        var thanks = await client.GetPageAsync($"{link}/thank-you");
        Assert.Equal($"{link}/review", thanks.QuerySelector(".thank-you-actions a[href$='/review']")!.GetAttribute("href"));

        app.Clock.Advance(TimeSpan.FromHours(3));
        var changing = await client.GetPageAsync($"{link}/answer/3");
        Assert.Contains(Localized.Text("en", "You are changing the response you submitted. Your changes count once you submit them again from the review page."),
            changing.Body!.TextContent, StringComparison.Ordinal);
        await ResponseAssert.RedirectsTo($"{link}/thank-you", await client.CompleteAsync(changing, Answers(("agree", "no"), ("why", "Too fast"))));

        var response = await ResponseOfAsync(journey.Token);
        var revisions = await app.WithDbAsync(db => db.ResponseRevisions.AsNoTracking().Where(r => r.ResponseId == response!.Id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal(2, response!.Revision);
        Assert.Equal("no", response.Answers.Text("agree"));
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal("yes", revisions[0].Answers.Text("agree"));
        Assert.Equal("Too fast", revisions[1].Answers.Text("why"));
        Assert.Equal(TimeSpan.FromHours(3), revisions[1].SubmittedAt - revisions[0].SubmittedAt);
        Assert.Equal(revisions[0].SubmittedAt, response.SubmittedAt);
        Assert.Equal(revisions[1].SubmittedAt, response.ChangedAt);
        Assert.Equal(1, await app.WithDbAsync(db => db.Responses.CountAsync(r => r.ConsultationId == journey.Consultation.Id)));
    }

    [Fact]
    public async Task AfterTheDeadline_AnswerAndReviewPagesSaySo_AndNothingIsStored()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await client.SubmitAsync(await client.GetPageAsync($"{link}/answer/1"), Answers(("role", "academic")));
        var third = await client.GetPageAsync($"{link}/answer/3");
        var review = await client.GetPageAsync($"{link}/review");
        var before = (await ResponseOfAsync(journey.Token))!;

        app.Clock.Advance(TimeSpan.FromDays(11));

        var page = await client.GetAsync($"{link}/answer/3");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains(Localized.Text("en", "This consultation is closed"), (await Html.ParseAsync(page)).Text("h1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await client.SubmitAsync(third, Answers(("agree", "yes")))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.SubmitAsync(review, formSelector: "#review-form")).StatusCode);
        var after = (await ResponseOfAsync(journey.Token))!;
        Assert.Equal(ResponseStatus.InProgress, after.Status);
        Assert.Equal(before.Fields.Keys, after.Fields.Keys);
    }

    [Fact]
    public async Task BeforeItOpens_TheAnswerPagesLeadToTheLandingPage_WhichSaysWhen_AndNothingIsStored()
    {
        var journey = await app.JourneyAsync(opensIn: TimeSpan.FromDays(2));
        var client = app.Respondent();

        Assert.Equal(journey.PersonalLink, Location(await client.GetAsync($"{journey.PersonalLink}/answer/1")));
        var posted = await client.PostAsync($"{journey.PersonalLink}/answer/1", new FormUrlEncodedContent([new("a.role", "academic")]));

        Assert.Equal(journey.PersonalLink, Location(posted));
        Assert.Equal(Localized.Text("en", "This consultation is not open yet"), (await client.GetPageAsync(journey.PersonalLink)).Text(".notice-panel h2"));
        Assert.Null(await ResponseOfAsync(journey.Token));
    }

    [Fact]
    public async Task ATamperedSectionNumber_IsRefusedInWords_AndTheDraftIsUntouched()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var page = await client.GetPageAsync($"{journey.PersonalLink}/answer/1");
        page.QuerySelector<IHtmlFormElement>("#answer-form")!.SetAttribute("action", $"{journey.PersonalLink}/answer/99");

        var refused = await client.SubmitAsync(page, Answers(("role", "academic")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "This page of the questionnaire does not exist. Your saved answers are below."),
            (await Html.ParseAsync(refused)).Text(".alert"), StringComparison.Ordinal);
        Assert.Null(await ResponseOfAsync(journey.Token));
    }

    [Fact]
    public async Task ATamperedVersion_IsRefusedInWords_KeepingWhatWasTyped_AndStoringNothing()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var page = await client.GetPageAsync($"{journey.PersonalLink}/answer/1");

        var refused = await client.SubmitAsync(page, new Dictionary<string, string[]> { ["VersionId"] = [Guid.NewGuid().ToString()], ["role"] = ["industry"] });

        var shown = await Html.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "This page did not match the questionnaire. Check your answers on it and continue."), shown.Text(".alert"), StringComparison.Ordinal);
        Assert.True(shown.QuerySelector<IHtmlInputElement>("input[name='a.role'][value=industry]")!.IsChecked);
        Assert.Null(await ResponseOfAsync(journey.Token));
    }

    [Fact]
    public async Task MyAnswers_ShowsWhatWasSubmitted_InWords_ReachedOnlyThroughTheLink()
    {
        var journey = await app.JourneyAsync();
        var client = app.Respondent();
        var link = journey.PersonalLink;
        await client.GetPageAsync($"{link}?lang=fr");
        await client.CompleteAsync(await client.GetPageAsync($"{link}/answer"), Answers(("role", "industry"), ("share", "7,5"), ("agree", "no"), ("why", "Trop rapide")));

        var mine = await client.GetPageAsync($"{link}/my-answers");

        var text = mine.QuerySelector(".review-answers")!.TextContent + mine.Body!.TextContent;
        Assert.Contains("Une entreprise", text, StringComparison.Ordinal);
        Assert.Contains("7,5", text, StringComparison.Ordinal);
        Assert.Contains("Trop rapide", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Respondent().GetAsync($"{journey.PublicLink}/resume/{InvitationToken.New()}/my-answers")).StatusCode);
    }

    [Fact]
    public async Task APublicRespondent_AsksForTheResumeLinkByEmail_AndGetsIt_WithoutItStayingInTheOutbox()
    {
        var journey = await app.JourneyAsync(anonymous: true);
        var client = app.Respondent();
        var moved = Location(await client.SubmitAsync(await client.GetPageAsync($"{journey.PublicLink}/answer/1"), Answers(("role", "academic"))));
        var page = await client.GetPageAsync(moved);

        var wrong = await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = ["not an address"] }, formSelector: ".resume-form");
        Assert.Equal("true", (await Html.ParseAsync(wrong)).QuerySelector("#resume-email")!.GetAttribute("aria-invalid"));
        var sentResponse = await client.SubmitAsync(page, new Dictionary<string, string[]> { ["ResumeEmail"] = ["later@example.org"] }, formSelector: ".resume-form");
        var sent = await Html.ParseAsync(sentResponse);
        Assert.True(sentResponse.StatusCode == HttpStatusCode.OK, $"{(int)sentResponse.StatusCode}: {sent.Body!.TextContent[..Math.Min(2000, sent.Body!.TextContent.Length)]}");

        Assert.Contains("later@example.org", sent.Text(".resume-panel [role=status]"), StringComparison.Ordinal);
        var email = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Recipient == "later@example.org"));
        Assert.Equal(EmailKind.ResumeLink, email.Kind);
        var resumeLink = moved[..moved.IndexOf("/answer", StringComparison.Ordinal)] + "/answer";
        Assert.Contains(resumeLink, email.TextBody, StringComparison.Ordinal);
        Assert.True(email.CarriesAnswers, "The resume link's body must be dropped once sent, as a receipt's answers are.");
    }
}

namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

/// <summary>
/// The paged journey in Chromium (issue 8): without scripts, a section skipped and a hidden question left unanswered by the
/// server alone; autosave saving a draft and moving a public link's address bar to its resume link; a double click on
/// Submit counted once.
/// </summary>
[Trait("Category", "Browser")]
public sealed class RespondentJourneyInBrowserTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private const string SavedText = "Your answers are saved.";

    private Task<List<Response>> ResponsesToAsync(Guid consultationId) =>
        Browser.App.WithDbAsync(db => db.Responses.AsNoTracking().Where(r => r.ConsultationId == consultationId).ToListAsync());

    [Fact]
    public async Task WithoutJavaScript_ASectionTheAnswersHideIsSkipped_AndHiddenQuestionsAreNotStored()
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB", javaScript: false);
        await page.GotoAsync($"{journey.PublicLink}/answer");
        Assert.False(await page.EvaluateAsync<bool>("() => typeof window.ConsultationShowIf !== 'undefined'"));
        await Assertions.Expect(page.Locator(".section-progress")).ToHaveTextAsync("Section 1 of 2");

        // A company: the company section comes next, and a share is given there.
        await page.Locator("input[name='a.role'][value=industry]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, $"**/c/{journey.Slug}/resume/*/answer/2");
        await Assertions.Expect(page.Locator(".section-progress")).ToHaveTextAsync("Section 2 of 3");
        await page.GetByLabel("Share of budget on safety (%)").FillAsync("12.5");
        await RespondentSteps.ContinueAsync(page, "**/answer/3");

        // Back to the first page: a university after all. The company section is skipped from then on.
        await RespondentSteps.PreviousAsync(page, "**/answer/2");
        await RespondentSteps.PreviousAsync(page, "**/answer/1");
        await page.Locator("input[name='a.role'][value=academic]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await Assertions.Expect(page.Locator(".section-progress")).ToHaveTextAsync("Section 2 of 2");
        await Assertions.Expect(page.GetByLabel("Share of budget on safety (%)")).ToHaveCountAsync(0);

        // Without scripts the follow-up "Why not?" stays on the page; typed in while agreeing, it is not kept.
        await page.Locator("input[name='a.agree'][value=yes]").CheckAsync();
        await page.GetByLabel("Why not?").FillAsync("Typed, then agreed.");
        await BrowserFixture.ScreenshotAsync(page, "journey-no-js-page-3");
        await RespondentSteps.ContinueAsync(page, "**/review");

        var review = page.Locator(".review-section");
        await Assertions.Expect(review).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Your company");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Typed, then agreed.");
        await BrowserFixture.ScreenshotAsync(page, "journey-no-js-review");
        await RespondentSteps.SubmitReviewAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Response submitted");

        var stored = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal(1, stored.Revision);
        Assert.Equal("academic", stored.Answers.Text("role"));
        Assert.Equal("yes", stored.Answers.Text("agree"));
        Assert.DoesNotContain(stored.Answers.Values.Keys, key => key.StartsWith("share", StringComparison.Ordinal) || key.StartsWith("why", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutJavaScript_AFollowUpOnTheSamePage_IsStoredWhenItsConditionHolds()
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB", javaScript: false);
        await page.GotoAsync($"{journey.PersonalLink}/answer");

        await page.Locator("input[name='a.role'][value=industry]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, $"**{journey.PersonalLink}/answer/2");
        await page.GetByLabel("Share of budget on safety (%)").FillAsync("12.5");
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await page.Locator("input[name='a.agree'][value=no]").CheckAsync();
        await page.GetByLabel("Why not?").FillAsync("Too vague.");
        await RespondentSteps.ContinueAsync(page, "**/review");
        await Assertions.Expect(page.Locator(".review-section")).ToHaveCountAsync(3);
        await RespondentSteps.SubmitReviewAsync(page);

        var stored = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal(12.5m, stored.Answers.Number("share"));
        Assert.Equal("no", stored.Answers.Text("agree"));
        Assert.Equal("Too vague.", stored.Answers.Text("why"));
    }

    [Fact]
    public async Task Autosave_OnAPublicLink_SavesADraftAfterAPause_AndMovesTheAddressBarToTheResumeLink()
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB");
        var autosaves = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.Contains("handler=Autosave", StringComparison.Ordinal))
                autosaves++;
        };
        await page.GotoAsync($"{journey.PublicLink}/answer");
        var status = page.Locator("[data-autosave-status]");
        await Assertions.Expect(status).ToBeEmptyAsync();

        await page.Locator("input[name='a.role'][value=industry]").CheckAsync();
        await Assertions.Expect(status).ToHaveTextAsync(SavedText, new() { Timeout = 20_000 });
        // The address bar now holds the resume link, without the page being loaded again.
        Assert.Matches($"/c/{journey.Slug}/resume/[A-Za-z0-9_-]{{22}}/answer/1$", page.Url);
        var draft = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.InProgress, draft.Status);
        Assert.Equal(["industry"], draft.Fields["a.role"]);
        await Assertions.Expect(page.Locator("#answer-form")).ToHaveAttributeAsync("action", new Uri(page.Url).AbsolutePath);
        // The page now offers the resume link, and to email it, without being loaded again.
        var resumeLink = page.Url[..page.Url.LastIndexOf('/')];
        await Assertions.Expect(page.Locator("[data-resume-panel]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-resume-link]")).ToHaveAttributeAsync("href", resumeLink);
        await Assertions.Expect(page.Locator("form.resume-form")).ToHaveAttributeAsync("action", new Uri(page.Url).AbsolutePath + "?handler=ResumeLink");
        await BrowserFixture.ScreenshotAsync(page, "journey-autosave-saved");

        // The next page, typed into and left alone: saved to the same draft, and the form is the resume link's.
        await RespondentSteps.ContinueAsync(page, "**/resume/*/answer/2");
        await page.GetByLabel("Share of budget on safety (%)").PressSequentiallyAsync("42.5");
        await Assertions.Expect(page.Locator("[data-autosave-status]")).ToHaveTextAsync(SavedText, new() { Timeout = 20_000 });
        draft = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(["42.5"], draft.Fields["a.share"]);
        Assert.Equal(2, draft.CurrentSection);
        // One save per pause, not one per key.
        output.WriteLine($"{autosaves} autosave request(s)");
        Assert.InRange(autosaves, 2, 3);

        // On another device, the resume link opens the answers as saved.
        var laptop = await Browser.NewPageAsync("en-GB");
        await laptop.GotoAsync(page.Url);
        await Assertions.Expect(laptop.GetByLabel("Share of budget on safety (%)")).ToHaveValueAsync("42.5");
    }

    [Fact]
    public async Task Autosave_OnAPersonalLink_KeepsTheAddress_AndTheDraftHoldsWhatWasTyped()
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB");
        await page.GotoAsync($"{journey.PersonalLink}/answer/1");
        await page.Locator("input[name='a.role'][value=academic]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/3");

        await page.Locator("input[name='a.agree'][value=no]").CheckAsync();
        // The follow-up shows as soon as its condition holds (show-if.js), and what is typed into it is saved.
        await page.GetByLabel("Why not?").PressSequentiallyAsync("Too vague.");
        await Assertions.Expect(page.Locator("[data-autosave-status]")).ToHaveTextAsync(SavedText, new() { Timeout = 20_000 });
        Assert.EndsWith($"{journey.PersonalLink}/answer/3", page.Url, StringComparison.Ordinal);
        var draft = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.InProgress, draft.Status);
        Assert.Equal(["no"], draft.Fields["a.agree"]);
        Assert.Equal(["Too vague."], draft.Fields["a.why"]);
    }

    [Fact]
    public async Task DoubleClickOnSubmit_MakesOneSubmittedResponse_AtRevisionOne()
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB");
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/review", StringComparison.Ordinal))
                posts++;
        };
        await page.GotoAsync($"{journey.PersonalLink}/answer");
        await page.Locator("input[name='a.role'][value=academic]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await page.Locator("input[name='a.agree'][value=yes]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/review");

        await page.Locator("#review-form button[data-primary-action]").DblClickAsync();
        // Polled rather than awaited as one navigation: the second click may abort the first click's navigation.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/thank-you$"), new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Response submitted");
        // Chromium may send one request or two (the second replacing the first navigation): one submit either way.
        output.WriteLine($"{posts} submit request(s) sent");
        Assert.InRange(posts, 1, 2);

        var stored = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal(1, stored.Revision);
        var revisions = await Browser.App.WithDbAsync(db => db.ResponseRevisions.AsNoTracking().Where(r => r.ResponseId == stored.Id).Select(r => r.Number).ToListAsync());
        Assert.Equal([1], revisions);
    }

    [Theory]
    [InlineData("personal")]
    [InlineData("public")]
    public async Task TheReviewFormPostedTwiceAtOnce_MakesOneSubmittedResponse_AtRevisionOne(string link)
    {
        var journey = await Browser.App.JourneyAsync();
        var page = await Browser.NewPageAsync("en-GB");
        await page.GotoAsync($"{(link == "personal" ? journey.PersonalLink : journey.PublicLink)}/answer");
        await page.Locator("input[name='a.role'][value=academic]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await page.Locator("input[name='a.agree'][value=yes]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/review");

        // What two clicks do when the browser lets both through: the same form, with the same token and revision, sent twice at once.
        var statuses = await page.EvaluateAsync<int[]>("""
            async () => {
              const form = document.getElementById('review-form');
              const post = () => fetch(form.action, { method: 'POST', body: new FormData(form), redirect: 'manual', credentials: 'same-origin' });
              const answers = await Promise.all([post(), post()]);
              return answers.map(a => a.type === 'opaqueredirect' ? 302 : a.status);
            }
            """);
        var stored = Assert.Single(await ResponsesToAsync(journey.Consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        Assert.Equal(1, stored.Revision);
        var revisions = await Browser.App.WithDbAsync(db => db.ResponseRevisions.AsNoTracking().Where(r => r.ResponseId == stored.Id).Select(r => r.Number).ToListAsync());
        Assert.Equal([1], revisions);
        await page.GotoAsync($"{RespondentSteps.BasePath(page)}/thank-you");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Response submitted");

        // The losing request used to answer 500: its save failed on the revision's or the receipt's unique key, which
        // only a concurrency conflict had been expected to catch.
        Assert.Equal([302, 302], statuses);
    }
}

namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Microsoft.Playwright;

[Trait("Category", "Browser")]
public sealed class AnswerInJapaneseTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private const string Typed = "Evaluations of agentic systems in the wild are rare.";

    [Fact]
    public async Task SwitchingToJapaneseMidAnswer_KeepsWhatWasTyped_AndSubmitsToAJapaneseThankYouPage()
    {
        var page = await Browser.NewPageAsync("en-GB");
        await page.GotoAsync("/c/ai-safety-priorities");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await page.WaitForURLAsync("**/answer", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByLabel("Academic or research institution").CheckAsync();
        await page.GetByLabel("Where are you or your organisation based?").SelectOptionAsync("jp");
        await RespondentSteps.ContinueAsync(page, "**/answer/2");
        foreach (var (code, value) in new[] { ("priority_evaluations", "5"), ("priority_interpretability", "4"), ("priority_robustness", "3"), ("priority_societal", "no_opinion") })
            await page.Locator($"input[name='a.{code}'][value='{value}']").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await page.Locator("input[name='a.top_risk'][value='misuse']").CheckAsync();
        await page.GetByLabel("Where is evidence most lacking for policy makers today?").FillAsync(Typed);
        await BrowserFixture.ScreenshotAsync(page, "answer-en-before-switch");

        // The header's language link submits the page's form: what was typed on it, not yet saved, stays.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await page.WaitForURLAsync("**/answer/3", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        Assert.Equal(Typed, await page.Locator("#q-evidence_gaps").InputValueAsync());
        Assert.True(await page.Locator("input[name='a.top_risk'][value='misuse']").IsCheckedAsync());
        Assert.Equal(0, await page.Locator(".question__error").CountAsync());

        await page.Locator("input[name='a.cooperation_forms'][value='joint_research']").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, "answer-ja-after-switch");
        // Back to page 2 in Japanese, for the decimal share, and on to the review.
        await RespondentSteps.PreviousAsync(page, "**/answer/2");
        Assert.True(await page.Locator("input[name='a.priority_evaluations'][value='5']").IsCheckedAsync());
        await page.Locator("#q-safety_funding_share").FillAsync("7.5");
        await RespondentSteps.ContinueAsync(page, "**/answer/3");
        await RespondentSteps.ContinueAsync(page, "**/review");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Localized.Text("ja", "Check your answers"));
        await Assertions.Expect(page.Locator(".review-answers").Last).ToContainTextAsync(Typed);
        await BrowserFixture.ScreenshotAsync(page, "review-ja");
        await RespondentSteps.SubmitReviewAsync(page);

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Localized.Text("ja", "Response submitted"));
        await BrowserFixture.ScreenshotAsync(page, "thank-you-ja");

        // The French test's empty page leaves a draft in the same database: only this response is submitted.
        var stored = Assert.Single(await Browser.App.ResponsesAsync(), r => r.IsSubmitted);
        Assert.Equal("ja", stored.Language);
        Assert.Equal("academic", stored.Answers.Text("respondent_type"));
        Assert.Equal("jp", stored.Answers.Text("country"));
        Assert.Equal(Typed, stored.Answers.Text("evidence_gaps"));
        Assert.Equal(7.5m, stored.Answers.Number("safety_funding_share"));
    }

    [Fact]
    public async Task MissingAnswers_InFrench_ShowTheErrorSummaryWithFocus_AndLinksToTheFields()
    {
        var page = await Browser.NewPageAsync("fr-FR", width: 360);
        await page.GotoAsync("/c/ai-safety-priorities/answer");
        await RespondentSteps.ContinueWithErrorsAsync(page);

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync(Localized.Text("fr", "There is a problem"));
        await BrowserFixture.ScreenshotAsync(page, "answer-fr-errors-360");
        await BrowserFixture.ScreenshotAsync(page, "answer-fr-errors-360-top", fullPage: false);

        await summary.Locator("a[href='#q-respondent_type']").ClickAsync();
        await Assertions.Expect(page.Locator("#q-respondent_type")).ToBeFocusedAsync();
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"The page scrolls sideways at 360 px ({scrollWidth} px wide).");
    }

    [Fact]
    public async Task PersonalLinkInKorean_OnAPhone_OpensInKorean_WithoutSidewaysScrolling()
    {
        var token = await Browser.App.NewInvitationAsync("ko");
        var page = await Browser.NewPageAsync("en-US", width: 360);

        foreach (var path in new[] { $"/r/{token}", $"/r/{token}/answer" })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"{path} scrolls sideways at 360 px ({scrollWidth} px wide).");
        }
        await page.GotoAsync($"/r/{token}");
        await BrowserFixture.ScreenshotAsync(page, "landing-ko-360");
    }
}

using Consultation.Tests.Support;
using Microsoft.Playwright;

namespace Consultation.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class AnswerInJapaneseTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Typed = "Evaluations of agentic systems in the wild are rare.";

    [Fact]
    public async Task SwitchingToJapaneseMidAnswer_KeepsWhatWasTyped_AndSubmitsToAJapaneseThankYouPage()
    {
        var page = await browser.NewPageAsync("en-GB");
        await page.GotoAsync("/c/ai-safety-priorities");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();

        await page.GetByLabel("Academic or research institution").CheckAsync();
        await page.GetByLabel("Where are you or your organisation based?").SelectOptionAsync("jp");
        await page.GetByLabel("Where is evidence most lacking for policy makers today?").FillAsync(Typed);
        await BrowserFixture.ScreenshotAsync(page, "answer-en-before-switch");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();
        await page.WaitForURLAsync("**/answer");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");

        Assert.Equal(Typed, await page.Locator("#q-evidence_gaps").InputValueAsync());
        Assert.True(await page.Locator("input[name='a.respondent_type'][value='academic']").IsCheckedAsync());
        Assert.Equal("jp", await page.Locator("#q-country").InputValueAsync());
        Assert.Equal(0, await page.Locator(".question__error").CountAsync());

        foreach (var (code, value) in new[] { ("priority_evaluations", "5"), ("priority_interpretability", "4"), ("priority_robustness", "3"), ("priority_societal", "no_opinion"), ("top_risk", "misuse") })
            await page.Locator($"input[name='a.{code}'][value='{value}']").CheckAsync();
        await page.Locator("input[name='a.cooperation_forms'][value='joint_research']").CheckAsync();
        await page.Locator("#q-safety_funding_share").FillAsync("7.5");
        await BrowserFixture.ScreenshotAsync(page, "answer-ja-after-switch");

        await page.GetByRole(AriaRole.Button, new() { Name = Localized.Text("ja", "Submit") }).ClickAsync();
        await page.WaitForURLAsync("**/thank-you");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Localized.Text("ja", "Response submitted"));
        await BrowserFixture.ScreenshotAsync(page, "thank-you-ja");

        var stored = Assert.Single(await browser.App.ResponsesAsync());
        Assert.Equal("ja", stored.Language);
        Assert.Equal(Typed, stored.Answers.Text("evidence_gaps"));
        Assert.Equal(7.5m, stored.Answers.Number("safety_funding_share"));
    }

    [Fact]
    public async Task MissingAnswers_InFrench_ShowTheErrorSummaryWithFocus_AndLinksToTheFields()
    {
        var page = await browser.NewPageAsync("fr-FR", width: 360);
        await page.GotoAsync("/c/ai-safety-priorities/answer");
        await page.GetByRole(AriaRole.Button, new() { Name = Localized.Text("fr", "Submit") }).ClickAsync();

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
        var token = await browser.App.NewInvitationAsync("ko");
        var page = await browser.NewPageAsync("en-US", width: 360);

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

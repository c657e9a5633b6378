namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Microsoft.Playwright;

/// <summary>The landing page's deadline in the reader's own time zone, and the landing and print pages on a phone and a desktop.</summary>
[Trait("Category", "Browser")]
public sealed class LandingInBrowserTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private async Task<IPage> NewPageAsync(string locale, string timeZone, int width)
    {
        var context = await Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            BaseURL = Browser.BaseAddress,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static async Task AssertNoSidewaysScrollingAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} scrolls sideways at {width} px ({scrollWidth} px wide).");
    }

    [Theory]
    [InlineData("fr-FR", "fr", "heure normale du Japon", "16 juillet")]
    [InlineData("ja-JP", "ja", "日本標準時", "7月16日")]
    public async Task InTokyo_ADeadlineKeptInParisTime_IsRewrittenInTokyoTime_AndNamed(string locale, string language, string zoneName, string day)
    {
        var consultation = await Browser.App.SeedAsync();
        var page = await NewPageAsync(locale, "Asia/Tokyo", 1280);

        await page.GotoAsync($"/c/{consultation.Slug}");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var deadline = page.Locator(".facts__deadline time");
        await Assertions.Expect(deadline).ToHaveAttributeAsync("data-reader-time-zone", "Asia/Tokyo");
        // 16:00 UTC is 01:00 the next morning in Tokyo.
        var text = await deadline.TextContentAsync() ?? "";
        Assert.Contains(zoneName, text, StringComparison.Ordinal);
        Assert.Contains(day, text, StringComparison.Ordinal);
        Assert.Contains("1:00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Europe/Paris", text, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, $"landing-{language}-1280");
    }

    [Fact]
    public async Task InParis_TheDeadlineStaysAsTheServerWroteIt()
    {
        var consultation = await Browser.App.SeedAsync();
        var page = await NewPageAsync("fr-FR", LandingConsultations.TimeZone, 1280);

        await page.GotoAsync($"/c/{consultation.Slug}");

        var deadline = page.Locator(".facts__deadline time");
        await Assertions.Expect(deadline).ToContainTextAsync("18:00 (Europe/Paris)");
        Assert.Null(await deadline.GetAttributeAsync("data-reader-time-zone"));
    }

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("ja-JP", "ja")]
    public async Task OnAPhone_TheLandingAndThePrintView_FitTheScreen(string locale, string language)
    {
        var consultation = await Browser.App.SeedAsync();
        var page = await NewPageAsync(locale, "America/New_York", 360);

        await page.GotoAsync($"/c/{consultation.Slug}");
        await AssertNoSidewaysScrollingAsync(page, 360);
        await BrowserFixture.ScreenshotAsync(page, $"landing-{language}-360");

        await page.Locator(".landing-actions__print").ClickAsync();
        await page.WaitForURLAsync("**/print", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("button[data-print]")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollingAsync(page, 360);
        await BrowserFixture.ScreenshotAsync(page, $"print-{language}-360");
    }

    [Fact]
    public async Task ThePrintView_PrintsWithoutTheHeaderOrButtons()
    {
        var consultation = await Browser.App.EveryTypeAsync();
        var page = await NewPageAsync("fr-FR", "Europe/Paris", 1280);

        await page.GotoAsync($"/c/{consultation.Slug}/print");
        await BrowserFixture.ScreenshotAsync(page, "print-fr-1280");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("button[data-print]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".print-question[data-question='email'] .print-question__condition")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "print-fr-as-printed");
    }
}

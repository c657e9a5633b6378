using Consultation.Tests.Support;
using Deque.AxeCore.Playwright;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Consultation.Tests.Support.TestConsultations;

namespace Consultation.Tests.Browser;

/// <summary>Every question type filled in Chromium, at desktop and phone widths.</summary>
[Trait("Category", "Browser")]
public sealed class AnswerEveryTypeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Question(IPage page, string code) => page.Locator($"[data-question='{code}']");

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page scrolls sideways at {width} px ({scrollWidth} px wide).");
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task EveryType_FilledInTheBrowser_IsStored(int width)
    {
        var consultation = await browser.App.EveryTypeAsync();
        var page = await browser.NewPageAsync("en-GB", width);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        await BrowserFixture.ScreenshotAsync(page, $"every-type-empty-{width}");
        await AssertNoSidewaysScrollAsync(page, width);

        await Question(page, Codes.Role).GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await Question(page, Codes.Role).GetByLabel("Please specify").FillAsync("Retired judge");
        await page.GetByLabel("Organisation name").FillAsync("Fondation Exemple");
        await page.GetByLabel("What share of your budget goes to research (%)?").FillAsync("12.5");
        var date = Question(page, Codes.MeetingDate);
        await date.GetByLabel("Day").FillAsync("29");
        await date.GetByLabel("Month").FillAsync("2");
        await date.GetByLabel("Year").FillAsync("2024");
        // The email question shows only once the respondent agrees to be contacted.
        await Assertions.Expect(Question(page, Codes.Email)).ToBeHiddenAsync();
        await Question(page, Codes.ContactOk).GetByLabel("Yes").CheckAsync();
        await Assertions.Expect(Question(page, Codes.Email)).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync("person@example.org");
        await Question(page, Codes.Topics).GetByLabel("Safety").CheckAsync();
        await Question(page, Codes.Topics).GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await Question(page, Codes.Topics).GetByLabel("Please specify").FillAsync("Housing");
        await Question(page, Codes.Agreement).GetByLabel("No opinion").CheckAsync();
        await Question(page, Codes.Recommend).GetByLabel("9", new() { Exact = true }).CheckAsync();
        var ranking = Question(page, Codes.Priorities);
        await ranking.GetByLabel("Speed").SelectOptionAsync("3");
        await ranking.GetByLabel("Cost").SelectOptionAsync("1");
        await ranking.GetByLabel("Quality").SelectOptionAsync("2");
        var matrix = Question(page, Codes.Statements);
        await matrix.GetByRole(AriaRole.Radio, new() { Name = "Decisions are explained Agree" }).CheckAsync();
        await matrix.GetByRole(AriaRole.Radio, new() { Name = "Someone answers for mistakes No opinion" }).CheckAsync();
        await matrix.GetByRole(AriaRole.Radio, new() { Name = "Harm can be put right Disagree" }).CheckAsync();
        await page.GetByLabel("Anything else? (optional)").FillAsync("Thank you.");
        await page.GetByLabel("Upload a position paper").SetInputFilesAsync(new FilePayload { Name = "position.pdf", MimeType = "application/pdf", Buffer = Pdf(800) });
        await page.GetByLabel("I agree that my answers may be published without my name.").CheckAsync();
        await BrowserFixture.ScreenshotAsync(page, $"every-type-filled-{width}");
        await AssertNoSidewaysScrollAsync(page, width);

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await page.WaitForURLAsync("**/thank-you");

        var stored = await browser.App.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        var answers = stored.Answers;
        Assert.Equal("Retired judge", answers.Text(AnswerSet.OtherKey(Codes.Role)));
        Assert.Equal(12.5m, answers.Number(Codes.Share));
        Assert.Equal("2024-02-29", answers.Text(Codes.MeetingDate));
        Assert.Equal(["safety", "other"], answers.Choices(Codes.Topics));
        Assert.Equal(9m, answers.Number(Codes.Recommend));
        Assert.Equal(["cost", "quality", "speed"], answers.Choices(Codes.Priorities));
        Assert.Equal("disagree", answers.Row(Codes.Statements, "redress"));
        Assert.Equal("yes", answers.Text(Codes.ContactOk));
        Assert.True(answers.IsTrue(Codes.Consent));
        Assert.Equal("position.pdf", answers.File(Codes.Paper)?.Name);
    }

    [Fact]
    public async Task EveryTypeLeftEmpty_OnAPhoneInFrench_ShowsEachErrorAndLinksToTheFirstControl()
    {
        var consultation = await browser.App.EveryTypeAsync();
        var page = await browser.NewPageAsync("fr-FR", 360);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        await page.GetByRole(AriaRole.Button, new() { Name = Localized.Text("fr", "Submit") }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "every-type-errors-fr-360");
        await BrowserFixture.ScreenshotAsync(page, "every-type-errors-fr-360-top", fullPage: false);
        foreach (var code in new[] { Codes.MeetingDate, Codes.Statements, Codes.Priorities, Codes.Recommend })
            await Question(page, code).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"every-type-errors-fr-360-{code}.png") });
        await AssertNoSidewaysScrollAsync(page, 360);
        Assert.Equal(8, await summary.Locator("li").CountAsync());

        foreach (var code in new[] { Codes.MeetingDate, Codes.Statements, Codes.Priorities, Codes.Consent })
        {
            await summary.Locator($"a[href='#q-{code}']").ClickAsync();
            await Assertions.Expect(page.Locator($"#q-{code}")).ToBeFocusedAsync();
        }
        await Assertions.Expect(Question(page, Codes.MeetingDate).Locator(".question__error"))
            .ToContainTextAsync(Localized.Text("fr", AnswerReader.Messages.EnterDate));
    }

    [Theory]
    [InlineData("en-GB", 1280)]
    [InlineData("ja-JP", 360)]
    public async Task EveryTypePage_EmptyAndWithErrors_HasNoAxeViolations(string locale, int width)
    {
        var consultation = await browser.App.EveryTypeAsync();
        var page = await browser.NewPageAsync(locale, width);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        var empty = await page.RunAxe();
        await page.Locator("button[data-primary-action]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        var withErrors = await page.RunAxe();

        var violations = empty.Violations.Concat(withErrors.Violations)
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").Distinct().ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

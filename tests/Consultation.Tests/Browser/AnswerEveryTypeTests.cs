namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Consultation.Tests.Support.TestConsultations;

/// <summary>Every question type filled in Chromium, page by page to the review, at desktop and phone widths.</summary>
[Trait("Category", "Browser")]
public sealed class AnswerEveryTypeTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private static ILocator Question(IPage page, string code) => page.Locator($"[data-question='{code}']");

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page scrolls sideways at {width} px ({scrollWidth} px wide).");
    }

    /// <summary>A date in three parts, by field name: their order and labels follow the page's culture.</summary>
    private static async Task FillDateAsync(IPage page, string code, string day, string month, string year)
    {
        await page.Locator($"input[name='a.{code}.day']").FillAsync(day);
        await page.Locator($"input[name='a.{code}.month']").FillAsync(month);
        await page.Locator($"input[name='a.{code}.year']").FillAsync(year);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(360)]
    public async Task EveryType_FilledInTheBrowser_PageByPage_IsReviewedAndStored(int width)
    {
        var consultation = await Browser.App.EveryTypeAsync();
        var page = await Browser.NewPageAsync("en-GB", width);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        await Assertions.Expect(page.Locator(".section-progress")).ToHaveTextAsync("Section 1 of 2");
        await BrowserFixture.ScreenshotAsync(page, $"every-type-empty-{width}");
        await AssertNoSidewaysScrollAsync(page, width);

        // Page 1, "About you".
        await Question(page, Codes.Role).GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await Question(page, Codes.Role).GetByLabel("Please specify").FillAsync("Retired judge");
        await page.GetByLabel("Organisation name").FillAsync("Fondation Exemple");
        await page.GetByLabel("What share of your budget goes to research (%)?").FillAsync("12.5");
        var date = Question(page, Codes.MeetingDate);
        await date.GetByLabel("Day").FillAsync("29");
        await date.GetByLabel("Month").FillAsync("2");
        await date.GetByLabel("Year").FillAsync("2024");
        // The email question shows only once the respondent agrees to be contacted (a condition on the same page).
        await Assertions.Expect(Question(page, Codes.Email)).ToBeHiddenAsync();
        await Question(page, Codes.ContactOk).GetByLabel("Yes").CheckAsync();
        await Assertions.Expect(Question(page, Codes.Email)).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync("person@example.org");
        await BrowserFixture.ScreenshotAsync(page, $"every-type-filled-1-{width}");
        await AssertNoSidewaysScrollAsync(page, width);
        await RespondentSteps.ContinueAsync(page, "**/answer/2");

        // Page 2, "Your views".
        await Assertions.Expect(page.Locator(".section-progress")).ToHaveTextAsync("Section 2 of 2");
        await Assertions.Expect(RespondentSteps.PrimaryButton(page)).ToHaveTextAsync("Continue to review your answers");
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
        await BrowserFixture.ScreenshotAsync(page, $"every-type-filled-2-{width}");
        await AssertNoSidewaysScrollAsync(page, width);
        await RespondentSteps.ContinueAsync(page, "**/review");

        // The review lists the answers in words, the uploaded file by name.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your answers");
        var review = page.Locator(".review-answers");
        await Assertions.Expect(review.First).ToContainTextAsync("Retired judge");
        await Assertions.Expect(review.Last).ToContainTextAsync("position.pdf");
        await BrowserFixture.ScreenshotAsync(page, $"every-type-review-{width}");
        await AssertNoSidewaysScrollAsync(page, width);
        await RespondentSteps.SubmitReviewAsync(page);

        var stored = await Browser.App.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.ConsultationId == consultation.Id));
        Assert.Equal(ResponseStatus.Submitted, stored.Status);
        var answers = stored.Answers;
        Assert.Equal("Retired judge", answers.Text(AnswerSet.OtherKey(Codes.Role)));
        Assert.Equal(12.5m, answers.Number(Codes.Share));
        Assert.Equal("2024-02-29", answers.Text(Codes.MeetingDate));
        Assert.Equal("person@example.org", answers.Text(Codes.Email));
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
        var consultation = await Browser.App.EveryTypeAsync();
        var page = await Browser.NewPageAsync("fr-FR", 360);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        var summary = page.Locator("[data-error-summary]");

        // Page 1 left empty: its three required questions (the email is not asked until contact is agreed).
        await RespondentSteps.ContinueWithErrorsAsync(page);
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "every-type-errors-fr-360-page-1");
        await AssertNoSidewaysScrollAsync(page, 360);
        Assert.Equal(3, await summary.Locator("li").CountAsync());
        await summary.Locator($"a[href='#q-{Codes.MeetingDate}']").ClickAsync();
        await Assertions.Expect(page.Locator($"#q-{Codes.MeetingDate}")).ToBeFocusedAsync();
        await Assertions.Expect(Question(page, Codes.MeetingDate).Locator(".question__error"))
            .ToContainTextAsync(Localized.Text("fr", AnswerReader.Messages.EnterDate));

        await Question(page, Codes.Role).GetByLabel("Chercheur").CheckAsync();
        await FillDateAsync(page, Codes.MeetingDate, "1", "3", "2025");
        await Question(page, Codes.ContactOk).Locator("input[value=no]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/2");

        // Page 2 left empty: its five.
        await RespondentSteps.ContinueWithErrorsAsync(page);
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "every-type-errors-fr-360");
        await BrowserFixture.ScreenshotAsync(page, "every-type-errors-fr-360-top", fullPage: false);
        foreach (var code in new[] { Codes.Statements, Codes.Priorities, Codes.Recommend })
            await Question(page, code).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"every-type-errors-fr-360-{code}.png") });
        await AssertNoSidewaysScrollAsync(page, 360);
        Assert.Equal(5, await summary.Locator("li").CountAsync());
        foreach (var code in new[] { Codes.Statements, Codes.Priorities, Codes.Consent })
        {
            await summary.Locator($"a[href='#q-{code}']").ClickAsync();
            await Assertions.Expect(page.Locator($"#q-{code}")).ToBeFocusedAsync();
        }
    }

    [Theory]
    [InlineData("en-GB", 1280)]
    [InlineData("ja-JP", 360)]
    public async Task EveryTypePages_EmptyAndWithErrors_HaveNoAxeViolations(string locale, int width)
    {
        var consultation = await Browser.App.EveryTypeAsync();
        var page = await Browser.NewPageAsync(locale, width);
        await page.GotoAsync($"/c/{consultation.Slug}/answer");
        var results = new List<AxeResult> { await page.RunAxe() };
        await RespondentSteps.ContinueWithErrorsAsync(page);
        results.Add(await page.RunAxe());

        await Question(page, Codes.Role).Locator("input[value=academic]").CheckAsync();
        await FillDateAsync(page, Codes.MeetingDate, "1", "3", "2025");
        await Question(page, Codes.ContactOk).Locator("input[value=no]").CheckAsync();
        await RespondentSteps.ContinueAsync(page, "**/answer/2");
        results.Add(await page.RunAxe());
        await RespondentSteps.ContinueWithErrorsAsync(page);
        results.Add(await page.RunAxe());

        var violations = results.SelectMany(r => r.Violations)
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))})").Distinct().ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}

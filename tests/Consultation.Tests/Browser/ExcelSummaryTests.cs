namespace Consultation.Tests.Browser;

using ClosedXML.Excel;
using Consultation.Tests.Jobs;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

[Trait("Category", "Browser")]
[Collection(JobServers.Name)]
public sealed class ExcelSummaryTests(BrowserWithJobsFixture browser) : BrowserTest(browser), IClassFixture<BrowserWithJobsFixture>
{
    [Fact]
    public async Task AnAnalystCompilesASummary_WatchesItBecomeReadyWithoutReloading_AndDownloadsIt()
    {
        var respondent = Browser.App.Respondent("sw");
        Assert.EndsWith("/thank-you", await RespondentSteps.CompleteWithoutBrowserAsync(respondent, "/c/ai-safety-priorities/answer", DemoAnswers.Valid()), StringComparison.Ordinal);
        var consultationId = await Browser.App.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        var page = await Browser.NewPageAsync("en-GB");
        await BrowserFixture.SignInAsync(page, DemoSeeder.AnalystEmail);

        await page.GotoAsync($"/analyse/{consultationId}");
        // The form posts back to the page's own address, which a wait for that address takes as reached at once:
        // wait instead for what the answer shows, the requested summary's row.
        var summaries = page.Locator("[data-export-status]");
        var before = await summaries.CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compile Excel summary" }).ClickAsync();
        await Assertions.Expect(summaries).ToHaveCountAsync(before + 1);
        await page.WaitForLoadStateAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        var download = page.GetByRole(AriaRole.Link, new() { Name = "Download (.xlsx)" });
        await Assertions.Expect(download).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-export-status]").First).ToHaveTextAsync("Ready");
        Assert.Equal(0, navigations);
        await BrowserFixture.ScreenshotAsync(page, "analyse-summary-ready");

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.EndsWith(".xlsx", file.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = File.OpenRead(await file.PathAsync());
        using var workbook = new XLWorkbook(stream);
        Assert.Equal(1, workbook.Worksheet(SummaryWorkbook.AboutSheet).Cell("B6").GetValue<int>());
    }
}

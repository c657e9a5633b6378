namespace Consultation.Tests.Browser;

using System.Globalization;
using System.Text.RegularExpressions;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

/// <summary>An organiser extends a deadline (after a refusal), closes and reopens the consultation, then reads its history: at phone and desktop widths.</summary>
[Trait("Category", "Browser")]
public sealed partial class DeadlineAndHistoryTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserExtendsReopensAndReadsTheHistory_OnAPhoneAndOnADesktop()
    {
        await Browser.App.DemoAsync();
        var id = await Browser.App.WithDbAsync(db => db.Consultations.Where(c => c.Slug == DemoSeeder.Slug).Select(c => c.Id).SingleAsync());
        // Earlier changes that name their object: a question and a team member.
        await Browser.App.WithDbAsync(async db =>
        {
            var analyst = await db.Users.Where(u => u.Email == DemoSeeder.AnalystEmail).Select(u => u.Id).SingleAsync();
            var at = Browser.App.Clock.GetUtcNow().AddMinutes(-10);
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.QuestionChanged, DemoSeeder.OrganiserEmail, null, null, at, "question", $"{id}/respondent_type", id));
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.MemberAdded, DemoSeeder.OrganiserEmail, null, null, at.AddMinutes(1), "consultation-member", $"{id}/{analyst}", id));
            await db.SaveChangesAsync();
        });
        // The desktop goes first; the phone then moves the deadline later again.
        foreach (var (width, days) in new[] { (1280, 60), (360, 90) })
        {
            var page = await Browser.NewPageAsync("en-GB", width);
            await BrowserFixture.SignInAsync(page, DemoSeeder.OrganiserEmail);
            await page.GotoAsync($"/organise/{id}");
            var now = Browser.App.Clock.GetUtcNow();

            // An earlier time is refused at the field, keeping what was typed.
            var field = page.GetByLabel(NewClosingTime());
            await field.FillAsync(now.AddHours(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await page.GetByRole(AriaRole.Button, new() { Name = "Extend the deadline" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-error-summary]")).ToContainTextAsync("The new closing time must be later than the current one.");
            await Assertions.Expect(field).ToHaveValueAsync(now.AddHours(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await BrowserFixture.ScreenshotAsync(page, $"deadline-extend-refused-{width}");

            await field.FillAsync($"{now.AddDays(days):yyyy-MM-dd}T17:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Extend the deadline" }).ClickAsync();
            await Assertions.Expect(page.Locator("dl.summary-list")).ToContainTextAsync("5:00");
            await BrowserFixture.ScreenshotAsync(page, $"deadline-extend-{width}");

            // Each change a minute after the last, so the history's order is the order they were made in.
            Browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
            await page.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reopen the consultation" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, $"deadline-reopen-{width}");
            Browser.App.Clock.Advance(TimeSpan.FromMinutes(1));
            await page.GetByLabel(NewClosingTime()).FillAsync($"{now.AddDays(days + 1):yyyy-MM-dd}T12:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reopen until this time" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Extend the deadline" })).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "History", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("table.history tbody tr").First).ToContainTextAsync("Reopened the consultation");
            await BrowserFixture.ScreenshotAsync(page, $"history-{width}");
            await page.Context.CloseAsync();
        }
    }

    [GeneratedRegex("^New closing time")]
    private static partial Regex NewClosingTime();
}

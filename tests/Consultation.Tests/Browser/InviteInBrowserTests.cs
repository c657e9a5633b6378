namespace Consultation.Tests.Browser;

using Consultation.Tests.Pages.Organise.Invitations;
using Consultation.Tests.Support;
using Consultation.Web.Domain;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>
/// Inviting at phone width: filter the registry, tick people, read the plan, confirm. Every step is scanned with axe and
/// photographed at 360 px, where the list's table and the filter are most likely to break.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InviteInBrowserTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnOrganiserTicksPeople_ReadsThePlan_AndInvites_WithoutAnAccessibilityViolation()
    {
        var id = await Browser.App.InviteConsultationAsync(requiresConsent: true);
        var tag = InviteTests.Tag();
        await Browser.App.PeopleAsync(tag, new Invitee("佐藤 結衣", Sector.Academia, "JP", "ja"), new Invitee("Amina Odhiambo", Sector.Academia, "KE", "sw"),
            new Invitee("Camille Martin", Sector.Government, "FR", "fr", Consent: false));
        var email = await Browser.App.OrganiserOfAsync(id);
        var page = await Browser.NewPageAsync(width: 360);
        await BrowserFixture.SignInAsync(page, email);

        await page.GotoAsync($"/organise/{id}/invitations/new?tag={tag}");
        await BrowserFixture.ScreenshotAsync(page, "invite-list-360");
        await AssertNoAxeViolationsAsync(page, "the list");
        await page.GetByLabel("佐藤 結衣").CheckAsync();
        await page.GetByLabel("Camille Martin").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review: the people ticked" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-plan-invite]")).ToHaveTextAsync("1 will be invited");
        await Assertions.Expect(page.Locator("[data-plan-no-consent]")).ToContainTextAsync("1 skipped");
        await BrowserFixture.ScreenshotAsync(page, "invite-plan-360");
        await AssertNoAxeViolationsAsync(page, "the plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and invite" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-invited]")).ToContainTextAsync("1 invited");
        await BrowserFixture.ScreenshotAsync(page, "invite-result-360");
        await AssertNoAxeViolationsAsync(page, "the result");
    }

    private static readonly AxeRunOptions WcagAndBestPractice = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    };

    private static async Task AssertNoAxeViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(WcagAndBestPractice);
        Assert.NotEmpty(result.Passes);
        var violations = result.Violations.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}");
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} violation(s) on {what}:\n{string.Join("\n", violations)}");
    }
}

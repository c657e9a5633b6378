namespace Consultation.Tests.Browser;

using Consultation.Tests.Email;
using Consultation.Tests.Pages.Organise.Invitations;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

/// <summary>
/// Inviting at phone width: filter the registry, tick people, read the plan, confirm; then the invitation as it arrives in
/// the app's own mailbox, and its link opened. Every step is scanned with axe and photographed at 360 px, where the list's
/// table and the filter are most likely to break.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InviteInBrowserTests(BrowserWithMailboxFixture browser) : BrowserTest(browser), IClassFixture<BrowserWithMailboxFixture>
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

        // The invitations list: at phone width its tables scroll in their frames, the page never sideways.
        await page.GotoAsync($"/organise/{id}/invitations");
        await Assertions.Expect(page.Locator("[data-invitation]")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, "The invitations page scrolls sideways at 360 px.");
        await BrowserFixture.ScreenshotAsync(page, "invitations-list-360");
        await AssertNoAxeViolationsAsync(page, "the invitations list");

        await InvitationDeliveryTests.DeliverAsync(Browser.App);
        var address = await Browser.App.WithDbAsync(db => db.Stakeholders.Where(p => p.Name == "佐藤 結衣" && p.Tags.Contains(tag)).Select(p => p.Email).SingleAsync());
        var received = await ReceivedAsync(address);
        var admin = await Browser.NewPageAsync(width: 1280);
        await BrowserFixture.SignInAsync(admin, DemoSeeder.AdminEmail);
        await admin.GotoAsync("/admin/mailbox");
        await Assertions.Expect(admin.Locator("tr[data-email-status='Sent']", new() { HasText = address })).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("details summary", new() { HasText = address })).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(admin, "invite-mailbox-1280");

        var message = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(received.Raw)));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/r/[A-Za-z0-9_-]{22}(?=\s)").Value;
        var respondent = await Browser.NewPageAsync(width: 360);
        var opened = await respondent.GotoAsync(new Uri(link).AbsolutePath);
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(respondent.Locator("html")).ToHaveAttributeAsync("lang", message.Body!.Headers[MimeKit.HeaderId.ContentLanguage]!);
        await BrowserFixture.ScreenshotAsync(respondent, "invite-link-opened-360");
    }

    private async Task<ReceivedEmail> ReceivedAsync(string address)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await Browser.App.WithDbAsync(db => db.ReceivedEmails.AsNoTracking().FirstOrDefaultAsync(r => r.To.Contains(address))) is { } received)
                return received;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email reached {address} in the mailbox.");
    }
}

namespace Consultation.Tests.Browser;

using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Microsoft.Playwright;

[Trait("Category", "Browser")]
public sealed class StaffPagesTests(BrowserFixture browser) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdminSignsInInKorean_VisitsEveryStaffPage_WithoutASecurityPolicyViolation_AndSignsOut()
    {
        var page = await Browser.NewPageAsync("ko-KR");
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };

        await page.GotoAsync("/account/sign-in");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-ko");
        await page.GetByLabel(Localized.Text("ko", "Email address")).FillAsync(DemoSeeder.AdminEmail);
        await page.GetByLabel(Localized.Text("ko", "Password")).FillAsync(AppFactory.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = Localized.Text("ko", "Sign in") }).ClickAsync();
        await page.WaitForURLAsync("**/staff", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await BrowserFixture.ScreenshotAsync(page, "staff-start-ko");

        await page.GetByRole(AriaRole.Link, new() { Name = Localized.Text("ko", "Manage"), Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("국제 AI 안전 연구의 우선순위");
        await BrowserFixture.ScreenshotAsync(page, "organise-consultation-ko");
        foreach (var (path, name) in new[] { ("/analyse", "analyse-ko"), ("/admin", "admin-accounts-ko"), ("/admin/audit", "admin-audit-ko"), ("/admin/mailbox", "admin-mailbox-ko"), ("/admin/jobs", "admin-jobs") })
        {
            await page.GotoAsync(path);
            await BrowserFixture.ScreenshotAsync(page, name);
        }

        await page.GotoAsync("/staff");
        await page.GetByRole(AriaRole.Button, new() { Name = Localized.Text("ko", "Sign out") }).ClickAsync();
        await page.WaitForURLAsync(Browser.BaseAddress + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GotoAsync("/admin");
        Assert.Contains("/account/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Empty(violations);
    }
}

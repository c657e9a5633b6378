namespace Consultation.Tests;

using Consultation.Tests.Support;
using Consultation.Web.Demo;

public sealed class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/c/ai-safety-priorities")]
    [InlineData("/c/ai-safety-priorities/answer")]
    [InlineData("/r/not-a-token")]
    [InlineData("/account/sign-in")]
    [InlineData("/health")]
    public async Task PublicPages_CarryTheSecurityHeaders(string path) =>
        AssertSecure(await app.Respondent().GetAsync(path));

    [Theory]
    [InlineData("/staff")]
    [InlineData("/admin")]
    [InlineData("/admin/audit")]
    public async Task StaffPages_CarryTheSecurityHeaders(string path) =>
        AssertSecure(await (await app.SignedInAsync(DemoSeeder.AdminEmail)).GetAsync(path));

    [Fact]
    public async Task Pages_HaveNoInlineScriptsOrStyles_SoThePolicyCanForbidThem()
    {
        var client = await app.SignedInAsync(DemoSeeder.AdminEmail);
        foreach (var path in new[] { "/", "/c/ai-safety-priorities", "/c/ai-safety-priorities/answer", "/staff", "/admin" })
        {
            var page = await client.GetPageAsync(path);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"Inline script on {path}"));
            Assert.Empty(page.QuerySelectorAll("style, [style]"));
        }
    }

    private static void AssertSecure(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}

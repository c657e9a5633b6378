namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Demo;
using Consultation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

/// <summary>The page an invitation's link opens: a password chosen once, within the link's lifespan, under Identity's rules.</summary>
public sealed class SetPasswordPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "seven quiet rivers meet";

    [Fact]
    public async Task SetPassword_TooShort_ShowsIdentitysRuleInTheInviteesLanguage_AndKeepsTheLinkUsable()
    {
        var link = await InviteAsync("ko");
        var invitee = app.Respondent();
        var page = await invitee.GetPageAsync(link);

        var refused = await invitee.SubmitAsync(page, Passwords("short", "short"), "main form", pagePath: link);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("ko", "Your password must be at least {0} characters long.", 12), (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        var mismatch = await invitee.SubmitAsync(page, Passwords(NewPassword, NewPassword + "!"), "main form", pagePath: link);
        Assert.Contains(Localized.Text("ko", "The two passwords are not the same."), (await Html.ParseAsync(mismatch)).Text("[data-error-summary]"), StringComparison.Ordinal);
        await ResponseAssert.RedirectsTo("/staff", await invitee.SubmitAsync(page, Passwords(NewPassword, NewPassword), "main form", pagePath: link));
    }

    [Fact]
    public async Task SetPassword_AfterTheLinksLifespan_IsRefused_AndSetsNothing()
    {
        var email = $"late-{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var link = await InviteAsync("sw", email);
        var invitee = app.Respondent();
        var page = await invitee.GetPageAsync(link);

        app.Clock.Advance(SetPasswordTokenProvider.Lifespan + TimeSpan.FromMinutes(1));
        var refused = await invitee.SubmitAsync(page, Passwords(NewPassword, NewPassword), "main form", pagePath: link);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(Localized.Text("sw", "This link no longer works"), (await Html.ParseAsync(refused)).Text("h1"));
        Assert.Equal(Localized.Text("sw", "This link no longer works"), (await app.Respondent().GetPageAsync(link)).Text("h1"));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync()));
    }

    [Fact]
    public async Task SetPassword_WithATamperedToken_OrAnotherAccountsId_ShowsThatTheLinkDoesNotWork()
    {
        var link = await InviteAsync("en");
        var tampered = link.Replace("token=", "token=x", StringComparison.Ordinal);
        var otherId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoSeeder.AnalystEmail).Select(u => u.Id).SingleAsync());
        var otherAccount = System.Text.RegularExpressions.Regex.Replace(link, "user=[^&]+", $"user={otherId}");

        foreach (var path in new[] { tampered, otherAccount, "/account/set-password", "/account/set-password?user=nope&token=abc" })
            Assert.Equal(Localized.Text("en", "This link no longer works"), (await app.Respondent().GetPageAsync(path)).Text("h1"));
    }

    [Fact]
    public async Task SendANewLink_AfterTheInvitationExpired_SendsOneEmailForADoubleSubmit_WhoseLinkWorks()
    {
        var email = $"again-{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var expired = await InviteAsync("ja", email);
        app.Clock.Advance(SetPasswordTokenProvider.Lifespan + TimeSpan.FromHours(1));
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var path = $"/admin/users/{await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync())}";
        var page = await admin.GetPageAsync(path);

        await ResponseAssert.RedirectsTo($"{path}?sent=True", await admin.SubmitAsync(page, formSelector: "#send-link", pagePath: path));
        await ResponseAssert.RedirectsTo($"{path}?sent=True", await admin.SubmitAsync(page, formSelector: "#send-link", pagePath: path));

        var bodies = await app.WithDbAsync(db => db.OutboundEmails.Where(e => e.Recipient == email).OrderBy(e => e.CreatedAt).Select(e => e.TextBody!).ToListAsync());
        Assert.Equal(2, bodies.Count);
        Assert.Contains(Localized.Text("ja", "Choose your password here (the link works once, for {0} days):", 3), bodies[1], StringComparison.Ordinal);
        var fresh = new Uri(System.Text.RegularExpressions.Regex.Match(bodies[1], @"https?://\S+/account/set-password\?\S+").Value).PathAndQuery;
        Assert.Equal(Localized.Text("ja", "This link no longer works"), (await app.Respondent().GetPageAsync(expired)).Text("h1"));
        var invitee = app.Respondent();
        await ResponseAssert.RedirectsTo("/staff", await invitee.SubmitAsync(await invitee.GetPageAsync(fresh), Passwords(NewPassword, NewPassword), "main form", pagePath: fresh));
    }

    private static Dictionary<string, string[]> Passwords(string password, string confirm) =>
        new() { ["Input.Password"] = [password], ["Input.ConfirmPassword"] = [confirm] };

    private async Task<string> InviteAsync(string language, string? email = null)
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        return await app.InviteAndGetLinkAsync(admin, email ?? $"new-{Guid.NewGuid().ToString("N")[..8]}@example.org", language);
    }
}

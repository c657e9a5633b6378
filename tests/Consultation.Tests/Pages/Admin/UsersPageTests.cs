namespace Consultation.Tests.Pages.Admin;

using System.Net;
using AngleSharp.Dom;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Admins invite people, change their roles and language, and disable and re-enable accounts.</summary>
public sealed class UsersPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "purple elephants dance at noon";

    [Fact]
    public async Task Invite_QueuesOneEmailInTheChosenLanguage_WhoseLinkSetsAPasswordOnce()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = NewEmail();

        var link = await app.InviteAndGetLinkAsync(admin, email, "fr");

        var sent = await app.WithDbAsync(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Recipient == email));
        Assert.Equal(EmailKind.AccountInvitation, sent.Kind);
        Assert.Equal("fr", sent.Language);
        Assert.Equal(Localized.Text("fr", "You are invited to the consultation platform"), sent.Subject);
        Assert.Contains(Localized.Text("fr", "Choose your password here (the link works once, for {0} days):", 3), sent.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/account/set-password?", sent.HtmlBody, StringComparison.Ordinal);
        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Null(account.PasswordHash);
        Assert.Equal("fr", account.InterfaceLanguage);
        Assert.Contains(Localized.Text("en", "Invited, no password yet"), (await admin.GetPageAsync(Accounts.UsersPath)).Text($"tr[data-account='{email}'] [data-status]"), StringComparison.Ordinal);

        // The invitee opens the link, in French, and chooses a password: they are signed in.
        var invitee = app.Respondent();
        var page = await invitee.GetPageAsync(link);
        Assert.Equal(Localized.Text("fr", "Choose your password"), page.Text("h1"));
        var set = await invitee.SubmitAsync(page, new Dictionary<string, string[]> { ["Input.Password"] = [NewPassword], ["Input.ConfirmPassword"] = [NewPassword] },
            "main form", pagePath: link);
        await ResponseAssert.RedirectsTo("/staff", set);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/staff")).StatusCode);

        // The same link a second time is refused, in French; the password works for signing in.
        var again = await app.Respondent().GetPageAsync(link);
        Assert.Equal(Localized.Text("fr", "This link no longer works"), again.Text("h1"));
        Assert.Null(again.QuerySelector("input[name='Input.Password']"));
        await app.SignedInAsync(email, NewPassword);
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountInvited, account.Id));
        Assert.Equal(1, await AuditCountAsync(AuditActions.PasswordSet, account.Id));
    }

    [Fact]
    public async Task Invite_SubmittedTwice_CreatesOneAccount_AndSendsOneEmail()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = NewEmail();
        var page = await admin.GetPageAsync(Accounts.UsersPath);

        var first = await admin.InviteAsync(Accounts.Invitation(email, "ja"), page);
        var second = await admin.InviteAsync(Accounts.Invitation(email, "ja"), page);

        var done = $"{Accounts.UsersPath}?invited={email}";
        await ResponseAssert.RedirectsTo(done, first);
        await ResponseAssert.RedirectsTo(done, second);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Recipient == email)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Invite_SubmittedTwiceAtOnce_CreatesOneAccount_AndSendsOneEmail()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = NewEmail();
        var page = await admin.GetPageAsync(Accounts.UsersPath);

        var results = await Task.WhenAll(admin.InviteAsync(Accounts.Invitation(email, "ko"), page), admin.InviteAsync(Accounts.Invitation(email, "ko"), page));

        foreach (var result in results)
            await ResponseAssert.RedirectsTo($"{Accounts.UsersPath}?invited={email}", result);
        Assert.Equal(1, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Recipient == email)));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Invite_AnAddressThatHasAnAccount_IsRefusedInWords()
    {
        var admin = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Admin), acceptLanguage: "sw");

        var refused = await admin.InviteAsync(Accounts.Invitation(DemoSeeder.AnalystEmail, "en"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("sw", "An account with the email address {0} already exists.", DemoSeeder.AnalystEmail),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboundEmails.CountAsync(e => e.Recipient == DemoSeeder.AnalystEmail && e.Kind == EmailKind.AccountInvitation)));
    }

    [Theory]
    [InlineData("a b@example.org")]
    [InlineData("name@")]
    public async Task Invite_AnAddressAMailServerWouldRefuse_IsRefused_AndCreatesNoAccount(string address)
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);

        var refused = await admin.InviteAsync(Accounts.Invitation(address, "en"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull((await Html.ParseAsync(refused)).QuerySelector("[data-error-summary] a[href='#invite-email']"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == address)));
    }

    [Fact]
    public async Task Save_ChangesRolesAndInterfaceLanguage_AndAudits()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var path = await AccountPathAsync(email);

        var saved = await admin.SubmitAsync(await admin.GetPageAsync(path), new Dictionary<string, string[]>
        {
            ["Settings.Roles"] = [StaffRoles.Organiser, StaffRoles.Translator],
            ["Settings.Language"] = ["ko"],
        }, "#account-settings", pagePath: path);

        await ResponseAssert.RedirectsTo(path, saved);
        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal("ko", account.InterfaceLanguage);
        var roles = await app.WithDbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                                 where ur.UserId == account.Id orderby r.Name select r.Name!).ToListAsync());
        Assert.Equal([StaffRoles.Organiser, StaffRoles.Translator], roles);
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountChanged, account.Id));
    }

    [Fact]
    public async Task Save_AuditsEveryRoleGrantedOrTakenAway_AsARoleChange()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var path = await AccountPathAsync(email);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        await ResponseAssert.RedirectsTo(path, await admin.SubmitAsync(await admin.GetPageAsync(path), new Dictionary<string, string[]>
        {
            ["Settings.Roles"] = [StaffRoles.Organiser, StaffRoles.Translator],
            ["Settings.Language"] = ["en"],
        }, "#account-settings", pagePath: path));

        var events = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.ObjectId!.StartsWith(id.ToString()))
            .Select(e => new { e.Action, e.ObjectType, e.ObjectId, e.Actor }).ToListAsync());
        Assert.Equal(
            [$"{AuditActions.RoleGranted} {id}/{StaffRoles.Organiser}", $"{AuditActions.RoleGranted} {id}/{StaffRoles.Translator}", $"{AuditActions.RoleRemoved} {id}/{StaffRoles.Analyst}"],
            events.Where(e => e.ObjectType == "user-role").Select(e => $"{e.Action} {e.ObjectId}").Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal(DemoSeeder.AdminEmail, e.Actor));
    }

    [Fact]
    public async Task Save_FromAFormReadBeforeAnotherAdminsChange_IsRefused()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var path = await AccountPathAsync(email);
        var older = await admin.GetPageAsync(path);
        await ResponseAssert.RedirectsTo(path, await admin.SubmitAsync(await admin.GetPageAsync(path),
            new Dictionary<string, string[]> { ["Settings.Roles"] = [StaffRoles.Analyst], ["Settings.Language"] = ["fr"] }, "#account-settings", pagePath: path));

        var refused = await admin.SubmitAsync(older, new Dictionary<string, string[]> { ["Settings.Roles"] = [StaffRoles.Admin], ["Settings.Language"] = ["ja"] },
            "#account-settings", pagePath: path);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "Someone else changed this account at the same time. Reload the page and try again."),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal("fr", await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.InterfaceLanguage).SingleAsync()));
    }

    [Fact]
    public async Task Disable_RefusesSignInLikeAWrongPassword_AndEndsTheOpenSessionAtOnce_UntilReEnabled()
    {
        var admin = await app.SignedInAsync(DemoSeeder.AdminEmail);
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var session = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/staff")).StatusCode);
        var path = await AccountPathAsync(email);

        await ResponseAssert.RedirectsTo(path, await admin.SubmitAsync(await admin.GetPageAsync(path), formSelector: "#disable", pagePath: path));

        var ended = await session.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Contains(Staff.SignInPath + "?", ended.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var client = app.Respondent("fr");
        var refused = await client.SignInAsync(await Staff.SignInPageAsync(client), email, AppFactory.StaffPassword);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // The same words as a wrong password: the sign-in page does not tell who has an account (issue 14).
        Assert.Contains(Localized.Text("fr", "The email address or password is not correct."),
            (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Contains(Localized.Text("en", "Disabled"), (await admin.GetPageAsync(Accounts.UsersPath)).Text($"tr[data-account='{email}'] [data-status]"), StringComparison.Ordinal);

        await ResponseAssert.RedirectsTo(path, await admin.SubmitAsync(await admin.GetPageAsync(path), formSelector: "#enable", pagePath: path));
        await app.SignedInAsync(email);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountDisabled, id));
        Assert.Equal(1, await AuditCountAsync(AuditActions.AccountEnabled, id));
    }

    [Fact]
    public async Task Disable_TheirOwnAccount_IsRefusedToAnAdmin()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        var admin = await app.SignedInAsync(email);
        var path = await AccountPathAsync(email);
        var page = await admin.GetPageAsync(path);
        Assert.Null(page.QuerySelector("#disable"));

        // Posted anyway, with the page's valid antiforgery token.
        var form = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#account-settings")!;
        var refused = await admin.PostAsync($"{path}?handler=Disable", new FormUrlEncodedContent(Html.FormValues(form)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Localized.Text("en", "You cannot disable your own account: another administrator can."), (await Html.ParseAsync(refused)).Text("[data-error-summary]"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Accounts.UsersPath)).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd != null).SingleAsync()));
    }

    private static string NewEmail() => $"invited-{Guid.NewGuid().ToString("N")[..8]}@example.org";

    private async Task<string> AccountPathAsync(string email) =>
        $"/admin/users/{await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync())}";

    private Task<int> AuditCountAsync(string action, Guid userId) => app.WithDbAsync(db =>
        db.AuditEvents.CountAsync(e => e.Action == action && e.ObjectId == userId.ToString()));
}

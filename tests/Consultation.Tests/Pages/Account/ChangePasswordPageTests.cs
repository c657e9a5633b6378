namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>Signed-in staff change their own password from the staff menu.</summary>
public sealed class ChangePasswordPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Path = "/account/password";
    private const string NewPassword = "a different long passphrase";

    [Fact]
    public async Task ChangingThePassword_KeepsThisSession_EndsTheOthers_AndIsAudited()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var laptop = await app.SignedInAsync(email, acceptLanguage: "sw");
        var phone = await app.SignedInAsync(email);
        var start = await laptop.GetPageAsync("/staff");
        Assert.Equal(Localized.Text("sw", "Change your password"), start.QuerySelector($"nav.staff-nav a[href='{Path}']")!.TextContent.Trim());

        var changed = await SubmitAsync(laptop, AppFactory.StaffPassword, NewPassword, NewPassword);

        await ResponseAssert.RedirectsTo($"{Path}?changed=true", changed);
        Assert.Equal(Localized.Text("sw", "Your password has been changed. You have been signed out everywhere else."),
            (await laptop.GetPageAsync($"{Path}?changed=true")).Text("[data-changed]"));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/staff")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Actor == email && e.Action == AuditActions.PasswordChanged)));

        await app.SignedInAsync(email, NewPassword);
        var old = app.Respondent();
        Assert.Equal(HttpStatusCode.OK, (await old.SignInAsync(await Staff.SignInPageAsync(old), email, AppFactory.StaffPassword)).StatusCode);
    }

    [Fact]
    public async Task AWrongCurrentPassword_AWeakNewOne_OrTwoDifferentOnes_AreRefusedInThePersonsLanguage()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var client = await app.SignedInAsync(email, acceptLanguage: "fr");

        var wrong = await Html.ParseAsync(await SubmitAsync(client, "not my password", NewPassword, NewPassword));
        Assert.EndsWith(Localized.Text("fr", "Your current password is not correct."), wrong.Text("#current-password-error"), StringComparison.Ordinal);

        var weak = await Html.ParseAsync(await SubmitAsync(client, AppFactory.StaffPassword, "short", "short"));
        Assert.EndsWith(Localized.Text("fr", "Your password must be at least {0} characters long.", 12), weak.Text("#new-password-error"), StringComparison.Ordinal);

        var different = await Html.ParseAsync(await SubmitAsync(client, AppFactory.StaffPassword, NewPassword, NewPassword + "!"));
        Assert.EndsWith(Localized.Text("fr", "The two passwords are not the same."), different.Text("#confirm-password-error"), StringComparison.Ordinal);

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Actor == email && e.Action == AuditActions.PasswordChanged)));
        await app.SignedInAsync(email);
    }

    [Fact]
    public async Task GuessingTheCurrentPassword_IsThrottledLikeSigningIn()
    {
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Analyst));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, $"guess {i}", NewPassword, NewPassword)).StatusCode);

        var throttled = await SubmitAsync(client, AppFactory.StaffPassword, NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string current, string password, string confirm) =>
        await client.SubmitAsync(await client.GetPageAsync(Path), new Dictionary<string, string[]>
        {
            ["Input.CurrentPassword"] = [current],
            ["Input.NewPassword"] = [password],
            ["Input.ConfirmPassword"] = [confirm],
        }, "main form", pagePath: Path);
}

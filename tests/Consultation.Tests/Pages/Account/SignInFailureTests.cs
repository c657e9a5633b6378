namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// A failed sign-in tells nothing about the account: the same words, and exactly one password hash (the work that
/// takes the time), for an unknown address, a wrong password, a disabled account or one still awaiting its password.
/// </summary>
public sealed class SignInFailureTests(ObservedApp app) : IClassFixture<ObservedApp>
{
    public enum Case { UnknownAddress, WrongPassword, DisabledWithRightPassword, DisabledWithWrongPassword, AwaitingPassword, SixthWrongPasswordFromAnotherAddress }

    [Theory]
    [InlineData(Case.UnknownAddress)]
    [InlineData(Case.WrongPassword)]
    [InlineData(Case.DisabledWithRightPassword)]
    [InlineData(Case.DisabledWithWrongPassword)]
    [InlineData(Case.AwaitingPassword)]
    [InlineData(Case.SixthWrongPasswordFromAnotherAddress)]
    public async Task EveryFailedSignIn_AnswersTheSameWords_AndCostsExactlyOnePasswordHash(Case failure)
    {
        var (email, password) = await AccountForAsync(failure);
        var client = app.From(NewAddress(), "ja");
        var page = await Staff.SignInPageAsync(client);

        var before = app.PasswordHashes;
        var response = await client.SignInAsync(page, email, password);
        var hashes = app.PasswordHashes - before;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Html.ParseAsync(response);
        Assert.Equal(Localized.Text("ja", "The email address or password is not correct."), answer.Text("[data-error-summary] li"));
        Assert.Equal(1, hashes);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Actor == email).Select(e => e.Action).ToListAsync()),
            a => a == AuditActions.SignInFailed);
    }

    [Fact]
    public async Task ASuccessfulSignIn_AlsoCostsOnePasswordHash()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);
        var client = app.From(NewAddress());
        var page = await Staff.SignInPageAsync(client);

        var before = app.PasswordHashes;
        await ResponseAssert.RedirectsTo("/staff", await client.SignInAsync(page, email, AppFactory.StaffPassword));

        Assert.Equal(1, app.PasswordHashes - before);
    }

    private async Task<(string Email, string Password)> AccountForAsync(Case failure)
    {
        switch (failure)
        {
            case Case.UnknownAddress:
                return ($"nobody-{Guid.NewGuid():N}@example.org", AppFactory.StaffPassword);
            case Case.WrongPassword:
                return (await app.CreateStaffAsync(StaffRoles.Organiser), "not the password at all");
            case Case.DisabledWithRightPassword or Case.DisabledWithWrongPassword:
            {
                var email = await app.CreateStaffAsync(StaffRoles.Organiser);
                await app.WithDbAsync(async db =>
                {
                    var user = await db.Users.SingleAsync(u => u.Email == email);
                    user.LockoutEnabled = true;
                    user.LockoutEnd = StaffUser.DisabledUntil;
                    await db.SaveChangesAsync();
                });
                return (email, failure == Case.DisabledWithRightPassword ? AppFactory.StaffPassword : "not the password at all");
            }
            case Case.AwaitingPassword:
            {
                var email = await app.CreateStaffAsync(StaffRoles.Translator);
                await app.WithDbAsync(async db =>
                {
                    var user = await db.Users.SingleAsync(u => u.Email == email);
                    user.PasswordHash = null;
                    await db.SaveChangesAsync();
                });
                return (email, AppFactory.StaffPassword);
            }
            default:
            {
                // Five failures from one address; the sixth comes from elsewhere (the first address is throttled).
                var email = await app.CreateStaffAsync(StaffRoles.Organiser);
                var elsewhere = app.From(NewAddress());
                var page = await Staff.SignInPageAsync(elsewhere);
                for (var i = 0; i < 5; i++)
                    Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync(page, email, $"wrong password {i}")).StatusCode);
                return (email, "wrong password 5");
            }
        }
    }

    private static string NewAddress() => ObservedApp.NewAddress();
}

namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Failed sign-ins are throttled per (account, address) and per address, never per account alone: whoever guesses
/// from one machine cannot lock the owner out of another.
/// </summary>
public sealed class SignInThrottleTests(ObservedApp app) : IClassFixture<ObservedApp>
{
    [Fact]
    public async Task FiveFailuresFromOneAddress_ThrottleThatAddressForTheAccount_ButNotTheOwnerElsewhere()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var attacker = app.From(ObservedApp.NewAddress(), "fr");
        var page = await Staff.SignInPageAsync(attacker);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync(page, email, $"wrong password {i}")).StatusCode);
        var audited = await AuditCountAsync(email);
        var hashes = app.PasswordHashes;

        var throttled = await attacker.SignInAsync(page, email, AppFactory.StaffPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var explained = await Html.ParseAsync(throttled);
        Assert.Equal("fr", explained.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Localized.Text("fr", "Too many attempts"), explained.Text("h1"));
        // Refused before any check: no password hash, nothing written.
        Assert.Equal(hashes, app.PasswordHashes);
        Assert.Equal(audited, await AuditCountAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/staff")).StatusCode);

        // The owner, at their own desk, signs in at once.
        var owner = app.From(ObservedApp.NewAddress());
        await ResponseAssert.RedirectsTo("/staff", await owner.SignInAsync(await Staff.SignInPageAsync(owner), email, AppFactory.StaffPassword));
    }

    [Fact]
    public async Task ManyFailuresFromOneAddress_ThrottleThatAddressForEveryAccount_AndNoOtherAddress()
    {
        var address = ObservedApp.NewAddress();
        var guesser = app.From(address);
        var page = await Staff.SignInPageAsync(guesser);
        for (var i = 0; i < ObservedApp.FailuresPerAddress; i++)
            Assert.Equal(HttpStatusCode.OK, (await guesser.SignInAsync(page, $"guess-{i}-{Guid.NewGuid():N}@example.org", "some password")).StatusCode);
        var email = await app.CreateStaffAsync(StaffRoles.Analyst);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SignInAsync(page, email, AppFactory.StaffPassword)).StatusCode);

        var other = app.From(ObservedApp.NewAddress());
        await ResponseAssert.RedirectsTo("/staff", await other.SignInAsync(await Staff.SignInPageAsync(other), email, AppFactory.StaffPassword));
    }

    [Fact]
    public async Task TheThrottle_LiftsWhenTheWindowHasPassed()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var client = app.From(ObservedApp.NewAddress());
        var page = await Staff.SignInPageAsync(client);
        for (var i = 0; i < 5; i++)
            await client.SignInAsync(page, email, $"wrong password {i}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(page, email, AppFactory.StaffPassword)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await ResponseAssert.RedirectsTo("/staff", await client.SignInAsync(page, email, AppFactory.StaffPassword));
    }

    [Fact]
    public async Task ASuccessfulSignIn_ClearsTheCountForThatAccountAndAddress()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        var address = ObservedApp.NewAddress();
        var client = app.From(address);
        var page = await Staff.SignInPageAsync(client);
        for (var i = 0; i < 4; i++)
            await client.SignInAsync(page, email, $"wrong password {i}");
        await ResponseAssert.RedirectsTo("/staff", await client.SignInAsync(page, email, AppFactory.StaffPassword));

        var again = app.From(address);
        var secondPage = await Staff.SignInPageAsync(again);
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await again.SignInAsync(secondPage, email, $"wrong password {i}")).StatusCode);

        await ResponseAssert.RedirectsTo("/staff", await again.SignInAsync(secondPage, email, AppFactory.StaffPassword));
    }

    private Task<int> AuditCountAsync(string email) => app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Actor == email));
}

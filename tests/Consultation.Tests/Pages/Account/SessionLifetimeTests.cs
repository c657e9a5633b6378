namespace Consultation.Tests.Pages.Account;

using System.Net;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;

/// <summary>A staff session ends twelve hours after signing in, however busy it has been.</summary>
public sealed class SessionLifetimeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ASession_UsedAllDay_EndsTwelveHoursAfterSignIn()
    {
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Analyst));

        foreach (var hours in new[] { 3, 3, 3 })
        {
            app.Clock.Advance(TimeSpan.FromHours(hours));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/staff")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var ended = await client.GetAsync("/staff");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith(Staff.SignInPath, ended.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        // Ended, not merely refused: signing in again starts a new twelve hours.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task AnIdleSession_StillEndsAfterEightHours()
    {
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRoles.Analyst));

        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
    }
}

namespace Consultation.Tests.Support;

using System.Net;
using Consultation.Web.Data;
using Consultation.Web.Demo;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Staff accounts for tests, signed in through the real sign-in page.</summary>
public static class Staff
{
    public const string SignInPath = "/account/sign-in";

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, LoadedPage page, string email, string password) =>
        client.SubmitAsync(page.Document, new Dictionary<string, string[]> { ["Input.Email"] = [email], ["Input.Password"] = [password] },
            formSelector: "main form", pagePath: page.Path);

    /// <summary>A client signed in as <paramref name="email"/>; fails the test if the sign-in does not succeed.</summary>
    public static async Task<HttpClient> SignedInAsync(this AppFactory app, string email, string password = AppFactory.StaffPassword,
        string acceptLanguage = "en-GB")
    {
        var client = app.Respondent(acceptLanguage);
        var page = await SignInPageAsync(client);
        var response = await client.SignInAsync(page, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}.");
        return client;
    }

    public static async Task<LoadedPage> SignInPageAsync(HttpClient client, string? returnUrl = null)
    {
        var path = returnUrl is null ? SignInPath : $"{SignInPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return new LoadedPage(await client.GetPageAsync(path), path);
    }

    /// <summary>Creates an account in a platform role (or none), optionally on the demo consultation's team.</summary>
    public static async Task<string> CreateStaffAsync(this AppFactory app, string? role, MemberRole? member = null, params string[] languages)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var email = $"{role?.ToLowerInvariant() ?? "staff"}-{Guid.NewGuid().ToString("N")[..8]}@example.org";
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role ?? "Staff" };
        var created = await users.CreateAsync(user, AppFactory.StaffPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (role is not null)
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (member is { } memberRole)
        {
            var consultation = await db.Consultations.SingleAsync(c => c.Slug == DemoSeeder.Slug);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, memberRole, app.Clock.GetUtcNow(), languages));
            await db.SaveChangesAsync();
        }
        return email;
    }

    /// <summary>A new organiser account on the team of the given consultation; returns its email.</summary>
    public static async Task<string> OrganiserOfAsync(this AppFactory app, Guid consultationId)
    {
        var email = await app.CreateStaffAsync(StaffRoles.Organiser);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var consultation = await db.Consultations.SingleAsync(c => c.Id == consultationId);
            db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, MemberRole.Organiser, app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        });
        return email;
    }
}

/// <summary>A parsed page and the path it came from (its forms may post back to it).</summary>
public sealed record LoadedPage(AngleSharp.Html.Dom.IHtmlDocument Document, string Path);

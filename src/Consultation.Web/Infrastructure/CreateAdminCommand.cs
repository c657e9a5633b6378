namespace Consultation.Web.Infrastructure;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;

/// <summary>
/// <c>dotnet Consultation.Web.dll create-admin someone@example.org</c>: the first admin of a production database, which
/// has no demo accounts. Prints a one-time link to choose the password; run again, it prints a fresh link and changes
/// nothing else (an existing account keeps its password, sessions and roles, and becomes an admin if it was not one).
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command instead of the web server; returns the process's exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var _ = app;
        var email = args.Length == 2 ? args[1].Trim() : "";
        if (!AnswerReader.IsEmail(email))
        {
            await Console.Error.WriteLineAsync(args.Length == 2
                ? $"{Name}: '{args[1]}' is not an email address. Usage: dotnet Consultation.Web.dll {Name} someone@example.org"
                : $"{Name}: give one email address. Usage: dotnet Consultation.Web.dll {Name} someone@example.org");
            return 2;
        }
        string baseUrl;
        try
        {
            baseUrl = app.Services.GetRequiredService<PublicLinks>().BaseUrl;
            // The same start as the web server's: migrations, roles (and the demo only where the settings ask for it).
            await app.PrepareDatabaseAsync();
        }
        catch (Exception e) when (e is PostgresNotFoundException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"{Name}: {e.Message}");
            return 1;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<ConsultationDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, InterfaceLanguage = UiLanguages.Default };
            if (!await SucceededAsync(await users.CreateAsync(user), email))
                return 1;
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.AccountInvited, Name, null, null, now, "user", user.Id.ToString()));
        }
        if (user.IsDisabled)
        {
            await Console.Error.WriteLineAsync($"{Name}: the account {email} is disabled; another admin can re-enable it at /admin/users.");
            return 1;
        }
        if (!await users.IsInRoleAsync(user, StaffRoles.Admin) && !await SucceededAsync(await users.AddToRoleAsync(user, StaffRoles.Admin), email))
            return 1;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = SetPasswordModel.Link(baseUrl, user.Id, token, user.InterfaceLanguage ?? UiLanguages.Default);
        if (!created)
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.SetPasswordLinkSent, Name, null, null, now, "user", user.Id.ToString()));
        await db.SaveChangesAsync();

        Console.WriteLine(created ? $"Admin account created: {email}" : $"{email} is an admin; its password and sessions are unchanged.");
        Console.WriteLine($"Open this link within {(int)SetPasswordTokenProvider.Lifespan.TotalDays} days to choose the password (it works once):");
        Console.WriteLine(link);
        return 0;
    }

    private static async Task<bool> SucceededAsync(IdentityResult result, string email)
    {
        if (result.Succeeded)
            return true;
        await Console.Error.WriteLineAsync($"{Name}: {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        return false;
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Consultation.Web.Pages.Account;

/// <summary>Staff sign in here: organisers, analysts, translators and admins. Every attempt is audited.</summary>
public sealed class SignInModel(SignInManager<StaffUser> signIn, ConsultationDbContext db, TimeProvider time,
    IStringLocalizer<SharedResource> s) : PageModel
{
    public const string StartPage = "/staff";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org.")]
        [StringLength(320, ErrorMessage = "Enter an email address in the correct format, like name@example.org.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password")]
        [StringLength(512, ErrorMessage = "The email address or password is not correct.")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var now = time.GetUtcNow();
        if (user is null)
        {
            // Spend the time a real check takes, so that response times do not reveal which addresses have accounts.
            users.PasswordHasher.HashPassword(new StaffUser(), Input.Password);
            return await FailAsync(AuditActions.SignInFailed, Input.Email.Trim(), null, now);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditAsync(AuditActions.SignedIn, user.Email!, user.Id, now);
            if (user.InterfaceLanguage is null)
            {
                user.InterfaceLanguage = UiLanguages.ServingUi(CultureInfo.CurrentUICulture.Name);
                await users.UpdateAsync(user);
            }
            LanguageChoice.Remember(HttpContext, user.InterfaceLanguage);
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.IsLockedOut && user.IsDisabled)
        {
            Problem = s["This account has been disabled. Ask an administrator if you need it again."];
            await AuditAsync(AuditActions.SignInFailed, user.Email!, user.Id, now);
            return Page();
        }
        if (result.IsLockedOut)
        {
            // Identity stamps the lockout with the system clock (TimeProvider support comes in .NET 11), so the
            // time left is measured on that clock, not the app's.
            var minutes = user.LockoutEnd is { } end ? Math.Max(1, (int)Math.Round((end - TimeProvider.System.GetUtcNow()).TotalMinutes)) : 15;
            Problem = s["This account is locked after too many failed attempts. Try again in {0} minutes.", minutes];
            await AuditAsync(AuditActions.LockedOut, user.Email!, user.Id, now);
            return Page();
        }
        return await FailAsync(AuditActions.SignInFailed, user.Email!, user.Id, now);
    }

    /// <summary>Only a path on this site: a return URL naming another host is ignored (no open redirect).</summary>
    public string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : StartPage;

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task<IActionResult> FailAsync(string action, string actor, Guid? userId, DateTimeOffset now)
    {
        Problem = s["The email address or password is not correct."];
        await AuditAsync(action, actor, userId, now);
        return Page();
    }

    private async Task AuditAsync(string action, string actor, Guid? userId, DateTimeOffset now)
    {
        db.AuditEvents.Add(AuditEvent.Record(action, actor, userId, HttpContext.RemoteAddress(), now, "user", userId?.ToString()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }
}

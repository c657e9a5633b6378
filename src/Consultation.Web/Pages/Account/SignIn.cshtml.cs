namespace Consultation.Web.Pages.Account;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

/// <summary>Staff sign in here: organisers, analysts, translators and admins. Every attempt is audited.</summary>
public sealed class SignInModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, ConsultationDbContext db, TimeProvider time,
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

    /// <summary>
    /// Every failure (no such account, wrong password, disabled, no password set yet) answers in the same words after
    /// exactly one password hash, so neither the answer nor its time tells whether an account exists. Too many
    /// failures from one address are refused before any check (429, nothing written).
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var users = signIn.UserManager;
        var email = Input.Email.Trim();
        var account = users.NormalizeEmail(email);
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.WaitBefore(account, address) is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var now = time.GetUtcNow();
        var user = await users.FindByEmailAsync(email);
        if (await PasswordMatchesAsync(user, Input.Password) && user is { IsDisabled: false } && await signIn.CanSignInAsync(user))
        {
            throttle.Forgive(account, address);
            await signIn.SignInAsync(user, isPersistent: false);
            await AuditAsync(AuditActions.SignedIn, user.Email!, user.Id, now);
            if (user.InterfaceLanguage is null)
            {
                user.InterfaceLanguage = UiLanguages.ServingUi(CultureInfo.CurrentUICulture.Name);
                await users.UpdateAsync(user);
            }
            LanguageChoice.Remember(HttpContext, user.InterfaceLanguage);
            return LocalRedirect(SafeReturnUrl);
        }

        throttle.RecordFailure(account, address);
        Problem = s["The email address or password is not correct."];
        await AuditAsync(AuditActions.SignInFailed, user?.Email ?? email, user?.Id, now);
        return Page();
    }

    /// <summary>
    /// One password hash whatever the account: an address without an account, or an account without a password yet,
    /// is checked against a hash of a random password, made once with the same settings.
    /// </summary>
    private async Task<bool> PasswordMatchesAsync(StaffUser? user, string password)
    {
        var users = signIn.UserManager;
        if (user?.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Placeholder, PlaceholderHash, password);
            return false;
        }
        return await users.CheckPasswordAsync(user, password);
    }

    private static readonly StaffUser Placeholder = new();
    private static string? _placeholderHash;

    // Made once per process with the app's hasher settings (so verifying it costs what verifying a real one does), by
    // Identity's hasher directly rather than the app's service, which counts as the work of a sign-in.
    private string PlaceholderHash => _placeholderHash ??= new PasswordHasher<StaffUser>(HttpContext.RequestServices.GetService<IOptions<PasswordHasherOptions>>())
        .HashPassword(Placeholder, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    /// <summary>Only a path on this site: a return URL naming another host is ignored (no open redirect).</summary>
    public string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : StartPage;

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    private async Task AuditAsync(string action, string actor, Guid? userId, DateTimeOffset now)
    {
        db.AuditEvents.Add(AuditEvent.Record(action, actor, userId, HttpContext.RemoteAddress(), now, "user", userId?.ToString()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
    }
}

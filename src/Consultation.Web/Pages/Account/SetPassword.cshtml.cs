namespace Consultation.Web.Pages.Account;

using System.ComponentModel.DataAnnotations;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>
/// An invited person chooses their password from the link in their invitation. The link works once (setting the
/// password changes the security stamp it carries) and for <see cref="SetPasswordTokenProvider.Lifespan"/>.
/// </summary>
public sealed class SetPasswordModel(SignInManager<StaffUser> signIn, ConsultationDbContext db, TimeProvider time) : PageModel
{
    public const string Path = "/account/set-password";

    [BindProperty(SupportsGet = true, Name = "user")]
    public Guid? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "token")]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The link is used, expired, tampered with, or names an account that is gone or disabled.</summary>
    public bool LinkInvalid { get; private set; }

    public string? Email { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a password")]
        [StringLength(512, ErrorMessage = "Your password must be at most {1} characters long.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public static string Link(string origin, Guid userId, string token, string language) =>
        $"{origin}{Path}?user={userId}&token={Uri.EscapeDataString(token)}&{LanguageChoice.QueryKey}={Uri.EscapeDataString(language)}";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await UsableLinkUserAsync();
        LinkInvalid = user is null;
        Email = user?.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await UsableLinkUserAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }
        Email = user.Email;
        if (!ModelState.IsValid)
            return Page();

        var result = await signIn.UserManager.ResetPasswordAsync(user, Token!, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }
            foreach (var error in result.Errors)
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Password)}", error.Description);
            return Page();
        }

        // The link proved the address is theirs.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await signIn.UserManager.UpdateAsync(user);
        }
        db.AuditEvents.Add(AuditEvent.Record(AuditActions.PasswordSet, user.Email ?? "", user.Id, HttpContext.RemoteAddress(),
            time.GetUtcNow(), "user", user.Id.ToString()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        if (user.InterfaceLanguage is { } language)
            LanguageChoice.Remember(HttpContext, language);
        if (!await signIn.CanSignInAsync(user))
            return LocalRedirect(Infrastructure.SecuritySetup.SignInPath);
        await signIn.SignInAsync(user, isPersistent: false);
        db.AuditEvents.Add(AuditEvent.Record(AuditActions.SignedIn, user.Email ?? "", user.Id, HttpContext.RemoteAddress(),
            time.GetUtcNow(), "user", user.Id.ToString()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return LocalRedirect(SignInModel.StartPage);
    }

    /// <summary>The account the link is for, when its token still works and the account may sign in.</summary>
    private async Task<StaffUser?> UsableLinkUserAsync()
    {
        if (UserId is not { } id || string.IsNullOrEmpty(Token) || Token.Length > 2000)
            return null;
        var users = signIn.UserManager;
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || user.IsDisabled)
            return null;
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<StaffUser>.ResetPasswordTokenPurpose, Token) ? user : null;
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}

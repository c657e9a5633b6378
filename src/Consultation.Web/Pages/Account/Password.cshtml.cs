namespace Consultation.Web.Pages.Account;

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>
/// Signed-in staff change their own password. The security stamp changes with it, which ends every other session at
/// its next request; this one is signed in again and stays. Wrong current passwords count towards the sign-in throttle.
/// </summary>
public sealed class PasswordModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, ConsultationDbContext db, TimeProvider time,
    IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "changed")]
    public bool Changed { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password")]
        [StringLength(512, ErrorMessage = "Your current password is not correct.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a password")]
        [StringLength(512, ErrorMessage = "Your password must be at most {1} characters long.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again")]
        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Changed = false;
        if (!ModelState.IsValid)
            return Page();
        var users = signIn.UserManager;
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        var account = user.NormalizedEmail ?? "";
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.WaitBefore(account, address) is { } wait)
        {
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                // Someone at an unlocked screen could otherwise guess the password at leisure.
                throttle.RecordFailure(account, address);
                ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.CurrentPassword)}", s["Your current password is not correct."]);
            }
            else
            {
                foreach (var error in result.Errors)
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.NewPassword)}", error.Description);
            }
            return Page();
        }

        throttle.Forgive(account, address);
        db.AuditEvents.Add(AuditEvent.Record(AuditActions.PasswordChanged, user.Email ?? "", user.Id, HttpContext.RemoteAddress(),
            time.GetUtcNow(), "user", user.Id.ToString()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // A new cookie carrying the new stamp (and the first sign-in's moment, so the twelve hours do not restart).
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage(new { changed = "true" });
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{nameof(Input)}.{field}", out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}

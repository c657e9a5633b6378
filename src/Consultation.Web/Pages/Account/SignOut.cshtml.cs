namespace Consultation.Web.Pages.Account;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

public sealed class SignOutModel(SignInManager<StaffUser> signIn, ConsultationDbContext db, TimeProvider time) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            // A new security stamp ends every copy of this session's cookie, not only the browser's own.
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            db.AuditEvents.Add(AuditEvent.Record(AuditActions.SignedOut, user.Email ?? "", user.Id, HttpContext.RemoteAddress(),
                time.GetUtcNow(), "user", user.Id.ToString()));
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}

namespace Consultation.Web.Pages.Organise.Settings;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Email;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>An organiser creates a consultation as a draft, and becomes its first organiser.</summary>
public sealed class NewConsultationModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public void OnGet()
    {
        var language = ContentLanguages.Known(CultureInfo.CurrentUICulture.Name) ?? UiLanguages.Default;
        Input.DefaultLanguage = language;
        Input.OfferedLanguages = [language];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Input.ValidateAsync(ModelState, s, db, null, cancellationToken);
        if (!ModelState.IsValid)
            return Page();
        var userId = User.RequiredStaffUserId();
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        Consultation consultation;
        try
        {
            consultation = Consultation.Create(Input.Slug!, Input.DefaultLanguage!, Input.OfferedLanguages, Input.AccessMode, Input.IsAnonymous, Input.EstimatedMinutes, now);
            Input.ApplyTo(consultation, now);
            EmailDefaults.Adopt(consultation, s);
        }
        catch (DomainException)
        {
            ModelState.AddModelError("", s["These settings are not possible. Check them and try again."]);
            return Page();
        }
        db.Consultations.Add(consultation);
        db.ConsultationMembers.Add(ConsultationMember.Add(consultation, user.Id, MemberRole.Organiser, now));
        audit.Record(AuditActions.ConsultationCreated, "consultation", consultation.Id.ToString(), consultation.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone took the link between the check and the save.
            ModelState.AddModelError("Input.Slug", s["The link /c/{0} is already taken by another consultation. Choose another.", Input.Slug!]);
            return Page();
        }
        return RedirectToPage("/Organise/Settings/Settings", new { consultationId = consultation.Id });
    }
}

namespace Consultation.Web.Pages.Organise.Stakeholders;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>An organiser adds one person to the registry by hand.</summary>
public sealed class NewStakeholderModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public StakeholderInput Input { get; set; } = new();

    public void OnGet() => Input.PreferredLanguage = ContentLanguages.Known(CultureInfo.CurrentUICulture.Name) ?? UiLanguages.Default;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Input.ValidateAsync(ModelState, s, db.Visible(User), null, cancellationToken);
        if (!ModelState.IsValid)
            return Page();
        Stakeholder stakeholder;
        try
        {
            stakeholder = Stakeholder.Create(Input.ToDetails(), time.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("", s.Explain(refusal));
            return Page();
        }
        db.Stakeholders.Add(stakeholder);
        audit.Record(AuditActions.StakeholderAdded, "stakeholder", stakeholder.Id.ToString());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone added the same address between the check and the save.
            ModelState.AddModelError("Input.Email", s["Someone in the registry already has the address {0}.", Input.Email!.Trim()]);
            return Page();
        }
        return RedirectToPage("/Organise/Stakeholders/Stakeholder", new { stakeholderId = stakeholder.Id, saved = true });
    }
}

namespace Consultation.Web.Pages.Staff;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>Where staff land after signing in: their consultations, with what their role lets them do in each.</summary>
public sealed class StaffHomeModel(ConsultationDbContext db) : PageModel
{
    /// <summary>Shows archived consultations too (?archived=true).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<ConsultationRow> Consultations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Consultations = await MyConsultations.ListAsync(db, User, Enum.GetValues<MemberRole>(), cancellationToken, Archived);

    public bool CanOrganise(ConsultationRow row) => row.Role == MemberRole.Organiser || User.IsInRole(StaffRoles.Admin);

    /// <summary>Organisers reach the translations through the consultation's tabs; translators have only this way in.</summary>
    public bool CanTranslate(ConsultationRow row) => row.Role == MemberRole.Translator;

    public bool CanAnalyse(ConsultationRow row) =>
        row.Status != ConsultationStatus.Draft && (row.Role is MemberRole.Organiser or MemberRole.Analyst || User.IsInRole(StaffRoles.Admin));
}

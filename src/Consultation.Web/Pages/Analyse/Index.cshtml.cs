namespace Consultation.Web.Pages.Analyse;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Pages.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The consultations whose results the person reads.</summary>
public sealed class AnalystHomeModel(ConsultationDbContext db) : PageModel
{
    /// <summary>Shows archived consultations too (?archived=true).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<ConsultationRow> Consultations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Consultations = await MyConsultations.ListAsync(db, User, [MemberRole.Analyst], cancellationToken, Archived);
}

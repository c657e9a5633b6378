namespace Consultation.Web.Pages.Organise;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Pages.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

/// <summary>The consultations the person organises.</summary>
public sealed class OrganiserHomeModel(ConsultationDbContext db) : PageModel
{
    /// <summary>Shows archived consultations too (?archived=true).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<ConsultationRow> Consultations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Consultations = await MyConsultations.ListAsync(db, User, [MemberRole.Organiser], cancellationToken, Archived);
}

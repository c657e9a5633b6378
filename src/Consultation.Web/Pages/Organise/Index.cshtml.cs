using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Pages.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Consultation.Web.Pages.Organise;

/// <summary>The consultations the person organises.</summary>
public sealed class IndexModel(ConsultationDbContext db) : PageModel
{
    public IReadOnlyList<ConsultationRow> Consultations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Consultations = await MyConsultations.ListAsync(db, User, [MemberRole.Organiser], cancellationToken);
}

namespace Consultation.Web.Pages.Admin;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>The newest entries of the audit log.</summary>
public sealed class AuditModel(ConsultationDbContext db) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Events = await db.AuditEvents.OrderByDescending(e => e.At).Take(PageSize).AsNoTracking().ToListAsync(cancellationToken);
}

namespace Consultation.Web.Pages;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>The front page: the consultations anyone can answer now.</summary>
public sealed class FrontPageModel(ConsultationDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<(string Slug, string Title, DateTimeOffset? ClosesAt)> Open { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.Consultations
            .Where(c => c.Status == ConsultationStatus.Open && (c.ClosesAt == null || c.ClosesAt > now)
                && (c.AccessMode == AccessMode.PublicLink || c.AccessMode == AccessMode.Both))
            .OrderBy(c => c.ClosesAt).Take(50).ToListAsync(cancellationToken);
        var titles = await ConsultationTitles.InAsync(db, open, CultureInfo.CurrentUICulture.Name, cancellationToken);
        Open = open.Select(c => (c.Slug, titles[c.Id], c.ClosesAt)).ToList();
    }
}

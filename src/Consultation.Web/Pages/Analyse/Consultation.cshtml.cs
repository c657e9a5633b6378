using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Pages.Analyse;

/// <summary>One consultation's submitted responses, counted by language and by sector.</summary>
public sealed class ConsultationModel(ConsultationDbContext db) : PageModel
{
    public string Title { get; private set; } = "";
    public int Total { get; private set; }
    public IReadOnlyList<(string Language, int Count)> ByLanguage { get; private set; } = [];
    public IReadOnlyList<(Sector? Sector, int Count)> BySector { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid consultationId, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.FirstOrDefaultAsync(c => c.Id == consultationId, cancellationToken);
        if (consultation is null)
            return NotFound();
        Title = (await ConsultationTitles.InAsync(db, [consultation], CultureInfo.CurrentUICulture.Name, cancellationToken))[consultation.Id];
        var submitted = db.Responses.Where(r => r.ConsultationId == consultationId && r.Status == ResponseStatus.Submitted && !r.IsTest);
        ByLanguage = (await submitted.GroupBy(r => r.Language).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderByDescending(g => g.Count).Select(g => (g.Key, g.Count)).ToList();
        BySector = (await submitted.GroupBy(r => r.Sector).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderByDescending(g => g.Count).Select(g => (g.Key, g.Count)).ToList();
        Total = ByLanguage.Sum(l => l.Count);
        return Page();
    }
}

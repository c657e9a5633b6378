namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

/// <summary>What an import did, from the counts it kept.</summary>
public sealed class ResultModel(ConsultationDbContext db) : PageModel
{
    public StakeholderImport Import { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (await db.Mine(User).AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken) is not { } import)
            return NotFound();
        if (import.Status != ImportStatus.Imported)
            return RedirectToPage("/Organise/Stakeholders/Import/Preview", new { importId });
        Import = import;
        return Page();
    }
}

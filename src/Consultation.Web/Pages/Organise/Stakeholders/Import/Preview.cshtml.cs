namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

/// <summary>
/// The third and last step: what the import will do, row by row, before anything is written; then the import itself,
/// checked again against the registry as it is at that moment, in one transaction with the import marked done, so a
/// second submission (or a second node) imports nothing twice.
/// </summary>
public sealed class PreviewModel(ConsultationDbContext db, StaffAudit audit, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>Rows with problems listed one by one; the rest are counted.</summary>
    public const int ListedRows = 100;

    public StakeholderImport Import { get; private set; } = null!;
    public ImportPlan Plan { get; private set; } = null!;
    public IReadOnlyList<PlannedRow> Listed { get; private set; } = [];
    public int NotListed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (await db.Mine(User).AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken) is not { } import)
            return NotFound();
        if (import.Status == ImportStatus.Imported)
            return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
        await PlanAsync(import, db.Visible(User).AsNoTracking(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid importId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Mine(User).SingleOrDefaultAsync(i => i.Id == importId, cancellationToken) is not { } import)
            return NotFound();
        if (import.Status == ImportStatus.Imported)
            return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
        await PlanAsync(import, db.Visible(User), cancellationToken);
        var now = time.GetUtcNow();
        foreach (var row in Plan.Rows.Where(r => r.Outcome == RowOutcome.Update))
            row.Existing!.Edit(row.Update!, now);
        import.Complete(Plan.New, Plan.Updates, Plan.Skipped, Plan.Invalid, now);
        audit.Record(AuditActions.StakeholdersImported, "stakeholder-import", import.Id.ToString());
        try
        {
            // The import's row first: a second submission waits here on the first's lock, then finds it changed.
            await db.SaveChangesAsync(cancellationToken);
            await StakeholderCopy.InsertAsync(db, Plan.Rows.Where(r => r.Outcome == RowOutcome.New).Select(r => r.Added!), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException
            || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another submission of this import finished first, or someone added one of these addresses meanwhile.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await db.Mine(User).AnyAsync(i => i.Id == importId && i.Status == ImportStatus.Imported, cancellationToken))
                return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
            ModelState.AddModelError("", s["Someone changed the registry while you were importing. Check the preview again and import."]);
            return await OnGetAsync(importId, cancellationToken);
        }
        return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
    }

    private async Task PlanAsync(StakeholderImport import, IQueryable<Stakeholder> registry, CancellationToken cancellationToken)
    {
        var table = ImportTable.Read(import.Content, import.Format);
        var mapping = ImportFields.Restore(import.Mapping, table.Headers.Count);
        var existing = await Imports.ExistingAsync(registry, table, mapping, cancellationToken);
        Import = import;
        Plan = ImportPlan.Make(table, mapping, import.Duplicates, existing, s, time.GetUtcNow());
        var reported = Plan.Rows.Where(r => r.Problems.Count > 0).ToList();
        Listed = [.. reported.Take(ListedRows)];
        NotListed = reported.Count - Listed.Count;
    }
}

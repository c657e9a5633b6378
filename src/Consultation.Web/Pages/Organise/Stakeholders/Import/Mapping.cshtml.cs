namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

/// <summary>
/// The second step: each column of the file goes to a field of the registry or is ignored (the headers' suggestion is
/// chosen already), and people already in the registry are skipped or updated.
/// </summary>
public sealed class MappingModel(ConsultationDbContext db, IStringLocalizer<SharedResource> s) : PageModel
{
    /// <summary>How many of the file's first rows each column shows as an example.</summary>
    public const int Examples = 3;

    [BindProperty]
    public List<string> Columns { get; set; } = [];

    [BindProperty]
    public DuplicateChoice Duplicates { get; set; }

    public string FileName { get; private set; } = "";
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public IReadOnlyList<ImportRow> FirstRows { get; private set; } = [];
    public int RowCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (await db.Mine(User).AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, cancellationToken) is not { } import)
            return NotFound();
        if (import.Status == ImportStatus.Imported)
            return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
        Show(import);
        Columns = [.. ImportFields.Restore(import.Mapping, Headers.Count).Select(f => f?.ToString() ?? "")];
        Duplicates = import.Duplicates;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid importId, CancellationToken cancellationToken)
    {
        if (await db.Mine(User).SingleOrDefaultAsync(i => i.Id == importId, cancellationToken) is not { } import)
            return NotFound();
        if (import.Status == ImportStatus.Imported)
            return RedirectToPage("/Organise/Stakeholders/Import/Result", new { importId });
        Show(import);
        var mapping = ImportFields.Restore(Columns, Headers.Count);
        foreach (var field in mapping.OfType<ImportField>().GroupBy(f => f).Where(g => g.Count() > 1).Select(g => g.Key))
            ModelState.AddModelError(nameof(Columns), s["Only one column can fill {0}.", ImportFields.Label(s, field)]);
        foreach (var field in new[] { ImportField.Name, ImportField.Email }.Where(f => !mapping.Contains(f)))
            ModelState.AddModelError(nameof(Columns), s["Choose the column that holds {0}.", ImportFields.Label(s, field)]);
        if (!Enum.IsDefined(Duplicates))
            ModelState.AddModelError(nameof(Duplicates), s["Choose what to do with people already in the registry."]);
        if (!ModelState.IsValid)
            return Page();
        import.Map(ImportFields.Store(mapping), Duplicates);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Organise/Stakeholders/Import/Preview", new { importId });
    }

    private void Show(StakeholderImport import)
    {
        // The file was read when it was uploaded: it reads the same now.
        var table = ImportTable.Read(import.Content, import.Format);
        FileName = import.FileName;
        Headers = table.Headers;
        FirstRows = [.. table.Rows.Take(Examples)];
        RowCount = table.Rows.Count;
    }
}

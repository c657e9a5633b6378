namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

/// <summary>
/// The first step of an import: a CSV or Excel file is read once to refuse what cannot be imported (another kind of
/// file, too large, too many rows, no columns), then kept in the database with the mapping its headers suggest.
/// </summary>
public sealed class ImportModel(ConsultationDbContext db, TimeProvider time, IStringLocalizer<SharedResource> s) : PageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
            return Refuse(s["Choose a CSV or Excel file to upload."]);
        if (Upload.Length > StakeholderImport.MaxBytes)
            return Refuse(s["The file must be {0} MB or smaller.", StakeholderImport.MaxBytes / 1024 / 1024]);
        var content = new byte[Upload.Length];
        await using (var stream = Upload.OpenReadStream())
            await stream.ReadExactlyAsync(content, cancellationToken);
        if (ImportTable.FormatOf(Upload.FileName, content.AsSpan(0, Math.Min(content.Length, 8))) is not { } format)
            return Refuse(s["Upload a CSV file (.csv) or an Excel workbook (.xlsx)."]);
        StakeholderImport import;
        try
        {
            var table = ImportTable.Read(content, format);
            import = StakeholderImport.Upload(UploadedFile.CleanName(Upload.FileName), format, content, User.StaffUserId(), User.Identity?.Name ?? "", time.GetUtcNow());
            import.Map(ImportFields.Store(ImportFields.Suggest(s, table.Headers)), DuplicateChoice.Skip);
        }
        catch (DomainException refusal)
        {
            return Refuse(s.Explain(refusal));
        }
        db.StakeholderImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Organise/Stakeholders/Import/Mapping", new { importId = import.Id });
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(nameof(Upload), message);
        return Page();
    }
}

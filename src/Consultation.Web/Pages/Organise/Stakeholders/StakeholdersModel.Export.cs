namespace Consultation.Web.Pages.Organise.Stakeholders;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// The list's downloads: everyone its search and filters found, on every page, in its order. People are read as
/// untracked rows one at a time, so 10,000 of them are never held as entities.
/// </summary>
public sealed partial class StakeholdersModel
{
    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        await RecordExportAsync(cancellationToken);
        using var workbook = await RegistryExport.WorkbookAsync(ExportRows(), cancellationToken);
        using var content = new MemoryStream();
        workbook.SaveAs(content);
        return File(content.ToArray(), RegistryExport.ExcelContentType, RegistryExport.FileName(time.GetUtcNow(), "xlsx"));
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await RecordExportAsync(cancellationToken);
        return new StreamedFileResult(RegistryExport.CsvContentType, RegistryExport.FileName(time.GetUtcNow(), "csv"),
            (body, token) => RegistryExport.WriteCsvAsync(body, ExportRows(), token));
    }

    /// <summary>Counted and recorded before the file is written: a download the reader abandons was still handed out.</summary>
    private async Task RecordExportAsync(CancellationToken cancellationToken)
    {
        var count = await Filter.Filtered(db.Visible(User)).CountAsync(cancellationToken);
        audit.Record(AuditActions.StakeholdersExported, "stakeholders", count.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
    }

    private IAsyncEnumerable<RegistryRow> ExportRows() => Filter.Apply(db.Visible(User).AsNoTracking())
        .Select(x => new RegistryRow(x.Name, x.Email, x.Organisation, x.Sector, x.Country, x.PreferredLanguage, x.TimeZone, x.Tags,
            x.ConsentGiven, x.ConsentDate, x.ConsentSource, x.Notes, x.NeverEmail, x.CreatedAt))
        .AsAsyncEnumerable();
}

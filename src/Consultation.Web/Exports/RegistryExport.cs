namespace Consultation.Web.Exports;

using System.Globalization;
using ClosedXML.Excel;
using Consultation.Web.Domain;
using CsvHelper;

/// <summary>One person of the registry as a download holds them.</summary>
public sealed record RegistryRow(string Name, string Email, string? Organisation, Sector Sector, string? Country, string PreferredLanguage,
    string TimeZone, IReadOnlyList<string> Tags, bool ConsentGiven, DateOnly? ConsentDate, string? ConsentSource, string? Notes,
    bool NeverEmail, DateTimeOffset CreatedAt);

/// <summary>
/// The registry as Excel and CSV. Pure: rows in, a file out. The headers are stable English field names whatever the
/// reader's language, so the import can read a download back and suggest its mapping from them (ADR 0017).
/// </summary>
public static class RegistryExport
{
    public const string SheetName = "Stakeholders";
    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string TagSeparator = ", ";

    /// <summary>The headers, in the order of the columns.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "Name", "Email", "Organisation", "Sector", "Country code", "Preferred language", "Time zone", "Tags",
        "Consent given", "Consent date", "Consent source", "Notes", "Never email", "Created",
    ];

    public static string FileName(DateTimeOffset now, string extension) =>
        $"stakeholders-{now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>
    /// One sheet, one row per person. Every text is a text cell, so "=HYPERLINK(…)", "+cmd" or "@SUM(…)" typed into a
    /// name or a note is shown as typed and never evaluated; flags are booleans and dates are dates (UTC).
    /// </summary>
    public static async Task<XLWorkbook> WorkbookAsync(IAsyncEnumerable<RegistryRow> rows, CancellationToken cancellationToken)
    {
        var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(SheetName);
        for (var c = 0; c < Headers.Count; c++)
            SummaryWorkbook.Text(sheet.Cell(1, c + 1), Headers[c]).Style.Font.Bold = true;

        var row = 2;
        await foreach (var person in rows.WithCancellation(cancellationToken))
        {
            var values = Texts(person);
            for (var c = 0; c < values.Length; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                switch (c)
                {
                    case 8:
                        cell.SetValue(person.ConsentGiven);
                        break;
                    case 9 when person.ConsentDate is { } date:
                        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                        cell.Style.NumberFormat.Format = "yyyy-mm-dd";
                        break;
                    case 12:
                        cell.SetValue(person.NeverEmail);
                        break;
                    case 13:
                        cell.SetValue(person.CreatedAt.UtcDateTime);
                        cell.Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
                        break;
                    default:
                        if (values[c].Length > 0)
                            SummaryWorkbook.Text(cell, values[c]);
                        break;
                }
            }
            row++;
        }

        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(row - 1, 1), Headers.Count).SetAutoFilter();
        // Fixed widths: measuring text (AdjustToContents) needs libgdiplus, which a server may lack.
        double[] widths = [28, 32, 32, 16, 10, 12, 20, 30, 10, 12, 30, 48, 10, 18];
        for (var c = 0; c < widths.Length; c++)
            sheet.Column(c + 1).Width = widths[c];
        return workbook;
    }

    /// <summary>
    /// RFC 4180 CSV in UTF-8 with a byte order mark (so Excel reads it as UTF-8), written row by row to
    /// <paramref name="output"/> as the rows arrive.
    /// </summary>
    public static async Task WriteCsvAsync(Stream output, IAsyncEnumerable<RegistryRow> rows, CancellationToken cancellationToken)
    {
        // Escape puts a single quote before a field that starts with = + - @, tab or CR, and quotes it (OWASP, CSV injection).
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = true };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader([.. Headers]);
        await foreach (var person in rows.WithCancellation(cancellationToken))
        {
            foreach (var value in Texts(person))
                csv.WriteField(value);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>A person's fields as the CSV writes them, in the order of <see cref="Headers"/>.</summary>
    public static string[] Texts(RegistryRow person) =>
    [
        person.Name,
        person.Email,
        person.Organisation ?? "",
        person.Sector.ToString(),
        person.Country ?? "",
        person.PreferredLanguage,
        person.TimeZone,
        string.Join(TagSeparator, person.Tags),
        person.ConsentGiven ? "true" : "false",
        person.ConsentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        person.ConsentSource ?? "",
        person.Notes ?? "",
        person.NeverEmail ? "true" : "false",
        person.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];
}

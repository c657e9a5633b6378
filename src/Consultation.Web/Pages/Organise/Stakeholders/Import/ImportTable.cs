namespace Consultation.Web.Pages.Organise.Stakeholders.Import;

using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Consultation.Web.Domain;
using Sylvan.Data.Csv;

/// <summary>A row of the file with its number as a spreadsheet shows it (the header is row 1).</summary>
public sealed record ImportRow(int Number, string[] Cells)
{
    public string Cell(int column) => column < Cells.Length ? Cells[column] : "";
}

/// <summary>
/// An uploaded file as a header and rows of text. CSV: UTF-8 with or without a byte order mark, comma or semicolon (the
/// one the header line uses more), quoted fields with newlines, read by Sylvan's reader. Excel: the first worksheet, each
/// cell's text as shown, dates as ISO dates, and a formula as its text ("=1+1"): nothing is evaluated, and a cached
/// result some other program wrote is not trusted. Blank rows are skipped; their numbers stay as the file has them.
/// Refusals are <see cref="DomainException"/>s whose templates are keys of the interface's resources.
/// </summary>
public sealed record ImportTable(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows)
{
    /// <summary>The format a file's name and first bytes agree on, or null.</summary>
    public static ImportFormat? FormatOf(string fileName, ReadOnlySpan<byte> head) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" when !head.Contains((byte)0) => ImportFormat.Csv,
            ".xlsx" when head.StartsWith("PK\u0003\u0004"u8) => ImportFormat.Xlsx,
            _ => null,
        };

    public static ImportTable Read(byte[] content, ImportFormat format) =>
        format == ImportFormat.Xlsx ? ReadWorkbook(content) : ReadCsv(content);

    private static ImportTable ReadCsv(byte[] content)
    {
        string text;
        try
        {
            using var decoder = new StreamReader(new MemoryStream(content), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = decoder.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new DomainException("The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again.");
        }
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = DelimiterOf(text),
            // Nothing is a comment: a name may well start with '#'.
            Comment = '\0',
            BufferSize = 0x10000,
            MaxBufferSize = 0x100000,
        };
        var rows = new List<ImportRow>();
        string[]? headers = null;
        var number = 0;
        try
        {
            using var csv = CsvDataReader.Create(new StringReader(text), options);
            while (csv.Read())
            {
                number++;
                var cells = new string[csv.RowFieldCount];
                for (var i = 0; i < cells.Length; i++)
                    cells[i] = Unescaped(csv.GetString(i));
                if (headers is null)
                {
                    headers = cells;
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace))
                    continue;
                if (rows.Count == StakeholderImport.MaxRows)
                    throw new DomainException("The file has more than {0} rows. Split it into smaller files.", StakeholderImport.MaxRows);
                rows.Add(new ImportRow(number, cells));
            }
        }
        catch (Exception e) when (e is CsvFormatException or CsvRecordTooLargeException or CsvInvalidCharacterException)
        {
            throw new DomainException("Row {0} of the file cannot be read as CSV.", number + 1);
        }
        return Checked(headers, rows);
    }

    // The delimiter the header line uses more, outside quotes: a semicolon in European spreadsheets' CSV, else a comma.
    /// <summary>
    /// A field as typed: the registry's CSV download puts a single quote before a field starting with = + - @, tab or
    /// CR so no spreadsheet runs it (OWASP), and reading the download back takes that quote off again.
    /// </summary>
    public static string Unescaped(string field) =>
        field is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? field[1..] : field;

    private static char DelimiterOf(string text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && c is '\n' or '\r')
                break;
            else if (!quoted && c == ',')
                commas++;
            else if (!quoted && c == ';')
                semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }

    private static ImportTable ReadWorkbook(byte[] content)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML reports a broken package in many ways (zip, XML, Open XML SDK); all mean the same to the reader.
            throw new DomainException("The file cannot be read as an Excel workbook (.xlsx).");
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.First();
            var used = sheet.RangeUsed();
            if (used is null)
                return Checked(null, []);
            if (used.RowCount() > StakeholderImport.MaxRows + 1)
                throw new DomainException("The file has more than {0} rows. Split it into smaller files.", StakeholderImport.MaxRows);
            var firstColumn = used.FirstColumn().ColumnNumber();
            var width = used.LastColumn().ColumnNumber() - firstColumn + 1;
            string[]? headers = null;
            var rows = new List<ImportRow>();
            foreach (var row in sheet.RowsUsed())
            {
                var cells = new string[width];
                for (var i = 0; i < width; i++)
                    cells[i] = Text(row.Cell(firstColumn + i));
                if (headers is null)
                    headers = cells;
                else if (!cells.All(string.IsNullOrWhiteSpace))
                    rows.Add(new ImportRow(row.RowNumber(), cells));
            }
            return Checked(headers, rows);
        }
    }

    private static string Text(IXLCell cell)
    {
        if (cell.HasFormula)
            return "=" + cell.FormulaA1;
        switch (cell.DataType)
        {
            case XLDataType.Text:
                return cell.GetString();
            case XLDataType.DateTime:
                var date = cell.GetDateTime();
                return date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            default:
                // As shown ("00123" stays so), in the invariant culture: a number means the same whoever uploads it.
                var culture = CultureInfo.CurrentCulture;
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                try
                {
                    return cell.GetFormattedString();
                }
                finally
                {
                    CultureInfo.CurrentCulture = culture;
                }
        }
    }

    private static ImportTable Checked(string[]? headers, List<ImportRow> rows)
    {
        if (headers is null || headers.All(string.IsNullOrWhiteSpace))
            throw new DomainException("The file is empty: its first row should name the columns.");
        if (rows.Count == 0)
            throw new DomainException("The file has column names but no people.");
        return new ImportTable([.. headers.Select(h => h.Trim())], rows);
    }
}

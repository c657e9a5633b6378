namespace Consultation.Tests.Pages.Organise.Stakeholders.Import;

using System.Text;
using Consultation.Web.Domain;
using Consultation.Web.Exports;
using Consultation.Web.Pages.Organise.Stakeholders.Import;

/// <summary>Files read into a header and rows, without a database: the messy shapes spreadsheets and people produce.</summary>
public sealed class ImportTableTests
{
    [Theory]
    [InlineData(true, ',')]
    [InlineData(false, ',')]
    [InlineData(true, ';')]
    [InlineData(false, ';')]
    public void Read_Csv_WithOrWithoutBom_EitherDelimiter_KeepsQuotedNewlinesAndNamesInAnyScript(bool bom, char delimiter)
    {
        var d = delimiter;
        var text = $"Name{d}Email{d}Notes\r\n佐藤 結衣{d}yui@example.org{d}\"Met in Tokyo{d}\r\nsecond line\"\r\n\r\nمحمد الأحمد{d}m@example.org{d}\"He said \"\"yes\"\"\"\n#தமிழ்செல்வி{d}t@example.org{d}\n";

        var table = ImportTable.Read(ImportFiles.Csv(text, bom), ImportFormat.Csv);

        Assert.Equal(["Name", "Email", "Notes"], table.Headers);
        Assert.Equal([2, 4, 5], table.Rows.Select(r => r.Number));
        Assert.Equal("佐藤 結衣", table.Rows[0].Cell(0));
        Assert.Equal($"Met in Tokyo{d}\r\nsecond line", table.Rows[0].Cell(2));
        Assert.Equal("He said \"yes\"", table.Rows[1].Cell(2));
        Assert.Equal("#தமிழ்செல்வி", table.Rows[2].Cell(0));
    }

    [Fact]
    public async Task Read_TheRegistrysCsvDownload_GivesBackWhatWasTyped_WithoutTheQuoteThatStopsFormulas()
    {
        var typed = new RegistryRow("=HYPERLINK(\"http://evil.example\")", "a@example.org", "-Lab", Sector.Academia, "KE", "sw",
            "Africa/Nairobi", ["@home", "'quoted"], false, null, "+254 consent form", "'already quoted", false, DateTimeOffset.UnixEpoch);
        using var file = new MemoryStream();
        await RegistryExport.WriteCsvAsync(file, new[] { typed }.ToAsyncEnumerable(), CancellationToken.None);

        var table = ImportTable.Read(file.ToArray(), ImportFormat.Csv);

        Assert.Equal(RegistryExport.Headers, table.Headers);
        Assert.Equal(RegistryExport.Texts(typed), table.Rows.Single().Cells);
    }

    [Fact]
    public void Read_Csv_ChoosesTheDelimiterTheHeaderUsesMore_IgnoringQuotedOnes()
    {
        var table = ImportTable.Read(ImportFiles.Csv("\"Name, full\";Email;Organisation\nKim, Minjun;k@example.org;Seoul, Lab\n"), ImportFormat.Csv);

        Assert.Equal(["Name, full", "Email", "Organisation"], table.Headers);
        Assert.Equal("Seoul, Lab", table.Rows[0].Cell(2));
    }

    [Fact]
    public void Read_Xlsx_TakesFormulasAsTheirText_DatesAsIsoDates_AndSkipsBlankRows()
    {
        var content = ImportFiles.Xlsx(
            ["Name", "Email", "Organisation", "Consent date"],
            ["김민준", "k@example.org", "=1+1", new DateTime(2026, 11, 30)],
            [null, null, null, null],
            ["Zoë", "z@example.org", "00123", null]);

        var table = ImportTable.Read(content, ImportFormat.Xlsx);

        Assert.Equal([2, 4], table.Rows.Select(r => r.Number));
        Assert.Equal("=1+1", table.Rows[0].Cell(2));
        Assert.Equal("2026-11-30", table.Rows[0].Cell(3));
        Assert.Equal("00123", table.Rows[1].Cell(2));
    }

    [Fact]
    public void Read_RefusesInvalidUtf8_MoreRowsThanTheLimit_AndAFileWithoutPeople()
    {
        Assert.Equal("The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again.",
            Assert.Throws<DomainException>(() => ImportTable.Read([.. "Name,Email\n"u8, 0xC3, 0x28, .. ",x\n"u8], ImportFormat.Csv)).Template);
        var many = new StringBuilder("Name,Email\n");
        for (var i = 0; i <= StakeholderImport.MaxRows; i++)
            many.Append(CultureInfo(i)).Append('\n');
        Assert.Equal("The file has more than {0} rows. Split it into smaller files.",
            Assert.Throws<DomainException>(() => ImportTable.Read(ImportFiles.Csv(many.ToString()), ImportFormat.Csv)).Template);
        Assert.Equal("The file has column names but no people.",
            Assert.Throws<DomainException>(() => ImportTable.Read(ImportFiles.Csv("Name,Email\n\n,\n"), ImportFormat.Csv)).Template);
        Assert.Equal("The file cannot be read as an Excel workbook (.xlsx).",
            Assert.Throws<DomainException>(() => ImportTable.Read([.. "PK\u0003\u0004not a zip"u8], ImportFormat.Xlsx)).Template);

        static string CultureInfo(int i) => $"P{i},p{i}@example.org";
    }

    [Theory]
    [InlineData("people.csv", "Name,Email", ImportFormat.Csv)]
    [InlineData("people.CSV", "Name,Email", ImportFormat.Csv)]
    [InlineData("people.xlsx", "PK\u0003\u0004", ImportFormat.Xlsx)]
    [InlineData("people.xlsx", "Name,Email", null)]
    [InlineData("people.pdf", "%PDF-1.7", null)]
    [InlineData("people.xls", "PK\u0003\u0004", null)]
    public void FormatOf_NeedsTheExtensionAndTheContentToAgree(string fileName, string head, ImportFormat? expected) =>
        Assert.Equal(expected, ImportTable.FormatOf(fileName, Encoding.UTF8.GetBytes(head)));
}

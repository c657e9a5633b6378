namespace Consultation.Tests.Exports;

using ClosedXML.Excel;
using Consultation.Web.Domain;
using Consultation.Web.Exports;

/// <summary>The first Excel summary, asserted cell by cell on a small hand-counted data set, read back from a saved file.</summary>
public sealed class SummaryWorkbookTests
{
    private static readonly SummaryLabels English = new(
        "Consultation", "Address", "Versions", "Languages", "Compiled at (UTC)", "Responses submitted", "Responses in progress",
        "By language", "By sector", "Language", "Sector", "Responses", "Question code", "Question", "Option code", "Option",
        "answered", "count", "share", "All respondents",
        sector => sector == SectorGroup.NotStated ? "Not stated" : sector.ToString(), language => language, "How to read this workbook.");

    // Three respondents: two academics (both chose "yes"), one from industry (chose "=1+1").
    private static SummaryData Data() => new(
        "Priorities", "priorities", [1, 2], ["en", "ja", "ko", "ar", "sw"], new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.Zero),
        Submitted: 3, InProgress: 1,
        ByLanguage: [("en", 2), ("ja", 1)],
        BySector: new Dictionary<SectorGroup, int> { [SectorGroup.Academia] = 2, [SectorGroup.Industry] = 1 },
        Questions:
        [
            new QuestionSummary("q1", "優先課題は何ですか", 3,
                new Dictionary<SectorGroup, int> { [SectorGroup.Academia] = 2, [SectorGroup.Industry] = 1 },
                [
                    new OptionSummary("yes", "네, 동의합니다", 2, new Dictionary<SectorGroup, int> { [SectorGroup.Academia] = 2 }),
                    new OptionSummary("formula", "=1+1", 1, new Dictionary<SectorGroup, int> { [SectorGroup.Industry] = 1 }),
                    new OptionSummary("range", "3-3.5", 0, new Dictionary<SectorGroup, int>()),
                ]),
            new QuestionSummary("q2", "ما هي أولوياتك؟", 1,
                new Dictionary<SectorGroup, int> { [SectorGroup.Academia] = 1 },
                [
                    new OptionSummary("00123", "00123", 1, new Dictionary<SectorGroup, int> { [SectorGroup.Academia] = 1 }),
                    new OptionSummary("half", "1/2", 0, new Dictionary<SectorGroup, int>()),
                    new OptionSummary("true", "TRUE", 0, new Dictionary<SectorGroup, int>()),
                    new OptionSummary("minus", "-5", 0, new Dictionary<SectorGroup, int>()),
                    new OptionSummary("at", "@sum(A1)", 0, new Dictionary<SectorGroup, int>()),
                    new OptionSummary("sw", "Ndiyo, kabisa", 0, new Dictionary<SectorGroup, int>()),
                ]),
        ]);

    [Fact]
    public void Summary_HasOneRowPerOption_WithCountsAndFractionSharesOverallAndBySector()
    {
        using var workbook = Reopen(SummaryWorkbook.Build(Data(), English));
        var sheet = workbook.Worksheet(SummaryWorkbook.SummarySheet);

        Assert.Equal("Question code", sheet.Cell("A1").GetString());
        Assert.Equal("All respondents: answered", sheet.Cell("E1").GetString());
        Assert.Equal("Academia: share", sheet.Cell("J1").GetString());
        Assert.Equal("Not stated: count", sheet.Cell("X1").GetString());

        // q1 / yes: 2 of 3 overall, 2 of 2 academics, 0 of 1 in industry.
        Assert.Equal("q1", sheet.Cell("A2").GetString());
        Assert.Equal("優先課題は何ですか", sheet.Cell("B2").GetString());
        Assert.Equal("yes", sheet.Cell("C2").GetString());
        Assert.Equal("네, 동의합니다", sheet.Cell("D2").GetString());
        Assert.Equal(3, sheet.Cell("E2").GetValue<int>());
        Assert.Equal(2, sheet.Cell("F2").GetValue<int>());
        Assert.Equal(2.0 / 3, sheet.Cell("G2").GetValue<double>(), 6);
        Assert.Equal(SummaryWorkbook.PercentFormat, sheet.Cell("G2").Style.NumberFormat.Format);
        Assert.Equal(2, sheet.Cell("H2").GetValue<int>());
        Assert.Equal(1.0, sheet.Cell("J2").GetValue<double>(), 6);
        // Civil society answered nothing: its share is left empty rather than 0 % or an error.
        Assert.Equal(0, sheet.Cell("K2").GetValue<int>());
        Assert.True(sheet.Cell("M2").IsEmpty());

        // Industry's one answer to q1 was the option "=1+1".
        Assert.Equal("formula", sheet.Cell("C3").GetString());
        var industryCount = sheet.Cell(3, 4 + 3 * 4 + 2);
        Assert.Equal(1, industryCount.GetValue<int>());
        Assert.Equal(1 + 3 + 6, sheet.LastRowUsed()!.RowNumber());
    }

    [Theory]
    [InlineData("D3", "=1+1")]
    [InlineData("D4", "3-3.5")]
    [InlineData("D5", "00123")]
    [InlineData("C5", "00123")]
    [InlineData("D6", "1/2")]
    [InlineData("D7", "TRUE")]
    [InlineData("D8", "-5")]
    [InlineData("D9", "@sum(A1)")]
    [InlineData("D10", "Ndiyo, kabisa")]
    [InlineData("B5", "ما هي أولوياتك؟")]
    public void TextThatLooksLikeAFormulaNumberOrDate_IsWrittenAsText(string address, string expected)
    {
        using var workbook = Reopen(SummaryWorkbook.Build(Data(), English));
        var cell = workbook.Worksheet(SummaryWorkbook.SummarySheet).Cell(address);

        Assert.False(cell.HasFormula, $"{address} became a formula");
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(expected, cell.GetString());
    }

    [Fact]
    public void About_SaysWhatTheWorkbookIs_AndCountsByLanguageAndSector()
    {
        using var workbook = Reopen(SummaryWorkbook.Build(Data(), English));
        var about = workbook.Worksheet(SummaryWorkbook.AboutSheet);

        Assert.Equal("Priorities", about.Cell("B1").GetString());
        Assert.Equal("/c/priorities", about.Cell("B2").GetString());
        Assert.Equal("1, 2", about.Cell("B3").GetString());
        Assert.Equal("en, ja, ko, ar, sw", about.Cell("B4").GetString());
        Assert.Equal(new DateTime(2026, 11, 27, 10, 30, 0), about.Cell("B5").GetDateTime());
        Assert.Equal(3, about.Cell("B6").GetValue<int>());
        Assert.Equal(1, about.Cell("B7").GetValue<int>());
        Assert.Equal("By language", about.Cell("A9").GetString());
        Assert.Equal("en", about.Cell("A10").GetString());
        Assert.Equal(2, about.Cell("B10").GetValue<int>());
        Assert.Equal("By sector", about.Cell("A13").GetString());
        Assert.Equal("Academia", about.Cell("A14").GetString());
        Assert.Equal(2, about.Cell("B14").GetValue<int>());
        Assert.Equal("Not stated", about.Cell("A19").GetString());
        Assert.Equal(0, about.Cell("B19").GetValue<int>());
    }

    [Fact]
    public void EmptyConsultation_StillGivesBothSheets_WithHeadersAndZeros()
    {
        var empty = Data() with { Submitted = 0, InProgress = 0, ByLanguage = [], BySector = new Dictionary<SectorGroup, int>(), Questions = [] };

        using var workbook = Reopen(SummaryWorkbook.Build(empty, English));

        Assert.Equal(0, workbook.Worksheet(SummaryWorkbook.AboutSheet).Cell("B6").GetValue<int>());
        var summary = workbook.Worksheet(SummaryWorkbook.SummarySheet);
        Assert.Equal("Question code", summary.Cell("A1").GetString());
        Assert.Equal(1, summary.LastRowUsed()!.RowNumber());
    }

    [Fact]
    public void RightToLeftLabels_MakeRightToLeftSheets()
    {
        using var workbook = Reopen(SummaryWorkbook.Build(Data(), English, rightToLeft: true));
        Assert.True(workbook.Worksheet(SummaryWorkbook.SummarySheet).RightToLeft);
    }

    internal static XLWorkbook Reopen(XLWorkbook built)
    {
        using (built)
        {
            var stream = new MemoryStream();
            built.SaveAs(stream);
            stream.Position = 0;
            return new XLWorkbook(stream);
        }
    }
}

namespace Consultation.Web.Exports;

using ClosedXML.Excel;
using Consultation.Web.Domain;

/// <summary>
/// Lays out the first Excel summary: an About sheet and a Summary sheet with one row per option of every closed
/// question, overall and by sector. Pure: data in, workbook out. Text is always written as text, so nothing an
/// organiser or a respondent typed can become a formula, a date or a number; percentages are fractions.
/// </summary>
public static class SummaryWorkbook
{
    public const string AboutSheet = "About";
    public const string SummarySheet = "Summary";
    public const string PercentFormat = "0.0%";

    public static XLWorkbook Build(SummaryData data, SummaryLabels labels, bool rightToLeft = false)
    {
        var workbook = new XLWorkbook();
        About(workbook.AddWorksheet(AboutSheet), data, labels, rightToLeft);
        Summary(workbook.AddWorksheet(SummarySheet), data, labels, rightToLeft);
        return workbook;
    }

    private static void About(IXLWorksheet sheet, SummaryData data, SummaryLabels labels, bool rightToLeft)
    {
        sheet.RightToLeft = rightToLeft;
        var row = 1;
        void Pair(string label, Action<IXLCell> value)
        {
            Text(sheet.Cell(row, 1), label).Style.Font.Bold = true;
            value(sheet.Cell(row, 2));
            row++;
        }

        Pair(labels.Consultation, c => Text(c, data.Title));
        Pair(labels.Address, c => Text(c, $"/c/{data.Slug}"));
        Pair(labels.Versions, c => Text(c, string.Join(", ", data.Versions)));
        Pair(labels.Languages, c => Text(c, string.Join(", ", data.Languages.Select(labels.LanguageName))));
        Pair(labels.CompiledAt, c =>
        {
            c.SetValue(data.CompiledAt.UtcDateTime);
            c.Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
        });
        Pair(labels.Submitted, c => c.SetValue(data.Submitted));
        Pair(labels.InProgress, c => c.SetValue(data.InProgress));

        row++;
        Text(sheet.Cell(row, 1), labels.ByLanguage).Style.Font.Bold = true;
        Text(sheet.Cell(row, 2), labels.Responses).Style.Font.Bold = true;
        row++;
        foreach (var (language, count) in data.ByLanguage)
        {
            Text(sheet.Cell(row, 1), labels.LanguageName(language));
            sheet.Cell(row, 2).SetValue(count);
            row++;
        }

        row++;
        Text(sheet.Cell(row, 1), labels.BySector).Style.Font.Bold = true;
        Text(sheet.Cell(row, 2), labels.Responses).Style.Font.Bold = true;
        row++;
        foreach (var sector in SummaryData.Sectors)
        {
            Text(sheet.Cell(row, 1), labels.SectorName(sector));
            sheet.Cell(row, 2).SetValue(data.BySector.GetValueOrDefault(sector));
            row++;
        }

        row++;
        Text(sheet.Cell(row, 1), labels.HowToRead).Style.Alignment.WrapText = true;
        sheet.Range(row, 1, row, 2).Merge();
        sheet.Row(row).Height = 60;

        // Fixed widths: measuring text (AdjustToContents) needs libgdiplus, which a server may lack.
        sheet.Column(1).Width = 34;
        sheet.Column(2).Width = 60;
    }

    private static void Summary(IXLWorksheet sheet, SummaryData data, SummaryLabels labels, bool rightToLeft)
    {
        sheet.RightToLeft = rightToLeft;
        var groups = new List<(string Name, SectorGroup Sector, bool All)> { (labels.AllRespondents, SectorGroup.NotStated, true) };
        groups.AddRange(SummaryData.Sectors.Select(s => (labels.SectorName(s), s, false)));

        string[] fixedHeaders = [labels.QuestionCode, labels.Question, labels.OptionCode, labels.Option];
        for (var i = 0; i < fixedHeaders.Length; i++)
            Text(sheet.Cell(1, i + 1), fixedHeaders[i]);
        var column = fixedHeaders.Length + 1;
        foreach (var group in groups)
        {
            Text(sheet.Cell(1, column++), $"{group.Name}: {labels.Answered}");
            Text(sheet.Cell(1, column++), $"{group.Name}: {labels.Count}");
            Text(sheet.Cell(1, column++), $"{group.Name}: {labels.Share}");
        }
        var lastColumn = column - 1;
        var header = sheet.Range(1, 1, 1, lastColumn);
        header.Style.Font.Bold = true;
        header.Style.Alignment.WrapText = true;

        var row = 2;
        foreach (var question in data.Questions)
        {
            foreach (var option in question.Options)
            {
                Text(sheet.Cell(row, 1), question.Code);
                Text(sheet.Cell(row, 2), question.Label);
                Text(sheet.Cell(row, 3), option.Code);
                Text(sheet.Cell(row, 4), option.Label);
                column = fixedHeaders.Length + 1;
                foreach (var group in groups)
                {
                    var answered = group.All ? question.Answered : question.AnsweredBySector.GetValueOrDefault(group.Sector);
                    var count = group.All ? option.Count : option.BySector.GetValueOrDefault(group.Sector);
                    sheet.Cell(row, column++).SetValue(answered);
                    sheet.Cell(row, column++).SetValue(count);
                    var share = sheet.Cell(row, column++);
                    if (answered > 0)
                    {
                        share.SetValue((double)count / answered);
                        share.Style.NumberFormat.Format = PercentFormat;
                    }
                }
                row++;
            }
        }

        sheet.SheetView.FreezeRows(1);
        sheet.SheetView.FreezeColumns(2);
        if (row > 2)
            sheet.Range(1, 1, row - 1, lastColumn).SetAutoFilter();
        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 48;
        sheet.Column(3).Width = 18;
        sheet.Column(4).Width = 40;
        for (var c = fixedHeaders.Length + 1; c <= lastColumn; c++)
            sheet.Column(c).Width = 12;
        sheet.Row(1).Height = 45;
    }

    /// <summary>Writes text as text: "=1+1", "00123", "3-3.5", "1/2" and "TRUE" stay exactly what they are.</summary>
    public static IXLCell Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        // ClosedXML 0.95 would read a leading "=" as a formula; the text value wins over any formula.
        if (cell.HasFormula)
        {
            cell.FormulaA1 = null;
            cell.SetValue(text);
            cell.DataType = XLDataType.Text;
        }
        return cell;
    }
}

namespace Consultation.Tests.Pages.Organise.Stakeholders.Import;

using System.Text;
using ClosedXML.Excel;

/// <summary>Files as people send them, built in the tests: CSV with or without a byte order mark, either delimiter, and workbooks.</summary>
public static class ImportFiles
{
    public static byte[] Csv(string text, bool bom = false) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>A workbook whose first sheet holds <paramref name="rows"/>; a cell is text unless it is a DateTime, or a string starting "=" (a formula).</summary>
    public static byte[] Xlsx(params object?[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("People");
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case DateTime date:
                        cell.SetValue(date);
                        break;
                    case string formula when formula.StartsWith('='):
                        cell.FormulaA1 = formula[1..];
                        break;
                    case var value:
                        cell.SetValue(value.ToString());
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static string Email() => $"{Guid.NewGuid():N}@example.org";
}

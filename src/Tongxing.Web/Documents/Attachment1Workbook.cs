using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Tongxing.Web.Documents;

/// <summary>Writes 附件1 as .xlsx with MiniExcel: title, heading, header row, one row per household, signature line.</summary>
public static class Attachment1Workbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] Letters = Enumerable.Range(0, Attachment1.Columns.Length).Select(ColumnName).ToArray();

    public static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    /// <param name="heading">The line under the title: programme, town and date.</param>
    public static Task WriteAsync(Stream output, string heading, IEnumerable<Attachment1Row> rows, CancellationToken ct)
    {
        var config = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            FreezeRowCount = 3,
            DynamicColumns = Attachment1.Columns.Select((c, i) => new DynamicExcelColumn(Letters[i]) { Width = c.Width }).ToArray(),
        };
        return MiniExcel.SaveAsAsync(output, Sheet(heading, rows, ct), printHeader: false, sheetName: Attachment1.SheetName, configuration: config, cancellationToken: ct);
    }

    private static IEnumerable<Dictionary<string, object?>> Sheet(string heading, IEnumerable<Attachment1Row> rows, CancellationToken ct)
    {
        yield return Row([Attachment1.Title]);
        yield return Row([heading]);
        yield return Row(Attachment1.Columns.Select(c => (object?)c.Header).ToArray());
        foreach (var r in rows)
        {
            ct.ThrowIfCancellationRequested();
            yield return Row(Attachment1.Cells(r).Select(Neutralise).ToArray());
        }
        yield return Row([]);
        yield return Row(["填表人：", null, null, "审核人：", null, null, "联系电话：", null, null, "填报单位（盖章）："]);
    }

    private static Dictionary<string, object?> Row(object?[] cells)
    {
        var row = new Dictionary<string, object?>(Letters.Length);
        for (var i = 0; i < Letters.Length; i++)
        {
            row[Letters[i]] = i < cells.Length ? cells[i] : null;
        }
        return row;
    }

    /// <summary>Text that a spreadsheet would take for a formula gets a leading apostrophe, which the reader strips again.</summary>
    internal static object? Neutralise(object? value) =>
        value is string s && s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : value;
}

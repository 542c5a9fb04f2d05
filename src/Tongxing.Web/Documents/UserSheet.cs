using System.Globalization;
using MiniExcelLibs;

namespace Tongxing.Web.Documents;

/// <summary>One row of the account template as typed: the row number in the sheet and the five cells.</summary>
public sealed record UserSheetRow(int Row, string? DisplayName, string? UserName, string? PhoneNumber, string? Office, string? AreaCode);

/// <summary>
/// The .xlsx template for creating accounts in bulk (姓名, 用户名, 手机号, 职务, 区划代码) and its reader. Refuses hostile
/// files (not a workbook, encrypted, a zip bomb, far beyond the template) as the 附件1 import does.
/// </summary>
public static class UserSheet
{
    public static readonly string[] Headers = ["姓名", "用户名", "手机号", "职务", "区划代码"];

    public static async Task<byte[]> TemplateAsync(CancellationToken ct)
    {
        using var output = new MemoryStream();
        var example = new Dictionary<string, object?> { ["姓名"] = null, ["用户名"] = null, ["手机号"] = null, ["职务"] = null, ["区划代码"] = null };
        await output.SaveAsAsync(new[] { example }, sheetName: "用户", cancellationToken: ct);
        return output.ToArray();
    }

    public static (IReadOnlyList<UserSheetRow> Rows, string? Error) Read(Stream content, int maxRows)
    {
        var refused = Attachment1Reader.Precheck(content);
        if (refused is not null)
        {
            return ([], refused.Replace("附件1模板", "用户导入模板", StringComparison.Ordinal));
        }
        var rows = new List<UserSheetRow>();
        try
        {
            content.Position = 0;
            var rowNumber = 1;
            Dictionary<string, string>? columns = null;
            foreach (IDictionary<string, object?> raw in content.Query(useHeaderRow: false))
            {
                if (columns is null)
                {
                    columns = raw.Where(kv => Text(kv.Value) is { Length: > 0 }).ToDictionary(kv => Text(kv.Value)!, kv => kv.Key);
                    var missing = Headers.Where(h => !columns.ContainsKey(h)).ToList();
                    if (missing.Count > 0)
                    {
                        return ([], $"第1行表头缺少以下列：{string.Join("、", missing)}。请下载系统的用户导入模板填写");
                    }
                    continue;
                }
                rowNumber++;
                string? Cell(string header) => Text(raw.TryGetValue(columns[header], out var v) ? v : null);
                var row = new UserSheetRow(rowNumber, Cell("姓名"), Cell("用户名"), Cell("手机号"), Cell("职务"), Cell("区划代码"));
                if (new[] { row.DisplayName, row.UserName, row.PhoneNumber, row.Office, row.AreaCode }.All(string.IsNullOrEmpty))
                {
                    continue;
                }
                if (rows.Count >= maxRows)
                {
                    return ([], $"一次最多导入{maxRows}个账号，请分批导入");
                }
                rows.Add(row);
            }
            return rows.Count == 0 ? ([], "文件中没有数据行") : (rows, null);
        }
#pragma warning disable CA1031 // Any failure inside a hostile workbook is reported to the user, not thrown.
        catch (Exception)
        {
            return ([], "文件无法读取，请确认是用系统的用户导入模板填写的 .xlsx 文件");
        }
#pragma warning restore CA1031
    }

    private static string? Text(object? value) => (value switch
    {
        null => null,
        double d => d.ToString("0", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    })?.Trim();
}

using System.Globalization;
using System.IO.Compression;
using MiniExcelLibs;

namespace Tongxing.Web.Documents;

/// <summary>One data row of an uploaded 附件1: its row number in the sheet and its cells by column header.</summary>
public sealed record SheetRow(int RowNumber, IReadOnlyDictionary<string, string?> Cells, IReadOnlySet<string> StoredAsLongNumber)
{
    public string? this[string header] => Cells.GetValueOrDefault(header);
}

public sealed record SheetReadResult(IReadOnlyList<SheetRow> Rows, string? Error);

/// <summary>
/// Reads a filled-in 附件1 workbook. Refuses, with a message an official understands, files that are not .xlsx,
/// are encrypted or old .xls, expand to more than the limit, lack the template's columns, or hold no rows.
/// </summary>
public static class Attachment1Reader
{
    private const long MaxExpandedBytes = 200L * 1024 * 1024;
    private static readonly string[] Required = ["村（社区）", "户主姓名", "性别", "身份证号码", "家庭人口", "人均年纯收入（元）", "建档立卡情况", "劳动能力", "项目类型", "扶持项目"];

    public static SheetReadResult Read(byte[] content, int maxRows)
    {
        if (content.Length == 0)
        {
            return Fail("上传的文件是空的");
        }
        if (content.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0)
        {
            return Fail("文件设置了密码或是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后再上传");
        }
        if (content.Length < 4 || content[0] != 0x50 || content[1] != 0x4B || content[2] != 0x03 || content[3] != 0x04)
        {
            return Fail("上传的文件不是 Excel 工作簿（.xlsx），请使用系统导出的附件1模板填写");
        }
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
            {
                if (zip.GetEntry("xl/workbook.xml") is null)
                {
                    return Fail("上传的文件不是有效的 Excel 工作簿（.xlsx）");
                }
                if (zip.Entries.Sum(e => e.Length) > MaxExpandedBytes)
                {
                    return Fail("文件解压后过大，疑似异常文件，已拒绝");
                }
            }
            return ReadSheet(content, maxRows);
        }
        catch (InvalidDataException)
        {
            return Fail("文件已损坏，无法读取，请重新导出模板填写");
        }
#pragma warning disable CA1031 // Any failure inside a hostile workbook is reported to the user, not thrown.
        catch (Exception)
        {
            return Fail("文件无法读取，请确认是用系统导出的附件1模板填写的 .xlsx 文件");
        }
#pragma warning restore CA1031
    }

    private static SheetReadResult ReadSheet(byte[] content, int maxRows)
    {
        using var stream = new MemoryStream(content);
        Dictionary<string, string>? headerByLetter = null;
        var rows = new List<SheetRow>();
        var rowNumber = 0;
        foreach (IDictionary<string, object?> raw in MiniExcel.Query(stream, useHeaderRow: false))
        {
            rowNumber++;
            var cells = raw.ToDictionary(kv => kv.Key, kv => Text(kv.Value));
            if (headerByLetter is null)
            {
                if (cells.ContainsValue("身份证号码") && cells.ContainsValue("户主姓名"))
                {
                    headerByLetter = cells.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!);
                    var missing = Required.Where(r => !headerByLetter.ContainsValue(r)).ToList();
                    if (missing.Count > 0)
                    {
                        return Fail($"表头缺少以下列：{string.Join("、", missing)}。请使用系统导出的附件1模板");
                    }
                }
                else if (rowNumber > 10)
                {
                    return Fail("前10行中找不到表头（应含“户主姓名”“身份证号码”等列），请使用系统导出的附件1模板");
                }
                continue;
            }
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (cells.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } first && first.StartsWith("填表人", StringComparison.Ordinal))
            {
                break;
            }
            if (rows.Count >= maxRows)
            {
                return Fail($"一次最多导入{maxRows}行，请分批导入");
            }
            // Excel keeps 15 significant digits: an ID number typed into a number cell has lost its last digits.
            var lost = headerByLetter.Where(h => raw.TryGetValue(h.Key, out var v) && v is double d && Math.Abs(d) >= 1e14).Select(h => h.Value).ToHashSet();
            rows.Add(new SheetRow(rowNumber, headerByLetter.ToDictionary(h => h.Value, h => cells.GetValueOrDefault(h.Key)), lost));
        }
        if (headerByLetter is null)
        {
            return Fail("文件中找不到附件1表头（应含“户主姓名”“身份证号码”等列），请使用系统导出的附件1模板");
        }
        return rows.Count == 0 ? Fail("文件中没有数据行") : new SheetReadResult(rows, null);
    }

    private static string? Text(object? value)
    {
        var s = value switch
        {
            null => null,
            double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        s = s?.Trim();
        // The export guards formula-like text with an apostrophe; take it off again.
        return s is { Length: > 1 } && s[0] == '\'' && s[1] is '=' or '+' or '-' or '@' ? s[1..] : s;
    }

    private static SheetReadResult Fail(string error) => new([], error);
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Documents;

/// <summary>The rows of a division-code file, or why the file cannot be read.</summary>
public sealed record DivisionFileResult(IReadOnlyList<DivisionRow> Rows, string? Error);

/// <summary>
/// Reads a file of statistical division codes: CSV (UTF-8 with or without BOM, or GB18030 as Excel and WPS save
/// "CSV" on a Chinese system; decided by whether the bytes are valid UTF-8) or .xlsx (first sheet). The header row names
/// the columns 统计用区划代码 (or 代码) and 名称; other columns (城乡分类代码) are ignored. Bounded in size and rows;
/// a hostile or broken file is refused with a message, never an exception.
/// </summary>
public static class DivisionFile
{
    /// <summary>Enough for a whole province's towns and villages (广西 has about 16,000).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public const int MaxRows = 50_000;

    private const long MaxExpandedBytes = 64L * 1024 * 1024;
    private const int MaxColumns = 30;
    private const int HeaderSearchRows = 10;

    private static readonly string[] CodeHeaders = ["统计用区划代码", "区划代码", "代码", "code"];
    private static readonly string[] NameHeaders = ["名称", "name"];

    public static DivisionFileResult Read(byte[] content)
    {
        if (content.Length == 0)
        {
            return Fail("上传的文件是空的");
        }
        if (content.Length > MaxBytes)
        {
            return Fail($"文件超过{MaxBytes / 1024 / 1024}MB的上限，请分批导入");
        }
        if (content.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0)
        {
            return Fail("文件设置了密码或是旧版 Excel 97-2003（.xls）格式：请另存为 .xlsx 或 CSV 后再上传");
        }
        return content.Length >= 4 && content[0] == 0x50 && content[1] == 0x4B && content[2] == 0x03 && content[3] == 0x04
            ? Rows(Workbook(content, MaxColumns))
            : Rows(Csv(Decode(content)));
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise GB18030 (a superset of GBK and GB2312).</summary>
    public static string Decode(byte[] content)
    {
        var span = content.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(span);
        }
    }

    /// <summary>The records of CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks), each with its line number.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Csv(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (start, fields);
                    fields = [];
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }

    /// <summary>The rows of the workbook's first sheet as text, after the checks that refuse a zip bomb or a sheet far wider than two columns.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Workbook(byte[] content, int maxColumns)
    {
        var refused = Precheck(content, maxColumns);
        if (refused is not null)
        {
            throw new UnreadableFile(refused);
        }
        IEnumerator<dynamic> rows;
        try
        {
            rows = MiniExcel.Query(new MemoryStream(content), useHeaderRow: false).GetEnumerator();
        }
#pragma warning disable CA1031 // Any failure inside a hostile workbook is reported to the user, not thrown.
        catch (Exception)
        {
            throw new UnreadableFile(Unreadable);
        }
        using (rows)
        {
            var line = 0;
            while (true)
            {
                IDictionary<string, object?> raw;
                try
                {
                    if (!rows.MoveNext())
                    {
                        yield break;
                    }
                    raw = (IDictionary<string, object?>)rows.Current;
                }
                catch (Exception)
                {
                    throw new UnreadableFile(Unreadable);
                }
#pragma warning restore CA1031
                line++;
                yield return (line, raw.Values.Select(Text).ToList());
            }
        }
    }

    private static string? Precheck(byte[] content, int maxColumns)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "上传的文件不是有效的 Excel 工作簿（.xlsx）";
            }
            if (zip.Entries.Sum(e => e.Length) > MaxExpandedBytes)
            {
                return "文件解压后过大，疑似异常文件，已拒绝";
            }
            foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var xml = System.Xml.XmlReader.Create(sheet.Open(), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
                while (xml.Read())
                {
                    if (xml.NodeType == System.Xml.XmlNodeType.Element && xml.LocalName is "c" or "dimension"
                        && (xml.GetAttribute("r") ?? xml.GetAttribute("ref")?.Split(':')[^1]) is { } reference
                        && Attachment1Reader.ColumnOf(reference) > maxColumns)
                    {
                        return $"工作表含有超出范围的单元格（{reference}），请删除表格以外的内容后再上传";
                    }
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return Unreadable;
        }
        catch (System.Xml.XmlException)
        {
            return Unreadable;
        }
    }

    /// <summary>
    /// The first sheet of an .xlsx as rows of text, with the same checks (size, zip bomb, cells beyond
    /// <paramref name="maxColumns"/>, unreadable content) and at most <paramref name="maxRows"/> rows; for other one-sheet imports.
    /// </summary>
    internal static (IReadOnlyList<(int Line, List<string> Fields)> Rows, string? Error) ReadSheet(byte[] content, int maxColumns, int maxRows)
    {
        if (content.Length == 0)
        {
            return ([], "上传的文件是空的");
        }
        if (content.Length > MaxBytes)
        {
            return ([], $"文件超过{MaxBytes / 1024 / 1024}MB的上限");
        }
        if (content.Length < 4 || content[0] != 0x50 || content[1] != 0x4B || content[2] != 0x03 || content[3] != 0x04)
        {
            return ([], "上传的文件不是 Excel 工作簿（.xlsx），请另存为 .xlsx 后再上传");
        }
        var rows = new List<(int Line, List<string> Fields)>();
        try
        {
            foreach (var row in Workbook(content, maxColumns))
            {
                if (rows.Count >= maxRows)
                {
                    return ([], $"文件超过{maxRows}行的上限");
                }
                rows.Add(row);
            }
        }
        catch (UnreadableFile e)
        {
            return ([], e.Message);
        }
        return (rows, null);
    }

    private const string Unreadable = "文件已损坏或无法读取，请另存为 .xlsx 或 CSV 后再上传";

    private sealed class UnreadableFile(string message) : Exception(message);

    /// <summary>Finds the header within the first rows, then takes the code and name of every non-empty row below it.</summary>
    private static DivisionFileResult Rows(IEnumerable<(int Line, List<string> Fields)> records)
    {
        var rows = new List<DivisionRow>();
        int codeColumn = -1, nameColumn = -1;
        try
        {
            foreach (var (line, fields) in records)
            {
                if (codeColumn < 0)
                {
                    var cells = fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList();
                    codeColumn = cells.FindIndex(c => CodeHeaders.Contains(c, StringComparer.OrdinalIgnoreCase));
                    nameColumn = cells.FindIndex(c => NameHeaders.Contains(c, StringComparer.OrdinalIgnoreCase));
                    if (codeColumn < 0 || nameColumn < 0)
                    {
                        codeColumn = -1;
                        if (line >= HeaderSearchRows)
                        {
                            return Fail(MissingHeader);
                        }
                    }
                    continue;
                }
                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (rows.Count >= MaxRows)
                {
                    return Fail($"一次最多导入{MaxRows}行，请分批导入");
                }
                rows.Add(new DivisionRow(line, fields.ElementAtOrDefault(codeColumn) ?? "", fields.ElementAtOrDefault(nameColumn) ?? ""));
            }
        }
        catch (UnreadableFile e)
        {
            return Fail(e.Message);
        }
        if (codeColumn < 0)
        {
            return Fail(MissingHeader);
        }
        return rows.Count == 0 ? Fail("文件中没有数据行") : new DivisionFileResult(rows, null);
    }

    private const string MissingHeader = "找不到表头：第1行应含“统计用区划代码”（或“代码”）和“名称”两列";

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.##########", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static DivisionFileResult Fail(string error) => new([], error);
}

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

    /// <summary>Reads the whole sheet into memory (small files, tests); large imports use <see cref="Stream(System.IO.Stream, int)"/>.</summary>
    public static SheetReadResult Read(byte[] content, int maxRows)
    {
        var rows = new List<SheetRow>();
        foreach (var (row, error) in Stream(content, maxRows))
        {
            if (error is not null)
            {
                return Fail(error);
            }
            rows.Add(row!);
        }
        return new SheetReadResult(rows, null);
    }

    /// <summary>
    /// The sheet's data rows one at a time, so that memory does not grow with the file; ends with a single error item
    /// when the file or its layout is refused (before any row, or where the problem is found).
    /// </summary>
    public static IEnumerable<(SheetRow? Row, string? Error)> Stream(byte[] content, int maxRows) => Stream(new MemoryStream(content), maxRows);

    /// <summary>As <see cref="Stream(byte[], int)"/>, from a seekable stream (a file), read from its start; the caller disposes it.</summary>
    public static IEnumerable<(SheetRow? Row, string? Error)> Stream(Stream content, int maxRows)
    {
        var refused = Precheck(content, maxRows);
        if (refused is not null)
        {
            yield return (null, refused);
            yield break;
        }
        var stream = content;
        stream.Position = 0;
        var (rows, opening) = Open(stream);
        if (opening is not null)
        {
            yield return (null, opening);
            yield break;
        }
        using var _ = rows;
        Dictionary<string, string>? headerByLetter = null;
        var rowNumber = 0;
        var count = 0;
        while (true)
        {
            var (more, raw, failure) = Next(rows);
            if (failure is not null)
            {
                yield return (null, failure);
                yield break;
            }
            if (!more)
            {
                break;
            }
            rowNumber++;
            var cells = raw!.ToDictionary(kv => kv.Key, kv => Text(kv.Value));
            if (headerByLetter is null)
            {
                if (cells.ContainsValue("身份证号码") && cells.ContainsValue("户主姓名"))
                {
                    headerByLetter = cells.Where(kv => !string.IsNullOrEmpty(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value!);
                    var missing = Required.Where(r => !headerByLetter.ContainsValue(r)).ToList();
                    if (missing.Count > 0)
                    {
                        yield return (null, $"表头缺少以下列：{string.Join("、", missing)}。请使用系统导出的附件1模板");
                        yield break;
                    }
                }
                else if (rowNumber > 10)
                {
                    yield return (null, "前10行中找不到表头（应含“户主姓名”“身份证号码”等列），请使用系统导出的附件1模板");
                    yield break;
                }
                continue;
            }
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            // The table ends at the export's total row or its signature line.
            if (cells.Values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } first
                && (first == FormTemplate.TotalLabelText || first.StartsWith("填表人", StringComparison.Ordinal)))
            {
                break;
            }
            if (count >= maxRows)
            {
                yield return (null, $"一次最多导入{maxRows}行，请分批导入");
                yield break;
            }
            count++;
            // Excel keeps 15 significant digits: an ID number typed into a number cell has lost its last digits.
            var lost = headerByLetter.Where(h => raw!.TryGetValue(h.Key, out var v) && v is double d && Math.Abs(d) >= 1e14).Select(h => h.Value).ToHashSet();
            yield return (new SheetRow(rowNumber, headerByLetter.ToDictionary(h => h.Value, h => cells.GetValueOrDefault(h.Key)), lost), null);
        }
        if (headerByLetter is null)
        {
            yield return (null, "文件中找不到附件1表头（应含“户主姓名”“身份证号码”等列），请使用系统导出的附件1模板");
        }
        else if (count == 0)
        {
            yield return (null, "文件中没有数据行");
        }
    }

    /// <summary>
    /// The number of the first sheet's last row, read from the sheet's XML without parsing its cells (a tenth of the time
    /// of reading the rows): what a progress bar needs before the rows are read. 0 when it cannot be told. The stream must be seekable;
    /// the caller disposes it.
    /// </summary>
    public static int LastRowNumber(Stream content)
    {
        if (Precheck(content) is not null)
        {
            return 0;
        }
        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (FirstSheet(zip) is not { } sheet)
            {
                return 0;
            }
            using var xml = System.Xml.XmlReader.Create(sheet.Open(), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
            var last = 0;
            while (xml.ReadToFollowing("row", SheetNamespace))
            {
                last = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : last + 1;
            }
            return last;
        }
#pragma warning disable CA1031 // A workbook this cannot read is reported by the reading itself; here it only means "unknown".
        catch (Exception)
        {
            return 0;
        }
#pragma warning restore CA1031
    }

    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The entry of the workbook's first sheet (the one MiniExcel reads), through workbook.xml and its relationships.</summary>
    private static ZipArchiveEntry? FirstSheet(ZipArchive zip)
    {
        var workbook = System.Xml.Linq.XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        System.Xml.Linq.XNamespace main = SheetNamespace;
        System.Xml.Linq.XNamespace officeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var relId = workbook.Descendants(main + "sheet").FirstOrDefault()?.Attribute(officeRel + "id")?.Value;
        if (relId is null || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } relsEntry)
        {
            return zip.GetEntry("xl/worksheets/sheet1.xml");
        }
        var target = System.Xml.Linq.XDocument.Load(relsEntry.Open()).Root?.Elements()
            .FirstOrDefault(e => (string?)e.Attribute("Id") == relId)?.Attribute("Target")?.Value;
        if (target is null)
        {
            return null;
        }
        var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
        return zip.GetEntry(path);
    }

    /// <summary>What refuses the file before its rows are read: empty, not .xlsx, encrypted or .xls, a zip bomb; null when it may be read.
    /// The stream must be seekable; the caller disposes it.</summary>
    public static string? Precheck(Stream stream, int? maxRows = null)
    {
        if (stream.Length == 0)
        {
            return "上传的文件是空的";
        }
        stream.Position = 0;
        var content = new byte[4];
        stream.ReadAtLeast(content, 4, throwOnEndOfStream: false);
        if (stream.Length >= 4 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0)
        {
            return "文件设置了密码或是旧版 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中取消密码，另存为 .xlsx 后再上传";
        }
        if (stream.Length < 4 || content[0] != 0x50 || content[1] != 0x4B || content[2] != 0x03 || content[3] != 0x04)
        {
            return "上传的文件不是 Excel 工作簿（.xlsx），请使用系统导出的附件1模板填写";
        }
        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "上传的文件不是有效的 Excel 工作簿（.xlsx）";
            }
            if (zip.Entries.Sum(e => e.Length) > MaxExpandedBytes)
            {
                return "文件解压后过大，疑似异常文件，已拒绝";
            }
            return FirstSheet(zip) is { } sheet ? BeyondTemplate(sheet, maxRows is { } rows ? rows + RowSlack : int.MaxValue) : null;
        }
        catch (InvalidDataException)
        {
            return Corrupt;
        }
        catch (System.Xml.XmlException)
        {
            return Corrupt;
        }
    }

    /// <summary>The template has about thirty columns; a sheet reaching far beyond (a cell in column XFD of a late row)
    /// makes a reader build every row that wide and keeps the import busy for minutes, so it is refused at once.</summary>
    public const int MaxColumns = 100;

    /// <summary>Rows a sheet may have beyond the rows imported: the title, the header, the total, the signatures, blank lines.</summary>
    public const int RowSlack = 1000;

    /// <summary>
    /// A cell beyond the template's columns, or a row beyond the import's limit (a single cell in row 1,048,576 makes the
    /// reader walk a million empty rows: seconds of the import worker for a 5 KB file), refuses the sheet at once.
    /// </summary>
    private static string? BeyondTemplate(ZipArchiveEntry sheet, int maxRowNumber)
    {
        using var xml = System.Xml.XmlReader.Create(sheet.Open(), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        while (xml.Read())
        {
            if (xml.NodeType != System.Xml.XmlNodeType.Element || xml.NamespaceURI != SheetNamespace)
            {
                continue;
            }
            var reference = xml.LocalName switch
            {
                "c" => xml.GetAttribute("r"),
                "dimension" => xml.GetAttribute("ref")?.Split(':')[^1],
                _ => null,
            };
            if (reference is not null && ColumnOf(reference) > MaxColumns)
            {
                return $"工作表含有超出模板范围的单元格（{reference}），请使用系统导出的附件1模板填写，不要在模板以外的列中输入内容";
            }
            // The rows and cells themselves; the dimension is only a hint and may overstate a sheet formatted to its end.
            var row = xml.LocalName switch
            {
                "row" => xml.GetAttribute("r"),
                "c" => reference,
                _ => null,
            };
            if (row is not null && RowOf(row) > maxRowNumber)
            {
                return $"工作表用到了第{RowOf(row)}行（可能只是设置了格式），超出一次导入的行数上限（{maxRowNumber - RowSlack}行）：请选中表格下方多余的行整行删除后重新上传，或分批导入";
            }
        }
        return null;
    }

    /// <summary>The row number of a cell reference or a row's number: A12 → 12, 1048576 → 1048576; 0 when there is none.</summary>
    public static long RowOf(string reference)
    {
        var digits = reference.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ$");
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) ? row : 0;
    }

    /// <summary>The column number of a cell reference: A → 1, Z → 26, AA → 27, XFD → 16384.</summary>
    public static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }
            column = column * 26 + (ch - 'A' + 1);
            if (column > 1_000_000)
            {
                break;
            }
        }
        return column;
    }

    private const string Corrupt = "文件已损坏，无法读取，请重新导出模板填写";
    private const string Unreadable = "文件无法读取，请确认是用系统导出的附件1模板填写的 .xlsx 文件";

    private static (IEnumerator<dynamic>? Rows, string? Failure) Open(Stream stream)
    {
        try
        {
            return (MiniExcel.Query(stream, useHeaderRow: false).GetEnumerator(), null);
        }
        catch (InvalidDataException)
        {
            return (null, Corrupt);
        }
#pragma warning disable CA1031 // Any failure inside a hostile workbook is reported to the user, not thrown.
        catch (Exception)
        {
            return (null, Unreadable);
        }
#pragma warning restore CA1031
    }

    /// <summary>The next raw row, or why the hostile or broken workbook cannot be read further.</summary>
    private static (bool More, IDictionary<string, object?>? Raw, string? Failure) Next(IEnumerator<dynamic>? rows)
    {
        try
        {
            return rows!.MoveNext() ? (true, (IDictionary<string, object?>)rows.Current, null) : (false, null, null);
        }
        catch (InvalidDataException)
        {
            return (false, null, Corrupt);
        }
#pragma warning disable CA1031 // Any failure inside a hostile workbook is reported to the user, not thrown.
        catch (Exception)
        {
            return (false, null, Unreadable);
        }
#pragma warning restore CA1031
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

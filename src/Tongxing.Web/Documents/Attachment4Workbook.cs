using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Tongxing.Web.Documents;

public sealed record Attachment4Helper(string Name, string Kind, string Phone, string Since, string Agreement);

public sealed record Attachment4Log(string On, string Kind, string Content, long? MoneyFen, string? Goods);

/// <summary>One household's 一户一表 (附件4), as printed: the household, its project and subsidy, helpers, support given, skills and outcome.</summary>
public sealed record Attachment4Household(Guid Id, string Title, string Unit, string HeadName, string Gender, string Age, string IdNumber, string Disability,
    string Address, int Size, string Project, long? SubsidyFen, string? PaidOn, string? PaidMethod, IReadOnlyList<Attachment4Helper> Helpers,
    IReadOnlyList<Attachment4Log> Logs, int LogCount, long LogMoneyFen, string Skills, string Progress, long? IncomeStartFen, long? IncomeLatestFen,
    string? IncomeLatestOn, string Standing);

/// <summary>
/// 附件4 一户一表 of a town as .xlsx: one sheet per household, each one A4 portrait page laid out as the government
/// form (title, household, project and subsidy, helpers, the latest support logs with totals, skills, project status,
/// income, and the seal lines of the village branch and the town committee). Written straight into a zip, one sheet
/// at a time, so a town of hundreds of households never sits in memory at once; the workbook's sheet list is written
/// last.
/// </summary>
public static class Attachment4Workbook
{
    public const string ContentType = FormWorkbook.ContentType;

    /// <summary>How many support logs a sheet lists (the latest); the totals row counts all of them.</summary>
    public const int LogRows = 12;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    // Column widths (in characters): eight columns fill an A4 portrait page.
    private static readonly double[] Widths = [11, 9, 9, 11, 11, 11, 11, 13];

    private const int RowHeight = 26;

    private const int Title = 1, Heading = 2, Label = 3, Value = 4, Centered = 5, Amount = 6, Sign = 7, Section = 8;

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<Attachment4Household> households, CancellationToken ct)
    {
        var names = new List<string>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await foreach (var h in households.WithCancellation(ct))
            {
                names.Add(SheetName(h.HeadName, names.Count + 1));
                await using var entry = zip.CreateEntry($"xl/worksheets/sheet{names.Count}.xml", CompressionLevel.Fastest).Open();
                await using var w = XmlWriter.Create(entry, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
                WriteSheet(w, h);
                await w.FlushAsync();
            }
            if (names.Count == 0)
            {
                throw new InvalidOperationException("附件4 needs at least one household");
            }
            await Text(zip, "xl/styles.xml", Styles, ct);
            await Text(zip, "xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Rel}\"><sheets>"
                + string.Concat(names.Select((n, i) => $"<sheet name=\"{Escape(n)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) + "</sheets></workbook>", ct);
            await Text(zip, "xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{PackageRel}\">"
                + string.Concat(names.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{Rel}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + $"<Relationship Id=\"rId{names.Count + 1}\" Type=\"{Rel}/styles\" Target=\"styles.xml\"/></Relationships>", ct);
            await Text(zip, "_rels/.rels", $"<Relationships xmlns=\"{PackageRel}\"><Relationship Id=\"rId1\" Type=\"{Rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>", ct);
            await Text(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>", ct);
        }
    }

    /// <summary>A sheet's name: the head's name and the sheet's number, unique, at most 31 characters, none of []:*?/\ (Excel refuses them).</summary>
    public static string SheetName(string headName, int number)
    {
        var suffix = number.ToString(CultureInfo.InvariantCulture);
        var clean = new string(headName.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\' or '\'') && !char.IsControl(c)).ToArray()).Trim();
        return (clean.Length > 31 - suffix.Length ? clean[..(31 - suffix.Length)] : clean) + suffix;
    }

    private static void WriteSheet(XmlWriter w, Attachment4Household h)
    {
        var rows = new List<(int Height, List<(int Col, int Span, int Style, object? Value)> Cells)>();
        var merges = new List<string>();
        void Row(int height, params (int Col, int Span, int Style, object? Value)[] cells) => rows.Add((height, cells.ToList()));

        Row(48, (0, 8, Title, h.Title));
        Row(20, (0, 5, Heading, "填报单位：" + h.Unit), (5, 3, Heading, "填报日期：　　　年　　月　　日"));
        Row(RowHeight, (0, 1, Label, "户主姓名"), (1, 1, Centered, h.HeadName), (2, 1, Label, "性别"), (3, 1, Centered, h.Gender), (4, 1, Label, "年龄"),
            (5, 1, Centered, h.Age), (6, 1, Label, "家庭人口"), (7, 1, Centered, h.Size + "人"));
        Row(RowHeight, (0, 1, Label, "身份证号"), (1, 3, Centered, h.IdNumber), (4, 1, Label, "残疾类别等级"), (5, 3, Value, h.Disability));
        Row(RowHeight, (0, 1, Label, "家庭住址"), (1, 7, Value, h.Address));
        Row(Lines(h.Project, 7) * 16 + 6, (0, 1, Label, "帮扶项目"), (1, 7, Value, h.Project));
        Row(RowHeight, (0, 1, Label, "补助资金（元）"), (1, 1, Amount, h.SubsidyFen is { } s ? s / 100m : "未发放"), (2, 1, Label, "发放日期"), (3, 2, Centered, h.PaidOn ?? "—"),
            (5, 1, Label, "发放方式"), (6, 2, Centered, h.PaidMethod ?? "—"));
        Row(RowHeight, (0, 8, Section, "结对帮扶人"));
        Row(RowHeight, (0, 1, Label, "姓名"), (1, 2, Label, "类别"), (3, 2, Label, "联系电话"), (5, 1, Label, "结对日期"), (6, 2, Label, "帮扶协议"));
        foreach (var x in h.Helpers.DefaultIfEmpty(new Attachment4Helper("未结对", "", "", "", "")))
        {
            Row(RowHeight, (0, 1, Centered, x.Name), (1, 2, Centered, x.Kind), (3, 2, Centered, x.Phone), (5, 1, Centered, x.Since), (6, 2, Centered, x.Agreement));
        }
        Row(RowHeight, (0, 8, Section, h.LogCount > h.Logs.Count ? $"帮扶情况（帮扶日志共{h.LogCount}条，列出最近{h.Logs.Count}条）" : $"帮扶情况（帮扶日志共{h.LogCount}条）"));
        Row(RowHeight, (0, 1, Label, "日期"), (1, 1, Label, "方式"), (2, 4, Label, "帮扶内容"), (6, 1, Label, "资金（元）"), (7, 1, Label, "物资"));
        foreach (var l in h.Logs)
        {
            Row(Math.Max(Lines(l.Content, 4), Lines(l.Goods ?? "", 1)) * 15 + 6, (0, 1, Centered, l.On), (1, 1, Centered, l.Kind), (2, 4, Value, l.Content),
                (6, 1, Amount, l.MoneyFen is { } m ? m / 100m : null), (7, 1, Value, l.Goods));
        }
        if (h.Logs.Count == 0)
        {
            Row(RowHeight, (0, 8, Centered, "暂无帮扶日志"));
        }
        Row(RowHeight, (0, 1, Label, "合计"), (1, 5, Centered, $"{h.LogCount}次"), (6, 1, Amount, h.LogMoneyFen / 100m), (7, 1, Value, null));
        Row(RowHeight, (0, 8, Section, "帮扶成效"));
        Row(RowHeight, (0, 2, Label, "掌握致富实用技术"), (2, 6, Value, h.Skills));
        Row(Lines(h.Progress, 6) * 16 + 6, (0, 2, Label, "项目进展"), (2, 6, Value, h.Progress));
        Row(RowHeight, (0, 2, Label, "人均年收入（元）"), (2, 1, Label, "帮扶前"), (3, 1, Amount, h.IncomeStartFen is { } a ? a / 100m : null), (4, 1, Label, "最近"),
            (5, 1, Amount, h.IncomeLatestFen is { } b ? b / 100m : null), (6, 1, Label, "核实日期"), (7, 1, Centered, h.IncomeLatestOn));
        Row(Lines(h.Standing, 6) * 16 + 6, (0, 2, Label, "脱贫进展"), (2, 6, Value, h.Standing));
        Row(110, (0, 4, Sign, "村党组织意见：\n\n\n负责人（签字）：　　　　（盖章）\n　　　　　　　年　　月　　日"),
            (4, 4, Sign, "镇党委意见：\n\n\n负责人（签字）：　　　　（盖章）\n　　　　　　　年　　月　　日"));

        w.WriteStartDocument(true);
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("sheetPr", Main);
        w.WriteStartElement("pageSetUpPr", Main);
        w.WriteAttributeString("fitToPage", "1");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("cols", Main);
        for (var i = 0; i < Widths.Length; i++)
        {
            w.WriteStartElement("col", Main);
            w.WriteAttributeString("min", Num(i + 1));
            w.WriteAttributeString("max", Num(i + 1));
            w.WriteAttributeString("width", Num(Widths[i] + 1));
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("sheetData", Main);
        for (var r = 0; r < rows.Count; r++)
        {
            var (height, cells) = rows[r];
            w.WriteStartElement("row", Main);
            w.WriteAttributeString("r", Num(r + 1));
            w.WriteAttributeString("ht", Num(height));
            w.WriteAttributeString("customHeight", "1");
            foreach (var (col, span, style, value) in cells)
            {
                Cell(w, Ref(col, r), style, value);
                for (var extra = 1; extra < span; extra++)
                {
                    Cell(w, Ref(col + extra, r), style, null);
                }
                if (span > 1)
                {
                    merges.Add($"{Ref(col, r)}:{Ref(col + span - 1, r)}");
                }
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("mergeCells", Main);
        w.WriteAttributeString("count", Num(merges.Count));
        foreach (var m in merges)
        {
            w.WriteStartElement("mergeCell", Main);
            w.WriteAttributeString("ref", m);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("printOptions", Main);
        w.WriteAttributeString("horizontalCentered", "1");
        w.WriteEndElement();
        w.WriteStartElement("pageMargins", Main);
        foreach (var (name, v) in new[] { ("left", 0.5), ("right", 0.5), ("top", 0.6), ("bottom", 0.6), ("header", 0.3), ("footer", 0.3) })
        {
            w.WriteAttributeString(name, Num(v));
        }
        w.WriteEndElement();
        w.WriteStartElement("pageSetup", Main);
        w.WriteAttributeString("paperSize", "9");
        w.WriteAttributeString("orientation", "portrait");
        w.WriteAttributeString("fitToWidth", "1");
        w.WriteAttributeString("fitToHeight", "1");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void Cell(XmlWriter w, string reference, int style, object? value)
    {
        w.WriteStartElement("c", Main);
        w.WriteAttributeString("r", reference);
        w.WriteAttributeString("s", Num(style));
        switch (value)
        {
            case decimal d:
                w.WriteElementString("v", Main, d.ToString(CultureInfo.InvariantCulture));
                break;
            case string s when s.Length > 0:
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                // Text a spreadsheet would take for a formula is neutralised, as in every other form.
                w.WriteString(XmlSafe(FormWorkbook.Neutralise(s)!));
                w.WriteEndElement();
                w.WriteEndElement();
                break;
        }
        w.WriteEndElement();
    }

    /// <summary>Lines a wrapped text takes in <paramref name="columns"/> of this form's average width (a Chinese character counts two).</summary>
    private static int Lines(string text, int columns)
    {
        var perLine = Math.Max(1, (int)(columns * 10.5));
        var total = text.Split('\n').Sum(line => Math.Max(1, (line.Sum(c => c > 0x2E80 ? 2 : 1) + perLine - 1) / perLine));
        return Math.Clamp(total, 1, 8);
    }

    private static string XmlSafe(string s) => new(s.Where(XmlConvert.IsXmlChar).ToArray());

    private static string Ref(int col, int row) => FormTemplate.ColumnName(col) + Num(row + 1);

    private static string Num(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) => System.Security.SecurityElement.Escape(s);

    private static async Task Text(ZipArchive zip, string name, string xml, CancellationToken ct)
    {
        await using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await s.WriteAsync(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml), ct);
    }

    private const string Styles =
        "<styleSheet xmlns=\"" + Main + "\">"
        + "<fonts count=\"3\"><font><sz val=\"10\"/><name val=\"宋体\"/><charset val=\"134\"/></font><font><b/><sz val=\"16\"/><name val=\"宋体\"/><charset val=\"134\"/></font>"
        + "<font><b/><sz val=\"10\"/><name val=\"宋体\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        + "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFF2F2F2\"/></patternFill></fill></fills>"
        + "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
        + "<border><left style=\"thin\"><color indexed=\"64\"/></left><right style=\"thin\"><color indexed=\"64\"/></right><top style=\"thin\"><color indexed=\"64\"/></top>"
        + "<bottom style=\"thin\"><color indexed=\"64\"/></bottom><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"9\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"right\" vertical=\"center\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"top\" wrapText=\"1\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"center\"/></xf>"
        + "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";
}

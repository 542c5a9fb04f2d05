using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QRCoder;

namespace Tongxing.Web.Documents;

/// <summary>What a printed notice says: its title, body, masked list, issuer and date.</summary>
public sealed record NoticeText(string Title, string Body, IReadOnlyList<(int Number, string Name, string IdNumber, string? Group, string Project)> Rows,
    string IssuedBy, string Issued, string PublicUrl);

/// <summary>The public notice as a Word document (A4) and as an SVG QR code of its public link.</summary>
public static class NoticeDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static string Body(string villageName, int count, string period, int workingDays) =>
        $"经村（社区）党组织调查摸底、镇党委审核、区残联审查，拟将以下{count}户列为“党员扶残 温暖同行”项目帮扶对象，现予以公示。" +
        $"公示期为{period}（{workingDays}个工作日）。公示期间，如对公示对象有异议，请以书面或口头形式向{villageName}党组织或镇党委反映，反映情况应实事求是。";

    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    public static byte[] Docx(NoticeText n)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(n.Title, 36, bold: true, JustificationValues.Center, after: 240));
            body.Append(Para("　　" + n.Body, 28, false, JustificationValues.Both, after: 200));
            body.Append(Table(n.Rows));
            body.Append(Para("", 28, false, JustificationValues.Left, after: 200));
            body.Append(Para("公示二维码可扫码查看：" + n.PublicUrl, 21, false, JustificationValues.Left, after: 400));
            body.Append(Para(n.IssuedBy, 28, false, JustificationValues.Right, after: 0));
            body.Append(Para(n.Issued, 28, false, JustificationValues.Right, after: 0));
            // A4 portrait with government-document margins (top 3.7 cm, others about 2.6–2.8 cm).
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    internal static Paragraph Para(string text, int halfPoints, bool bold, JustificationValues align, int after)
    {
        var props = new RunProperties(new RunFonts { EastAsia = "仿宋_GB2312", Ascii = "仿宋_GB2312", HighAnsi = "仿宋_GB2312" }, new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            props.PrependChild(new Bold());
        }
        return new Paragraph(
            new ParagraphProperties(new Justification { Val = align }, new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture), Line = "360", LineRule = LineSpacingRuleValues.Auto }),
            new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Table Table(IReadOnlyList<(int Number, string Name, string IdNumber, string? Group, string Project)> rows)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, new TableLayout { Type = TableLayoutValues.Fixed }));
        int[] widths = [700, 1400, 2600, 1500, 2800];
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(["序号", "姓名", "身份证号码", "村民小组", "扶持项目"], widths, header: true));
        foreach (var r in rows)
        {
            table.Append(Row([r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.IdNumber, r.Group ?? "", r.Project], widths, header: false));
        }
        return table;
    }

    internal static TableRow Row(string[] cells, int[] widths, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }
        for (var i = 0; i < cells.Length; i++)
        {
            row.Append(new TableCell(
                new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }, new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Para(cells[i], 24, header, JustificationValues.Center, after: 0)));
        }
        return row;
    }
}

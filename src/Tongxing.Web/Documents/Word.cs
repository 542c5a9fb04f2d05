using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Tongxing.Web.Documents;

/// <summary>The few Word building blocks the forms need: A4 pages with official margins, 仿宋 paragraphs, bordered tables.</summary>
public static class Word
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Document(IEnumerable<OpenXmlElement> content) => Document(_ => content);

    /// <summary>A document whose content needs the main part (to embed images in it).</summary>
    public static byte[] Document(Func<MainDocumentPart, IEnumerable<OpenXmlElement>> content)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var element in content(main))
            {
                body.Append(element);
            }
            // A4 portrait (set explicitly: the SDK's default is Letter), government-document margins.
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1800, Bottom = 1440, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    public static Paragraph Para(string text, int halfPoints, bool bold = false, JustificationValues? align = null, int after = 0, string font = "仿宋_GB2312")
    {
        var props = new RunProperties(new RunFonts { EastAsia = font, Ascii = font, HighAnsi = font }, new FontSize { Val = Num(halfPoints) });
        if (bold)
        {
            props.PrependChild(new Bold());
        }
        return new Paragraph(
            new ParagraphProperties(new Justification { Val = align ?? JustificationValues.Left }, new SpacingBetweenLines { After = Num(after), Line = "320", LineRule = LineSpacingRuleValues.Auto }),
            new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>A bordered table of fixed column widths (twentieths of a point).</summary>
    public static Table Table(int[] widths)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 6 }, new BottomBorder { Val = BorderValues.Single, Size = 6 },
            new LeftBorder { Val = BorderValues.Single, Size = 6 }, new RightBorder { Val = BorderValues.Single, Size = 6 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = Num(widths.Sum()), Type = TableWidthUnitValues.Dxa }, new TableLayout { Type = TableLayoutValues.Fixed },
            new TableJustification { Val = TableRowAlignmentValues.Center }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = Num(w) })));
        return table;
    }

    /// <summary>A cell spanning <paramref name="span"/> grid columns; several lines become several paragraphs.</summary>
    public static TableCell Cell(string text, int width, int span = 1, bool bold = false, JustificationValues? align = null, int halfPoints = 24)
    {
        var props = new TableCellProperties(new TableCellWidth { Width = Num(width), Type = TableWidthUnitValues.Dxa }, new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center });
        if (span > 1)
        {
            props.Append(new GridSpan { Val = span });
        }
        var cell = new TableCell(props);
        foreach (var line in text.Split('\n'))
        {
            cell.Append(Para(line, halfPoints, bold, align ?? JustificationValues.Center));
        }
        return cell;
    }

    public static TableRow Row(int? heightTwips, params TableCell[] cells)
    {
        var row = new TableRow();
        if (heightTwips is { } h)
        {
            row.Append(new TableRowProperties(new TableRowHeight { Val = (uint)h, HeightType = HeightRuleValues.AtLeast }));
        }
        row.Append(cells);
        return row;
    }

    /// <summary>A paragraph holding one PNG image, <paramref name="sizeCm"/> wide and high, inline.</summary>
    public static Paragraph Png(MainDocumentPart main, byte[] png, double sizeCm, string description, JustificationValues? align = null) =>
        new(new ParagraphProperties(new Justification { Val = align ?? JustificationValues.Left }),
            Picture(main, png, ImagePartType.Png, (long)(sizeCm * 360000), (long)(sizeCm * 360000), description));

    /// <summary>A run holding one image (PNG or JPEG) inline, <paramref name="cx"/> by <paramref name="cy"/> EMU.</summary>
    public static Run Picture(MainDocumentPart main, byte[] content, PartTypeInfo type, long cx, long cy, string description)
    {
        var part = main.AddImagePart(type);
        using (var data = new MemoryStream(content))
        {
            part.FeedData(data);
        }
        var id = (uint)(main.Parts.Count() + 1);
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = description }, new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = description, Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Run(new Drawing(inline));
    }

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

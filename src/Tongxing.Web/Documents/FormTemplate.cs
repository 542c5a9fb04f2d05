using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tongxing.Web.Documents;

/// <summary>A column of a printed table: header, width (in Excel units; a Chinese character takes about two), and whether its text is a long number kept as text.</summary>
public sealed record FormColumn(string Header, double Width, string Field, bool Centered = false, bool Text = false);

/// <summary>
/// Builds the .xlsx template of a government table (附件1 and the like) with the Open XML SDK: a merged bold title,
/// a heading line, a bordered header row that repeats on every printed page, one template row of
/// <c>{{Rows.Field}}</c> placeholders that MiniExcel fills, a signature line, and A4 landscape fitted to the page width.
/// </summary>
public static class FormTemplate
{
    private const uint Title = 1, Heading = 2, Header = 3, Cell = 4, CellCentered = 5, CellText = 6, Footer = 7;

    public static byte[] Build(string sheetName, IReadOnlyList<FormColumn> columns, string footer)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new List<string>();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var last = ColumnName(columns.Count - 1);

            var data = new SheetData();
            data.Append(Row(1, 30, [Text("A1", "{{Title}}", Title, strings)]));
            data.Append(Row(2, 20, [Text("A2", "{{Heading}}", Heading, strings)]));
            data.Append(Row(3, 32, columns.Select((c, i) => Text(ColumnName(i) + "3", c.Header, Header, strings)).ToArray()));
            data.Append(Row(4, null, columns.Select((c, i) => Text(ColumnName(i) + "4", "{{Rows." + c.Field + "}}", c.Text ? CellText : c.Centered ? CellCentered : Cell, strings)).ToArray()));
            data.Append(Row(5, 28, [Text("A5", footer, Footer, strings)]));

            sheet.Worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane { VerticalSplit = 3, TopLeftCell = "A4", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width + 1, CustomWidth = true })),
                data,
                new MergeCells(new MergeCell { Reference = $"A1:{last}1" }, new MergeCell { Reference = $"A2:{last}2" }, new MergeCell { Reference = $"A5:{last}5" }),
                new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
                new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));

            var sst = workbook.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(s))));
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = sheetName }));
            // Rows 1–3 (title, heading, header) repeat at the top of every printed page.
            workbook.Workbook.Append(new DefinedNames(new DefinedName($"'{sheetName}'!$1:$3") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 }));
        }
        return stream.ToArray();
    }

    public static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    private static Row Row(uint index, double? height, Cell[] cells)
    {
        var row = new Row { RowIndex = index };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }
        row.Append(cells);
        return row;
    }

    private static Cell Text(string reference, string text, uint style, List<string> strings)
    {
        strings.Add(text);
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.Count - 1), StyleIndex = style };
    }

    private static Stylesheet Styles()
    {
        static Font Font(double size, bool bold) => bold
            ? new Font(new Bold(), new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 })
            : new Font(new FontSize { Val = size }, new FontName { Val = "宋体" }, new FontCharSet { Val = 134 });
        var thin = new Border(
            new LeftBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Indexed = 64 }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        // Data cells shrink rather than wrap: row heights copied from a template do not grow with their text.
        static CellFormat Format(uint font, uint fill, uint border, HorizontalAlignmentValues h, bool wrap, uint numFmt = 0, bool shrink = false) => new(
            new Alignment { Horizontal = h, Vertical = VerticalAlignmentValues.Center, WrapText = wrap, ShrinkToFit = shrink })
        {
            FontId = font,
            FillId = fill,
            BorderId = border,
            NumberFormatId = numFmt,
            ApplyFont = true,
            ApplyBorder = border > 0,
            ApplyFill = fill > 1,
            ApplyAlignment = true,
            ApplyNumberFormat = numFmt > 0,
        };
        return new Stylesheet(
            new Fonts(Font(10, false), Font(18, true), Font(10, true)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            new CellFormats(
                new CellFormat(),
                Format(1, 0, 0, HorizontalAlignmentValues.Center, false),
                Format(0, 0, 0, HorizontalAlignmentValues.Left, false),
                Format(2, 2, 1, HorizontalAlignmentValues.Center, true),
                Format(0, 0, 1, HorizontalAlignmentValues.Left, false, shrink: true),
                Format(0, 0, 1, HorizontalAlignmentValues.Center, false, shrink: true),
                Format(0, 0, 1, HorizontalAlignmentValues.Center, false, 49, shrink: true),
                Format(0, 0, 0, HorizontalAlignmentValues.Left, false)));
    }
}

using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tongxing.Web.Documents;

/// <summary>
/// A column of a printed table: header, width (in Excel units; a Chinese character takes about two), whether its text is
/// a long number kept as text, whether it is an amount (a number cell shown with two decimals, right-aligned), and what
/// the total row shows under it.
/// </summary>
public sealed record FormColumn(string Header, double Width, string Field, bool Centered = false, bool Text = false, bool Amount = false,
    FormTotal? Total = null);

/// <summary>
/// A cell of the total row: an Excel formula over the filled rows, <c>{0}</c> standing for the column's range (<c>SUM({0})</c>)
/// and <c>{1}</c> for the first column's (a count of the numbered rows: <c>COUNT({1})</c>), shown with a number format
/// (e.g. <c>0"户"</c>), so the total stays a number and follows edits made in Excel. With no rows the range runs back
/// into the header row: formulas must ignore text (SUM, COUNT and AVERAGE do).
/// </summary>
public sealed record FormTotal(string Formula, string Format);

/// <summary>
/// Builds the .xlsx template of a government table (附件1 and the like) with the Open XML SDK: a merged bold title,
/// a heading line, a bordered header row that repeats on every printed page, one template row of
/// <c>{{Rows.Field}}</c> placeholders that MiniExcel fills, a total row (when a column asks for one) whose formulas cover
/// the filled rows, a signature line, and A4 landscape fitted to the page width.
/// </summary>
public static class FormTemplate
{
    internal const uint Title = 1, Heading = 2, Header = 3, Cell = 4, CellCentered = 5, CellText = 6, Footer = 7, CellAmount = 8, TotalLabel = 9;

    /// <summary>The first style of the total row's cells; one per distinct format, in the order <see cref="TotalFormats"/> lists them.</summary>
    internal const uint TotalCell = 10;

    /// <summary>The text in the first cell of the total row; a reader of the table stops there.</summary>
    public const string TotalLabelText = "合计";

    public static byte[] Build(string sheetName, IReadOnlyList<FormColumn> columns, string footer)
    {
        var totalFormats = TotalFormats(columns);
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles(totalFormats);
            var strings = new List<string>();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var last = ColumnName(columns.Count - 1);

            var data = new SheetData();
            data.Append(Row(1, 30, [Text("A1", "{{Title}}", Title, strings)]));
            data.Append(Row(2, 20, [Text("A2", "{{Heading}}", Heading, strings)]));
            data.Append(Row(3, 32, columns.Select((c, i) => Text(ColumnName(i) + "3", c.Header, Header, strings)).ToArray()));
            data.Append(Row(4, null, columns.Select((c, i) => Text(ColumnName(i) + "4", "{{Rows." + c.Field + "}}",
                c.Text ? CellText : c.Amount ? CellAmount : c.Centered ? CellCentered : Cell, strings)).ToArray()));
            var footerRow = 5u;
            if (totalFormats.Count > 0)
            {
                // MiniExcel turns "$=" cells into formulas and {{$enumrowstart}}/{{$enumrowend}} into the first and last filled row.
                data.Append(Row(5, 22, columns.Select((c, i) => i == 0 ? Text("A5", TotalLabelText, TotalLabel, strings)
                    : c.Total is { } t ? Text(ColumnName(i) + "5", "$=" + string.Format(CultureInfo.InvariantCulture, t.Formula, Filled(ColumnName(i)), Filled("A")),
                        TotalCell + (uint)totalFormats.IndexOf(t.Format), strings)
                    : Text(ColumnName(i) + "5", "", TotalLabel, strings)).ToArray()));
                footerRow = 6;
            }
            data.Append(Row(footerRow, 28, [Text($"A{footerRow}", footer, Footer, strings)]));

            sheet.Worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane { VerticalSplit = 3, TopLeftCell = "A4", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(columns.Select((c, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width + 1, CustomWidth = true })),
                data,
                new MergeCells(new MergeCell { Reference = $"A1:{last}1" }, new MergeCell { Reference = $"A2:{last}2" }, new MergeCell { Reference = $"A{footerRow}:{last}{footerRow}" }),
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

    /// <summary>The range of a column's filled rows, as MiniExcel writes it once it knows them.</summary>
    private static string Filled(string column) => $"{column}{{{{$enumrowstart}}}}:{column}{{{{$enumrowend}}}}";

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

    private static List<string> TotalFormats(IReadOnlyList<FormColumn> columns) =>
        columns.Select(c => c.Total?.Format).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    internal static Stylesheet Styles(List<string> totalFormats)
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
        // Custom number formats are numbered from 164 (those below are built in; 4 is "#,##0.00", 49 is text).
        var formats = new CellFormats(
            new CellFormat(),
            Format(1, 0, 0, HorizontalAlignmentValues.Center, false),
            Format(0, 0, 0, HorizontalAlignmentValues.Left, false),
            Format(2, 2, 1, HorizontalAlignmentValues.Center, true),
            Format(0, 0, 1, HorizontalAlignmentValues.Left, false, shrink: true),
            Format(0, 0, 1, HorizontalAlignmentValues.Center, false, shrink: true),
            Format(0, 0, 1, HorizontalAlignmentValues.Center, false, 49, shrink: true),
            Format(0, 0, 0, HorizontalAlignmentValues.Left, false),
            Format(0, 0, 1, HorizontalAlignmentValues.Right, false, 4, shrink: true),
            Format(2, 0, 1, HorizontalAlignmentValues.Center, false));
        foreach (var i in Enumerable.Range(0, totalFormats.Count))
        {
            formats.Append(Format(2, 0, 1, HorizontalAlignmentValues.Center, false, 164 + (uint)i, shrink: true));
        }
        var stylesheet = new Stylesheet();
        if (totalFormats.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(totalFormats.Select((f, i) => new NumberingFormat { NumberFormatId = 164 + (uint)i, FormatCode = f })));
        }
        stylesheet.Append(
            new Fonts(Font(10, false), Font(18, true), Font(10, true)),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })),
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin),
            formats);
        return stylesheet;
    }
}

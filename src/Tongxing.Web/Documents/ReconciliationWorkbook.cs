using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tongxing.Web.Features.Funds;

namespace Tongxing.Web.Documents;

/// <summary>
/// The reconciliation (资金对账表) as .xlsx: a summary sheet per source, a sheet per source with its towns, a sheet per
/// town with its sources and households, and the flags; each sheet a printable A4 government table (title, unit and
/// date, bordered header repeated on every page, total row, 制表人 / 审核人 line) in the styles of <see cref="FormTemplate"/>.
/// Figures only, never a person. The workbook is a few rows per town, written straight to the output file.
/// </summary>
public static class ReconciliationWorkbook
{
    public const string Footer = "制表人：                    审核人：                    制表单位（盖章）：";
    private const string AmountFormat = "#,##0.00";

    private sealed record Column(string Header, double Width, bool Amount = false);

    private sealed record Sheet(string Name, string Title, IReadOnlyList<Column> Columns, IReadOnlyList<object?[]> Rows, object?[]? Total);

    private static readonly Column[] SourceColumns =
    [
        new("资金来源", 12), new("应到位（元）", 15, true), new("已到账（元）", 15, true), new("已下拨（元）", 15, true), new("已发放（元）", 15, true),
        new("发放失败（元）", 15, true), new("区级结余（元）", 15, true), new("乡镇结余（元）", 15, true),
    ];

    private static readonly Column[] TownColumns =
    [
        new("乡镇", 14), new("应发放（元）", 15, true), new("已下拨（元）", 15, true), new("已发放（元）", 15, true), new("发放失败（元）", 15, true),
        new("结余（元）", 15, true), new("对账结果", 12),
    ];

    public static void Write(Stream output, ReconciliationView view)
    {
        var heading = $"单位：{view.AreaName}　　项目：{view.ProgrammeName}　　制表日期：{view.Today:yyyy年M月d日}" +
            (view.Deadline is { } d ? $"　　发放期限：{d:yyyy年M月d日}" : "");
        var sheets = new List<Sheet>();
        if (view.Sources.Count > 0)
        {
            sheets.Add(new Sheet("按资金来源", "扶持资金对账表（按资金来源）", SourceColumns,
                view.Sources.Select(s => new object?[] { s.SourceName, s.NeedFen, s.ReceivedFen, s.AllocatedFen, s.PaidFen, s.FailedFen, s.DistrictRemainingFen, s.TownsRemainingFen }).ToList(),
                view.SourceTotal is { } t ? ["合计", t.NeedFen, t.ReceivedFen, t.AllocatedFen, t.PaidFen, t.FailedFen, t.DistrictRemainingFen, t.TownsRemainingFen] : null));
            foreach (var s in view.Sources)
            {
                var rows = view.Towns.Select(town => (town, f: town.Sources.First(x => x.Source == s.Source))).ToList();
                sheets.Add(new Sheet(s.SourceName + "资金", $"{s.SourceName}扶持资金对账表（按乡镇）", TownColumns,
                    rows.Select(r => new object?[] { r.town.TownName, r.f.NeedFen, r.f.AllocatedFen, r.f.PaidFen, r.f.FailedFen, r.f.RemainingFen, r.town.Balanced ? "已对平" : "有差异" }).ToList(),
                    ["合计", rows.Sum(r => r.f.NeedFen), rows.Sum(r => r.f.AllocatedFen), rows.Sum(r => r.f.PaidFen), rows.Sum(r => r.f.FailedFen), rows.Sum(r => r.f.RemainingFen), ""]));
            }
        }
        foreach (var town in view.Towns)
        {
            var title = $"{town.TownName}扶持资金对账表（已备案{town.Filed}户，已发放{town.Paid}户，未发放{town.Unpaid}户，未签收{town.PaidWithoutReceipt}户）";
            sheets.Add(new Sheet(SheetName(town.TownName, sheets), title, [new("资金来源", 14), .. TownColumns[1..]],
                town.Sources.Select(f => new object?[] { f.SourceName, f.NeedFen, f.AllocatedFen, f.PaidFen, f.FailedFen, f.RemainingFen, town.Balanced ? "已对平" : "有差异" }).ToList(),
                ["合计", town.Total.NeedFen, town.Total.AllocatedFen, town.Total.PaidFen, town.Total.FailedFen, town.Total.RemainingFen, town.Balanced ? "已对平" : "有差异"]));
        }
        sheets.Add(new Sheet("差异", view.Flags.Count == 0 ? "对账差异（无，已对平）" : $"对账差异（共{view.Flags.Count}项）",
            [new("序号", 6), new("差异类型", 16), new("乡镇", 12), new("说明", 70)],
            view.Flags.Select((f, i) => new object?[] { i + 1, f.KindName, f.TownName ?? "全区", f.Message }).ToList(), null));

        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = FormTemplate.Styles([AmountFormat]);
        var list = new Sheets();
        var names = new DefinedNames();
        uint id = 0;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = Worksheet(sheet, heading);
            list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = ++id, Name = sheet.Name });
            names.Append(new DefinedName($"'{sheet.Name}'!$1:$3") { Name = "_xlnm.Print_Titles", LocalSheetId = id - 1 });
        }
        workbook.Workbook.Append(list, names);
    }

    /// <summary>A sheet's name: at most 31 characters, none of []:*?/\ and unique in the workbook.</summary>
    private static string SheetName(string name, List<Sheet> taken)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\' or '\'')).ToArray());
        clean = clean.Length == 0 ? "乡镇" : clean[..Math.Min(clean.Length, 28)];
        var result = clean;
        for (var i = 2; taken.Any(s => s.Name == result); i++)
        {
            result = clean + i.ToString(CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static Worksheet Worksheet(Sheet sheet, string heading)
    {
        var last = FormTemplate.ColumnName(sheet.Columns.Count - 1);
        var data = new SheetData();
        uint r = 0;
        data.Append(Row(++r, 30, [Text(0, r, sheet.Title, FormTemplate.Title)]));
        data.Append(Row(++r, 20, [Text(0, r, heading, FormTemplate.Heading)]));
        data.Append(Row(++r, 32, sheet.Columns.Select((c, i) => Text(i, r, c.Header, FormTemplate.Header)).ToArray()));
        foreach (var row in sheet.Rows)
        {
            data.Append(Row(++r, 20, Cells(sheet.Columns, row, r, total: false)));
        }
        if (sheet.Total is { } total)
        {
            data.Append(Row(++r, 22, Cells(sheet.Columns, total, r, total: true)));
        }
        var footer = ++r;
        data.Append(Row(footer, 28, [Text(0, footer, Footer, FormTemplate.Footer)]));
        return new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(new Pane { VerticalSplit = 3, TopLeftCell = "A4", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            new Columns(sheet.Columns.Select((c, i) => new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width + 1, CustomWidth = true })),
            data,
            new MergeCells(new MergeCell { Reference = $"A1:{last}1" }, new MergeCell { Reference = $"A2:{last}2" }, new MergeCell { Reference = $"A{footer}:{last}{footer}" }),
            new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
            new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
    }

    private static Cell[] Cells(IReadOnlyList<Column> columns, object?[] values, uint row, bool total) =>
        columns.Select((c, i) => values[i] switch
        {
            long fen when c.Amount => Number(i, row, (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture), total ? FormTemplate.TotalCell : FormTemplate.CellAmount),
            int n => Number(i, row, n.ToString(CultureInfo.InvariantCulture), total ? FormTemplate.TotalLabel : FormTemplate.CellCentered),
            var v => Text(i, row, FormWorkbook.Neutralise(v?.ToString()) ?? "", total ? FormTemplate.TotalLabel : i == columns.Count - 1 && c.Width > 40 ? FormTemplate.Cell : FormTemplate.CellCentered),
        }).ToArray();

    private static Row Row(uint index, double height, Cell[] cells)
    {
        var row = new Row { RowIndex = index, Height = height, CustomHeight = true };
        row.Append(cells);
        return row;
    }

    private static Cell Text(int column, uint row, string text, uint style) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = FormTemplate.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    private static Cell Number(int column, uint row, string value, uint style) => new()
    {
        CellReference = FormTemplate.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture),
        CellValue = new CellValue(value),
        DataType = CellValues.Number,
        StyleIndex = style,
    };
}

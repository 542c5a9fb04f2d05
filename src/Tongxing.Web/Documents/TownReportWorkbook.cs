using Tongxing.Web.Features.Reports;

namespace Tongxing.Web.Documents;

/// <summary>A town report's figures table as a printable .xlsx (A4, bordered, title and heading, 填报人 / 审核人 line).</summary>
public static class TownReportWorkbook
{
    public const string Footer = "填报人：                    审核人：                    填报单位（盖章）：";

    private static readonly FormColumn[] Columns =
    [
        new("类别", 12, "Group", Centered: true, Text: true),
        new("项目", 30, "Label", Text: true),
        new("数值", 16, "Value", Text: true),
        new("单位", 8, "Unit", Centered: true, Text: true),
    ];

    public static Task WriteAsync(Stream output, ReportView v, CancellationToken ct) =>
        FormWorkbook.WriteAsync(output, "数据表", Columns, Footer, v.Title + "（数据表）",
            $"填报单位：{v.TownName}残联　　报告期：{v.Figures.From:yyyy年M月d日}至{v.Figures.To:yyyy年M月d日}　　状态：{v.StateLabel}",
            v.Figures.Rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Group"] = r.Group,
                ["Label"] = r.Label,
                ["Value"] = r.Shown,
                ["Unit"] = r.Unit,
            }), ct);
}

using Tongxing.Web.Features.Funds;

namespace Tongxing.Web.Documents;

/// <summary>The fund ledger (资金流水) as a printable .xlsx, one row per line, written as the lines are read.</summary>
public static class FundLedgerWorkbook
{
    public static readonly FormColumn[] Columns =
    [
        new("序号", 6, "Number", Centered: true), new("日期", 11, "On", Centered: true), new("类别", 10, "Kind", Centered: true),
        new("资金来源", 8, "Source", Centered: true), new("金额（元）", 14, "Yuan"), new("乡镇", 12, "Town"), new("文号/银行流水号", 22, "Document", Text: true),
        new("拨款单位", 18, "PayingOffice"), new("说明/原因", 24, "Note"), new("登记人", 9, "RecordedBy", Centered: true), new("登记时间", 17, "RecordedAt", Centered: true),
    ];

    public const string Footer = "制表人：                    审核人：                    制表单位（盖章）：";

    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static Task WriteAsync(Stream output, FundLedgerExport ledger, CancellationToken ct) =>
        FormWorkbook.WriteAsync(output, "资金流水", Columns, Footer, "资金流水", ledger.Heading,
            ledger.Lines.ToBlockingEnumerable(ct).Select((l, i) => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Number"] = i + 1,
                ["On"] = l.On.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["Kind"] = l.Label,
                ["Source"] = l.SourceLabel,
                ["Yuan"] = l.Yuan,
                ["Town"] = l.TownName ?? "",
                ["Document"] = l.DocumentNumber ?? "",
                ["PayingOffice"] = l.PayingOffice ?? "",
                ["Note"] = l.Note ?? "",
                ["RecordedBy"] = l.RecordedByName,
                ["RecordedAt"] = TimeZoneInfo.ConvertTime(l.RecordedAt, China).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            }), ct);
}

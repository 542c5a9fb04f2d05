using Tongxing.Web.Domain;

namespace Tongxing.Web.Documents;

/// <summary>
/// The bank's batch file (惠民惠农财政补贴资金“一卡通”代发清单) and its result file: the same table, the bank filling in
/// 结果 / 发放日期 / 银行流水号 / 失败原因. Account and ID numbers are text cells (never shown as 6.2E+18).
/// </summary>
public static class BankBatchFile
{
    public const string SheetName = "代发清单";
    public const string Title = "惠民惠农财政补贴资金“一卡通”代发清单";

    public static readonly FormColumn[] Columns =
    [
        new("序号", 6, "Line", Centered: true), new("户名", 10, "Name", Centered: true, Total: new FormTotal("COUNTA({0})", "0\"户\"")),
        new("身份证号", 20, "IdNumber", Text: true), new("银行账号", 24, "Account", Text: true), new("开户银行", 18, "Bank"),
        new("金额(元)", 12, "Amount", Amount: true, Total: new FormTotal("SUM({0})", "#,##0.00")), new("备注", 10, "Note"),
        new("结果", 7, "Result", Centered: true), new("发放日期", 11, "PaidOn", Centered: true), new("银行流水号", 16, "Reference", Text: true),
        new("失败原因", 16, "Reason"),
    ];

    public const string Footer = "经办人：                    审核人：                    单位（盖章）：                    日期：";

    private const int MaxColumns = 20;
    private const int HeaderSearchRows = 10;

    /// <summary>The rows of a result file, or why it cannot be read (not .xlsx, too big, a bomb, cells far right, no header).</summary>
    public static (IReadOnlyList<BankResultRow> Rows, string? Error) ReadResult(byte[] content, int maxRows)
    {
        var (records, error) = DivisionFile.ReadSheet(content, MaxColumns, maxRows + HeaderSearchRows + 5);
        if (error is not null)
        {
            return ([], error);
        }
        int[]? at = null;
        string[] wanted = ["序号", "银行账号", "金额(元)", "结果", "发放日期", "银行流水号", "失败原因"];
        var rows = new List<BankResultRow>();
        foreach (var (line, fields) in records)
        {
            if (at is null)
            {
                var cells = fields.Select(f => f.Trim().Replace("（", "(", StringComparison.Ordinal).Replace("）", ")", StringComparison.Ordinal)).ToList();
                var found = wanted.Select(w => cells.IndexOf(w)).ToArray();
                if (found.All(i => i >= 0))
                {
                    at = found;
                }
                else if (line >= HeaderSearchRows)
                {
                    break;
                }
                continue;
            }
            string Cell(int i) => fields.ElementAtOrDefault(at[i]) ?? "";
            if (Cell(0).Trim() == FormTemplate.TotalLabelText)
            {
                break;
            }
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows.Add(new BankResultRow(line, Cell(0), Cell(1), Cell(2), Cell(3), Cell(4), Cell(5), Cell(6)));
        }
        if (at is null)
        {
            return ([], "找不到表头：应含“序号”“银行账号”“金额(元)”“结果”“发放日期”“银行流水号”“失败原因”各列（请使用本系统导出的代发清单填写）");
        }
        return rows.Count == 0 ? ([], "文件中没有数据行") : (rows, null);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tongxing.Web.Domain;

/// <summary>One row of the bank's result file as text, with its row number in the sheet.</summary>
public sealed record BankResultRow(int Row, string Number, string Account, string Amount, string Result, string Date, string Reference, string Reason);

/// <summary>An entry of the batch as the result file is checked against it, with the result it already has, if any.</summary>
public sealed record BankBatchEntry(Guid PaymentId, int Line, string PayeeName, PaymentState State, string? Account, long Fen,
    DateOnly? PaidOn = null, string? Reference = null, string? FailureReason = null);

public enum BankResultKind
{
    Paid = 1,
    Failed = 2,
    Error = 3,
    /// <summary>The entry already has exactly this result (the file was applied in part before, say by a node that then died): nothing to do.</summary>
    Recorded = 4,
}

/// <summary>What one row of the result file means: paid (date, reference), failed (reason), or why it cannot be taken.</summary>
public sealed record BankResultLine(int Row, int? Line, string? PayeeName, BankResultKind Kind, Guid? PaymentId, long Fen, DateOnly? PaidOn,
    string? Reference, string? Reason, string? Error);

/// <summary>The whole file's reading: per row, and the totals (count and sum of paid and of failed rows).</summary>
public sealed record BankResultPlan(IReadOnlyList<BankResultLine> Lines, int PaidCount, long PaidFen, int FailedCount, long FailedFen, int ErrorCount,
    int Remaining, string Fingerprint)
{
    public bool CanApply => ErrorCount == 0 && PaidCount + FailedCount > 0;
}

/// <summary>
/// Reads the bank's result file against the batch it answers (pure). A row is matched by 序号 to the batch's entry of
/// that line and must agree with it on the account number and the amount; 结果 is 成功 (with 发放日期, and 银行流水号
/// when the bank gives one) or 失败 (with 失败原因). A row whose 结果 is empty is not answered yet and is left out: the
/// bank may return part of a batch. An entry that already has its result cannot be answered differently; a row repeating
/// exactly the result already recorded is <see cref="BankResultKind.Recorded"/> and does nothing, so a file whose applying
/// was cut off part-way can be applied again for the rest, while the same file applied twice does nothing the second
/// time (nothing left to apply).
/// </summary>
public static class BankResultRules
{
    public const string Paid = "成功";
    public const string Failed = "失败";

    /// <param name="sentOn">The day the batch went to the bank: the bank cannot have paid before it.</param>
    public static BankResultPlan Check(IReadOnlyList<BankResultRow> rows, IReadOnlyList<BankBatchEntry> entries, DateOnly today, DateOnly? sentOn = null)
    {
        var byLine = entries.ToDictionary(e => e.Line);
        var seen = new HashSet<int>();
        var lines = new List<BankResultLine>();
        foreach (var row in rows)
        {
            var result = row.Result.Trim();
            if (result.Length == 0)
            {
                continue;
            }
            BankResultLine Error(string message, BankBatchEntry? e = null) =>
                new(row.Row, e?.Line, e?.PayeeName, BankResultKind.Error, e?.PaymentId, e?.Fen ?? 0, null, null, null, $"第{row.Row}行：{message}");
            if (!int.TryParse(row.Number.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var line) || !byLine.TryGetValue(line, out var entry))
            {
                lines.Add(Error($"序号“{Cut(row.Number)}”不在本批次中"));
                continue;
            }
            if (!seen.Add(line))
            {
                lines.Add(Error($"序号{line}重复出现", entry));
                continue;
            }
            var account = new string(row.Account.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
            if (account != (entry.Account ?? ""))
            {
                lines.Add(Error($"银行账号与批次中第{line}行（{entry.PayeeName}）不符", entry));
                continue;
            }
            var amount = Money.ParseYuan(row.Amount);
            if (!amount.Ok || amount.Value.Fen != entry.Fen)
            {
                lines.Add(Error($"金额“{Cut(row.Amount)}”与批次中第{line}行的金额{new Money(entry.Fen)}不符", entry));
                continue;
            }
            void Add(BankResultLine read) => lines.Add(
                entry.State == PaymentState.Sent ? read
                : read.Kind == BankResultKind.Paid && entry.State == PaymentState.Paid && entry.PaidOn == read.PaidOn && entry.Reference == read.Reference
                    || read.Kind == BankResultKind.Failed && entry.State == PaymentState.Failed && entry.FailureReason == read.Reason
                    ? read with { Kind = BankResultKind.Recorded }
                : Error($"第{line}行（{entry.PayeeName}）已有结果（{Labels.Of(entry.State)}），不能重复登记", entry));
            if (result == Paid)
            {
                if (row.Date.Trim().Length == 0)
                {
                    lines.Add(Error("发放成功的行须填写发放日期", entry));
                    continue;
                }
                if (ParseDate(row.Date) is not { } on)
                {
                    lines.Add(Error($"发放日期“{Cut(row.Date)}”无法识别，请写作 2020-05-06", entry));
                    continue;
                }
                if (on > today)
                {
                    lines.Add(Error($"发放日期{on:yyyy-MM-dd}晚于今天", entry));
                    continue;
                }
                if (sentOn is { } sent && on < sent)
                {
                    lines.Add(Error($"发放日期{on:yyyy-MM-dd}早于批次提交银行的日期{sent:yyyy-MM-dd}", entry));
                    continue;
                }
                var reference = row.Reference.Trim();
                if (reference.Length > Payment.MaxReferenceLength || !reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/'))
                {
                    lines.Add(Error($"银行流水号应为不超过{Payment.MaxReferenceLength}位的字母、数字", entry));
                    continue;
                }
                Add(new(row.Row, line, entry.PayeeName, BankResultKind.Paid, entry.PaymentId, entry.Fen, on, reference.Length == 0 ? null : reference, null, null));
            }
            else if (result == Failed)
            {
                var reason = PlainText.Clean(row.Reason) ?? "";
                if (reason.Length == 0)
                {
                    lines.Add(Error("发放失败的行须填写失败原因", entry));
                    continue;
                }
                if (reason.Length > Payment.MaxReasonLength || PlainText.HasInvisible(reason))
                {
                    lines.Add(Error($"失败原因不能超过{Payment.MaxReasonLength}个字，且不能含有不可见字符", entry));
                    continue;
                }
                if (reason[0] is '=' or '+' or '-' or '@')
                {
                    // A spreadsheet would run it as a formula wherever the reason is copied to.
                    lines.Add(Error("失败原因不能以=、+、-、@开头", entry));
                    continue;
                }
                Add(new(row.Row, line, entry.PayeeName, BankResultKind.Failed, entry.PaymentId, entry.Fen, null, null, reason, null));
            }
            else
            {
                lines.Add(Error($"结果应填“{Paid}”或“{Failed}”，而不是“{Cut(result)}”", entry));
            }
        }
        var paid = lines.Where(l => l.Kind == BankResultKind.Paid).ToList();
        var failed = lines.Where(l => l.Kind == BankResultKind.Failed).ToList();
        var answered = paid.Concat(failed).Select(l => l.Line).ToHashSet();
        var remaining = entries.Count(e => e.State == PaymentState.Sent && !answered.Contains(e.Line));
        return new BankResultPlan(lines, paid.Count, paid.Sum(l => l.Fen), failed.Count, failed.Sum(l => l.Fen), lines.Count(l => l.Kind == BankResultKind.Error),
            remaining, Fingerprint(lines));
    }

    /// <summary>Dates as banks write them: 2020-05-06, 2020/5/6, 20200506, 2020年5月6日, or an Excel date.</summary>
    public static DateOnly? ParseDate(string text)
    {
        var s = text.Trim();
        string[] formats = ["yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy年M月d日", "yyyy.M.d", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "M/d/yyyy H:mm:ss"];
        return DateOnly.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? DateOnly.FromDateTime(t)
            // A date cell that lost its format reads as Excel's day number (43950 is 2020-04-28).
            : int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 36_500 and < 73_000
                ? DateOnly.FromDateTime(DateTime.FromOADate(serial))
            : null;
    }

    /// <summary>Names this exact reading, so that applying does only what the dry run showed.</summary>
    private static string Fingerprint(IEnumerable<BankResultLine> lines)
    {
        var text = new StringBuilder();
        foreach (var l in lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"{l.Row}|{l.Line}|{l.Kind}|{l.PaymentId}|{l.Fen}|{l.PaidOn:yyyy-MM-dd}|{l.Reference}|{l.Reason}|{l.Error}\n");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Cut(string s) => s.Length > 20 ? s[..20] + "…" : s;
}

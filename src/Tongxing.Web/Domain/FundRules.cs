namespace Tongxing.Web.Domain;

/// <summary>What a source's money stands at when an allocation is weighed: the district's and the town's side.</summary>
/// <param name="Received">Arrivals of the source at the district, reversals included.</param>
/// <param name="Allocated">Allocations of the source to all towns of the district, reversals included.</param>
/// <param name="TownAllocated">Allocations of the source to this town, reversals included.</param>
/// <param name="TownNeed">What the town's filed (and later-phase) households need of the source: count × each household's part.</param>
public sealed record AllocationPosition(FundSource Source, Money Received, Money Allocated, Money TownAllocated, Money TownNeed)
{
    /// <summary>What the district still holds of the source (received − allocated).</summary>
    public Money Unallocated => Received - Allocated;

    /// <summary>What the town still needs of the source (need − allocated to it); never below zero.</summary>
    public Money TownShortfall => TownNeed > TownAllocated ? TownNeed - TownAllocated : Money.Zero;
}

/// <summary>The rules of money in and down (ADR 0023): arrivals, allocations and their reversals. Pure.</summary>
public static class FundRules
{
    /// <summary>
    /// Allocating <paramref name="amount"/> of a source to a town: refused without a recorded reason when the district's
    /// unallocated balance of the source would go below zero, or when the town's allocations of the source would exceed
    /// what its filed households need of it. With a reason the allocation stands and the reason goes on the ledger line.
    /// </summary>
    public static Result CheckAllocation(AllocationPosition at, Money amount, string? reason)
    {
        var errors = new List<FieldError>();
        if (amount <= Money.Zero)
        {
            return Result.Refused("下拨金额应大于0", "Amount");
        }
        var source = Programme.SourceLabel(at.Source);
        var hasReason = !string.IsNullOrWhiteSpace(reason);
        if (at.Unallocated - amount < Money.Zero && !hasReason)
        {
            errors.Add(new("Reason",
                $"{source}资金已到账{at.Received}，已下拨{at.Allocated}，可下拨余额为{at.Unallocated}；本次下拨{amount}超过余额，如确需超额下拨，请填写原因"));
        }
        if (at.TownAllocated + amount > at.TownNeed && !hasReason)
        {
            errors.Add(new("Reason",
                $"该镇备案对象共需{source}资金{at.TownNeed}，已下拨{at.TownAllocated}，尚需{at.TownShortfall}；本次下拨{amount}超过所需，如确需多拨，请填写原因"));
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>
    /// Money goes out of a town only as far as it came in: a batch sent to the bank, or a cash payment, is refused when
    /// for any source what the town has committed (entries sent to the bank or paid, reversals and failures excluded)
    /// plus <paramref name="adding"/> would exceed what the district allocated to it. No reason passes this: the
    /// district allocates first (ADR 0023).
    /// </summary>
    public static Result CheckCommitment(string townName, IReadOnlyDictionary<FundSource, Money> allocated, IReadOnlyDictionary<FundSource, Money> committed,
        IReadOnlyList<(FundSource Source, Money Amount)> adding)
    {
        var errors = new List<FieldError>();
        foreach (var (source, amount) in adding.GroupBy(a => a.Source).Select(g => (g.Key, g.Aggregate(Money.Zero, (s, a) => s + a.Amount))))
        {
            var have = allocated.GetValueOrDefault(source);
            var used = committed.GetValueOrDefault(source);
            if (amount > Money.Zero && used + amount > have)
            {
                var left = have > used ? have - used : Money.Zero;
                errors.Add(new("", $"{townName}{Programme.SourceLabel(source)}资金已下拨{have}，已提交银行或已发放{used}，尚余{left}；本次需{amount}，超出{used + amount - have}。请先由区残联下拨资金"));
            }
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>Whether <see cref="CheckAllocation"/> would ask for a reason (to show the field as required).</summary>
    public static bool NeedsReason(AllocationPosition at, Money amount) =>
        at.Unallocated - amount < Money.Zero || at.TownAllocated + amount > at.TownNeed;

    /// <summary>An arrival's own fields: a positive amount, a date not in the future, 文号 and paying office in plain text.</summary>
    public static Result CheckArrival(Money amount, DateOnly on, DateOnly today, string? documentNumber, string? payingOffice)
    {
        var errors = new List<FieldError>();
        if (amount <= Money.Zero)
        {
            errors.Add(new("Amount", "到账金额应大于0"));
        }
        if (on > today)
        {
            errors.Add(new("On", "到账日期不能晚于今天"));
        }
        errors.AddRange(CheckText(documentNumber, "DocumentNumber", "文号", FundEntry.MaxDocumentNumberLength, required: true));
        errors.AddRange(CheckText(payingOffice, "PayingOffice", "拨款单位", FundEntry.MaxPayingOfficeLength, required: true));
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>A reversal's reason: required, plain text, at most <see cref="FundEntry.MaxNoteLength"/> characters.</summary>
    public static Result CheckReversalReason(string? reason)
    {
        var errors = CheckText(reason, "Reason", "冲销原因", FundEntry.MaxNoteLength, required: true).ToList();
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>A free-text field of a ledger line: present when required, no longer than its column, no control characters.</summary>
    public static IEnumerable<FieldError> CheckText(string? value, string field, string label, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                yield return new(field, $"请填写{label}");
            }
            yield break;
        }
        if (value.Trim().Length > max)
        {
            yield return new(field, $"{label}不能超过{max}个字");
        }
        else if (PlainText.HasInvisible(value))
        {
            yield return new(field, $"{label}含有不可见的控制字符，请重新输入");
        }
    }

    /// <summary>The paying office usually named on a source's voucher (a suggestion; finance may type another).</summary>
    public static string DefaultPayingOffice(FundSource source) => source switch
    {
        FundSource.Region => "自治区财政厅",
        FundSource.City => "市财政局",
        FundSource.District => "市财政局（区级残疾人就业保障金）",
        _ => "",
    };

    /// <summary>The household statuses that count as filed for the funds: 已备案 and every status after it.</summary>
    public static readonly HouseholdStatus[] FiledOrLater = [HouseholdStatus.Filed, HouseholdStatus.Paid, HouseholdStatus.Paired, HouseholdStatus.Assessed];

    /// <summary>Whole days from <paramref name="today"/> to the deadline: positive left, zero on the day, negative overdue.</summary>
    public static int DaysLeft(DateOnly deadline, DateOnly today) => deadline.DayNumber - today.DayNumber;
}

namespace Tongxing.Web.Domain;

/// <summary>
/// How far a programme's work has got, counted in the database: what the edit rules need to know.
/// Accepted households are those the district has accepted (区残联审核通过) or taken further, not returned or withdrawn.
/// </summary>
public sealed record ProgrammeUsage(int Registered, int Submitted, IReadOnlyDictionary<string, int> AcceptedByTown, bool HasNotices,
    IReadOnlyDictionary<string, string>? TownNames = null)
{
    public string TownName(string code) => TownNames?.GetValueOrDefault(code) ?? code;

    public static ProgrammeUsage None { get; } = new(0, 0, new Dictionary<string, int>(), false);

    public int Accepted => AcceptedByTown.Values.Sum();

    /// <summary>Whether any household of the programme has gone past registration (left 村已提名).</summary>
    public bool AnySubmitted => Submitted > 0;

    /// <summary>Statuses that count as accepted by the district.</summary>
    public static bool IsAccepted(HouseholdStatus s) => s is >= HouseholdStatus.ReviewedByDistrict and <= HouseholdStatus.Assessed;
}

/// <summary>A part of the programme that may no longer change, and why (shown at the field on the edit page).</summary>
public sealed record ProgrammeLock(string Field, string Reason);

/// <summary>
/// What may change in a programme once its work has begun (SPEC §2, ADR): only what cannot break what was done.
/// <list type="bullet">
/// <item>Year and district never change (they are the programme's identity; not even offered on the form).</item>
/// <item>The quota and each town's quota never fall below the households already accepted there.</item>
/// <item>The subsidy and the fund shares are fixed once the district has accepted a household (the accepted list and
/// its money are reported up) or the funds phase has started (money may already be paid).</item>
/// <item>A phase that is over keeps its dates; a phase under way keeps its start.</item>
/// <item>The notice length is fixed once a notice of the programme exists (its end date was computed from it).</item>
/// <item>Eligibility parameters may change at any time; every household is then screened again (as on 扶持条件参数).</item>
/// </list>
/// </summary>
public static class ProgrammeChanges
{
    public const string Quota = nameof(Programme.Quota);
    public const string TownQuotas = nameof(Programme.TownQuotas);
    public const string Subsidy = nameof(Programme.SubsidyPerHousehold);
    public const string FundShares = nameof(Programme.FundShares);
    public const string NoticeWorkingDays = nameof(Programme.NoticeWorkingDays);

    /// <summary>The locks that hold on this programme today, for the page to show before anyone types.</summary>
    public static IReadOnlyList<ProgrammeLock> Locks(Programme p, ProgrammeUsage usage, DateOnly today)
    {
        var locks = new List<ProgrammeLock>();
        if (usage.Accepted > 0)
        {
            locks.Add(new(Quota, $"已有{usage.Accepted}户通过区残联审核，全区任务数不能少于{usage.Accepted}户"));
            locks.Add(new(TownQuotas, "已有对象通过审核的乡镇，任务数不能少于已通过审核的户数：" +
                string.Join("，", usage.AcceptedByTown.Where(t => t.Value > 0).OrderBy(t => t.Key).Select(t => $"{usage.TownName(t.Key)}{t.Value}户"))));
        }
        if (MoneyFixedBecause(p, usage, today) is { } why)
        {
            var reason = why + "，扶持资金标准和分担比例不能再改";
            locks.Add(new(Subsidy, reason));
            locks.Add(new(FundShares, reason));
        }
        if (usage.HasNotices)
        {
            locks.Add(new(NoticeWorkingDays, "本项目已有公示，公示期天数不能再改"));
        }
        foreach (var w in p.Phases.OrderBy(x => x.Phase))
        {
            if (w.End < today)
            {
                locks.Add(new(Programme.PhaseField(w.Phase), $"“{Programme.PhaseLabel(w.Phase)}”阶段已于{w.End:yyyy年M月d日}结束，日期不能再改"));
            }
            else if (w.Start <= today)
            {
                locks.Add(new(Programme.PhaseField(w.Phase) + ".Start", $"“{Programme.PhaseLabel(w.Phase)}”阶段已于{w.Start:yyyy年M月d日}开始，开始日期不能再改"));
            }
        }
        return locks;
    }

    /// <summary>Refuses a change that touches what is locked; each error names the field and says why.</summary>
    public static Result Check(Programme p, ProgrammeSettings after, ProgrammeUsage usage, DateOnly today)
    {
        var before = p.Settings;
        var errors = new List<FieldError>();
        if (after.Quota < usage.Accepted)
        {
            errors.Add(new(Quota, $"已有{usage.Accepted}户通过区残联审核，全区任务数不能少于{usage.Accepted}户"));
        }
        foreach (var (town, accepted) in usage.AcceptedByTown.OrderBy(t => t.Key))
        {
            var quota = after.TownQuotas.FirstOrDefault(q => q.TownCode == town)?.Quota ?? 0;
            if (quota < accepted)
            {
                errors.Add(new(TownQuotas, $"{usage.TownName(town)}已有{accepted}户通过区残联审核，任务数不能少于{accepted}户"));
            }
        }
        if (MoneyFixedBecause(p, usage, today) is { } reason)
        {
            if (after.SubsidyPerHousehold != before.SubsidyPerHousehold)
            {
                errors.Add(new(Subsidy, reason + "，每户扶持资金不能再改"));
            }
            if (!after.FundShares.OrderBy(f => f.Source).Select(f => (f.Source, f.BasisPoints)).SequenceEqual(before.FundShares.Select(f => (f.Source, f.BasisPoints))))
            {
                errors.Add(new(FundShares, reason + "，资金分担比例不能再改"));
            }
        }
        if (usage.HasNotices && after.NoticeWorkingDays != before.NoticeWorkingDays)
        {
            errors.Add(new(NoticeWorkingDays, "本项目已有公示，公示期天数不能再改"));
        }
        foreach (var w in before.Phases)
        {
            var changed = after.Phases.FirstOrDefault(x => x.Phase == w.Phase);
            var label = Programme.PhaseLabel(w.Phase);
            if (w.End < today && changed != w)
            {
                errors.Add(new(Programme.PhaseField(w.Phase), $"“{label}”阶段已于{w.End:yyyy年M月d日}结束，日期不能再改"));
            }
            else if (w.Start <= today && changed?.Start != w.Start)
            {
                errors.Add(new(Programme.PhaseField(w.Phase), $"“{label}”阶段已于{w.Start:yyyy年M月d日}开始，开始日期不能再改"));
            }
            else if (w.Start > today && changed is { } c && c.Start < today)
            {
                errors.Add(new(Programme.PhaseField(w.Phase), $"“{label}”阶段尚未开始，开始日期不能改到今天以前"));
            }
        }
        return errors.Count == 0 ? Result.Ok : Result.Refused(errors);
    }

    /// <summary>Why the subsidy and the fund shares can no longer change, or null while they may.</summary>
    private static string? MoneyFixedBecause(Programme p, ProgrammeUsage usage, DateOnly today) =>
        p.Phase(ProgrammePhase.Funds) is { } funds && funds.Start <= today ? $"发放资金阶段已于{funds.Start:yyyy年M月d日}开始"
        : usage.Accepted > 0 ? $"已有{usage.Accepted}户通过区残联审核，资金按此标准核定"
        : null;

    /// <summary>Whether the eligibility parameters differ, so every household must be screened again.</summary>
    public static bool EligibilityChanged(ProgrammeSettings a, ProgrammeSettings b) =>
        a.ReferenceDate != b.ReferenceDate || a.MaleMinAge != b.MaleMinAge || a.MaleMaxAge != b.MaleMaxAge || a.FemaleMinAge != b.FemaleMinAge
        || a.FemaleMaxAge != b.FemaleMaxAge || a.PriorityIncomeThreshold != b.PriorityIncomeThreshold || a.BlockEarlierSupported != b.BlockEarlierSupported;

    /// <summary>Towns of the district that have villages but were given no quota: flagged on the page, not refused.</summary>
    public static IReadOnlyList<string> TownsWithoutQuota(IEnumerable<TownQuota> quotas, IEnumerable<string> townsWithVillages)
    {
        var given = quotas.Where(q => q.Quota > 0).Select(q => q.TownCode).ToHashSet(StringComparer.Ordinal);
        return [.. townsWithVillages.Where(t => !given.Contains(t)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Refuses town codes that are not towns of the programme's district.</summary>
    public static Result TownsBelong(ProgrammeSettings s, IReadOnlySet<string> townsOfDistrict)
    {
        var unknown = s.TownQuotas.Where(q => !townsOfDistrict.Contains(q.TownCode)).Select(q => q.TownCode).ToList();
        return unknown.Count == 0 ? Result.Ok : Result.Refused($"以下代码不是本区的乡镇：{string.Join("，", unknown)}", TownQuotas);
    }
}

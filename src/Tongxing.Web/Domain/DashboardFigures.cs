namespace Tongxing.Web.Domain;

/// <summary>
/// The workflow as a funnel (SPEC §4): how many households reached each step, counted from their states. A household
/// counts at every step it has passed, so each step is at most the one before it (returned and withdrawn households
/// count only as proposed, withdrawn not even that). <see cref="Visited"/> is null where it was not counted.
/// </summary>
public sealed record FunnelCounts(int Proposed, int Accepted, int Noticed, int Filed, int Paid, int Paired, int? Visited)
{
    public static readonly FunnelCounts Zero = new(0, 0, 0, 0, 0, 0, null);

    public static readonly IReadOnlyList<string> Labels = ["村级提名", "区残联审核通过", "已公示", "已建档", "已发放", "已结对", "已回访"];

    /// <summary>The steps in order, with their labels (已回访 left out when it was not counted).</summary>
    public IReadOnlyList<(string Label, int Count)> Steps =>
        [.. new[] { Proposed, Accepted, Noticed, Filed, Paid, Paired }.Select((c, i) => (Labels[i], c)),
         .. Visited is { } v ? new[] { (Labels[6], v) } : []];

    public static FunnelCounts Of(IEnumerable<(HouseholdStatus Status, int Count)> counts, int? visited)
    {
        int proposed = 0, accepted = 0, noticed = 0, filed = 0, paid = 0, paired = 0;
        foreach (var (status, count) in counts)
        {
            if (status == HouseholdStatus.Withdrawn)
            {
                continue;
            }
            proposed += count;
            if (status == HouseholdStatus.Returned)
            {
                continue;
            }
            accepted += status >= HouseholdStatus.ReviewedByDistrict ? count : 0;
            noticed += status >= HouseholdStatus.OnNotice ? count : 0;
            filed += status >= HouseholdStatus.Filed ? count : 0;
            paid += status >= HouseholdStatus.Paid ? count : 0;
            paired += status >= HouseholdStatus.Paired ? count : 0;
        }
        return new FunnelCounts(proposed, accepted, noticed, filed, paid, paired, visited);
    }
}

/// <summary>One unit's figures the phase checks read: its quota (null where none is set), its funnel, pairings without a signed agreement (null where not counted).</summary>
/// <param name="AtLeast">For a unit without a quota (a village), the households it must support at least (每村至少N户); null: not judged.</param>
public sealed record UnitFigures(string Code, string Name, int? Quota, FunnelCounts Funnel, int? AgreementsMissing, int? AtLeast = null);

/// <summary>A unit behind in a phase, with what it lacks in words.</summary>
public sealed record UnitBehind(string Code, string Name, string What);

/// <summary>Where a phase of the programme stands today, and which units are behind in it.</summary>
/// <param name="Behind">Null where nothing about the phase can be counted from the records (总结, 检查验收).</param>
public sealed record PhaseStanding(ProgrammePhase Phase, string Label, DateOnly Start, DateOnly End, DateOnly? Deadline, string State, string? DeadlineText,
    bool Overdue, IReadOnlyList<UnitBehind>? Behind);

/// <summary>The dashboard's rules about phases: the state of each, and who is behind, from the counts alone.</summary>
public static class PhaseProgress
{
    /// <summary>未开始 before the start; 进行中 until the deadline (or the end); after it 已结束, or 已逾期 if someone is still behind.</summary>
    public static PhaseStanding Of(PhaseWindow window, DateOnly today, IReadOnlyList<UnitFigures> units)
    {
        var due = window.Deadline ?? window.End;
        var started = today >= window.Start;
        var behind = BehindIn(window.Phase, units);
        var past = today > due;
        var overdue = past && behind is { Count: > 0 };
        var state = !started ? "未开始" : !past ? "进行中" : overdue ? "已逾期" : "已结束";
        return new PhaseStanding(window.Phase, Programme.PhaseLabel(window.Phase), window.Start, window.End, window.Deadline, state,
            started && !past ? NextActions.DeadlineText(due, today) : null, overdue, started ? behind : behind is null ? null : []);
    }

    /// <summary>
    /// Units behind in a phase: 调查摸底 — fewer accepted by the district than the quota; 审批 — fewer filed than the
    /// quota; 资金发放 — filed households not yet paid; 结对帮扶 — paid households without a helper, pairings without a
    /// signed agreement. A village (no quota) is judged on the programme's households per village. Null for 总结 and 检查验收: nothing to count.
    /// </summary>
    public static IReadOnlyList<UnitBehind>? BehindIn(ProgrammePhase phase, IReadOnlyList<UnitFigures> units) => phase switch
    {
        ProgrammePhase.Survey => Where(units, u => Short(u, u.Funnel.Accepted, "审核通过")),
        ProgrammePhase.Approval => Where(units, u => Short(u, u.Funnel.Filed, "已建档")),
        ProgrammePhase.Funds => Where(units, u => u.Funnel.Filed > u.Funnel.Paid ? $"{u.Funnel.Filed - u.Funnel.Paid}户已建档未发放" : null),
        ProgrammePhase.Pairing => Where(units, u => Join(
            u.Funnel.Paid > u.Funnel.Paired ? $"{u.Funnel.Paid - u.Funnel.Paired}户已发放未结对" : null,
            u.AgreementsMissing is > 0 ? $"{u.AgreementsMissing}份帮扶协议未签订" : null)),
        _ => null,
    };

    /// <summary>Below the unit's quota, or for a village below the programme's households per village.</summary>
    private static string? Short(UnitFigures u, int count, string what) =>
        u.Quota is { } q ? (count < q ? $"{what}{count}户，任务{q}户" : null)
        : u.AtLeast is { } m && count < m ? $"{what}{count}户，每村至少{m}户" : null;

    private static List<UnitBehind> Where(IReadOnlyList<UnitFigures> units, Func<UnitFigures, string?> lacks) =>
        units.Select(u => (u, What: lacks(u))).Where(x => x.What is not null).Select(x => new UnitBehind(x.u.Code, x.u.Name, x.What!)).ToList();

    private static string? Join(params string?[] parts) =>
        parts.Any(p => p is not null) ? string.Join("，", parts.Where(p => p is not null)) : null;
}

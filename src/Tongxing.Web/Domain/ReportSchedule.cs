namespace Tongxing.Web.Domain;

/// <summary>A town's report measured as DHIS2 measures data sets: expected, received (submitted or accepted), on time.</summary>
public enum ReportTimeliness
{
    /// <summary>Not yet expected: its period has not ended.</summary>
    NotDue = 0,
    /// <summary>Expected, not received, its due date not passed.</summary>
    Pending = 1,
    /// <summary>Expected, not received, past its due date.</summary>
    Missing = 2,
    /// <summary>Received after its due date.</summary>
    Late = 3,
    /// <summary>Received by its due date.</summary>
    OnTime = 4,
}

/// <summary>
/// When the towns' reports are expected and due (SPEC §5 季度反馈; §4 phase 5). A quarter is expected of a programme when
/// it ends on or after the programme's first phase starts and begins in the programme's year (2020: Q2, Q3 and Q4, the
/// survey starting on 2 April); it is due <see cref="Programme.ReportDueDays"/> days after it ends. The year-end summary
/// is expected once the summary phase starts and due on its deadline. Pure: no clock, no database.
/// </summary>
public static class ReportSchedule
{
    public static readonly TownReportKind[] Quarters = [TownReportKind.Quarter1, TownReportKind.Quarter2, TownReportKind.Quarter3, TownReportKind.Quarter4];

    public static string Label(TownReportKind kind) => kind switch
    {
        TownReportKind.Quarter1 => "第一季度",
        TownReportKind.Quarter2 => "第二季度",
        TownReportKind.Quarter3 => "第三季度",
        TownReportKind.Quarter4 => "第四季度",
        TownReportKind.YearEnd => "年度工作总结",
        _ => kind.ToString(),
    };

    public static string Label(ReportState state) => state switch
    {
        ReportState.Draft => "草稿",
        ReportState.Submitted => "已报送待审核",
        ReportState.Accepted => "已审核通过",
        ReportState.Returned => "已退回",
        _ => state.ToString(),
    };

    public static string Label(ReportTimeliness t) => t switch
    {
        ReportTimeliness.NotDue => "未到期",
        ReportTimeliness.Pending => "待报送",
        ReportTimeliness.Missing => "逾期未报",
        ReportTimeliness.Late => "逾期报送",
        ReportTimeliness.OnTime => "按时报送",
        _ => t.ToString(),
    };

    /// <summary>The period a report covers: a calendar quarter of the programme's year, or the programme's whole year for the summary.</summary>
    public static (DateOnly Start, DateOnly End) Period(TownReportKind kind, int year) => kind switch
    {
        TownReportKind.YearEnd => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
        _ => (new DateOnly(year, 3 * ((int)kind - 1) + 1, 1), new DateOnly(year, 3 * (int)kind, 1).AddMonths(1).AddDays(-1)),
    };

    /// <summary>The reports a programme expects of each town at all: the quarters it runs in, then the year-end summary.</summary>
    public static IReadOnlyList<TownReportKind> Kinds(Programme programme)
    {
        var first = programme.Phases.Count == 0 ? new DateOnly(programme.Year, 1, 1) : programme.Phases.Min(p => p.Start);
        var kinds = Quarters.Where(q => Period(q, programme.Year).End >= first).ToList();
        if (programme.Phase(ProgrammePhase.Summary) is not null)
        {
            kinds.Add(TownReportKind.YearEnd);
        }
        return kinds;
    }

    /// <summary>The day a report counts as expected (its period over; the summary, its phase begun); null when the programme does not expect it.</summary>
    public static DateOnly? ExpectedFrom(TownReportKind kind, Programme programme)
    {
        if (!Kinds(programme).Contains(kind))
        {
            return null;
        }
        return kind == TownReportKind.YearEnd
            ? programme.Phase(ProgrammePhase.Summary)!.Start
            : Period(kind, programme.Year).End.AddDays(1);
    }

    /// <summary>The last day a report is on time; null when the programme does not expect it.</summary>
    public static DateOnly? DueOn(TownReportKind kind, Programme programme)
    {
        if (!Kinds(programme).Contains(kind))
        {
            return null;
        }
        if (kind == TownReportKind.YearEnd)
        {
            var phase = programme.Phase(ProgrammePhase.Summary)!;
            return phase.Deadline ?? phase.End;
        }
        return Period(kind, programme.Year).End.AddDays(programme.ReportDueDays);
    }

    /// <summary>
    /// Whether a report may be sent on <paramref name="today"/>: not before its period has ended (a quarter) or its phase
    /// begun (the summary) — figures frozen before then would be accepted and locked incomplete.
    /// </summary>
    public static Result MaySubmit(TownReportKind kind, Programme programme, DateOnly today) =>
        ExpectedFrom(kind, programme) is not { } from ? Result.Refused($"本年度项目不要求报送{Label(kind)}")
        : today >= from ? Result.Ok
        : Result.Refused(kind == TownReportKind.YearEnd
            ? $"年度工作总结{from:M月d日}起方可报送"
            : $"{Label(kind)}尚未结束，{from:yyyy年M月d日}起方可报送");

    /// <summary>The reports expected by <paramref name="today"/>: the denominator of completeness.</summary>
    public static IReadOnlyList<TownReportKind> ExpectedBy(Programme programme, DateOnly today) =>
        Kinds(programme).Where(k => ExpectedFrom(k, programme) <= today).ToList();

    /// <summary>
    /// Whether a report counts as received: submitted or accepted. A draft or a returned report is not received
    /// (DHIS2's completeness counts completed registrations only).
    /// </summary>
    public static bool Received(ReportState? state) => state is ReportState.Submitted or ReportState.Accepted;

    /// <summary>
    /// A report's timeliness on <paramref name="today"/>, from its state and its latest submission's China date
    /// (<paramref name="submittedOn"/>): a report sent back and sent again after its due date is late.
    /// </summary>
    public static ReportTimeliness Timeliness(TownReportKind kind, Programme programme, ReportState? state, DateOnly? submittedOn, DateOnly today)
    {
        if (ExpectedFrom(kind, programme) is not { } from || DueOn(kind, programme) is not { } due)
        {
            return ReportTimeliness.NotDue;
        }
        if (Received(state) && submittedOn is { } on)
        {
            return on <= due ? ReportTimeliness.OnTime : ReportTimeliness.Late;
        }
        if (today < from)
        {
            return ReportTimeliness.NotDue;
        }
        return today <= due ? ReportTimeliness.Pending : ReportTimeliness.Missing;
    }

    /// <summary>
    /// Completeness and timeliness as percentages (null when nothing counts yet): received ÷ expected, on time ÷
    /// expected, where expected means received or past its due date — a report still inside its reporting days
    /// (待报送) is not yet counted against the town.
    /// </summary>
    public static (int? Completeness, int? Timeliness) Rates(IReadOnlyCollection<ReportTimeliness> expected)
    {
        var counted = expected.Where(t => t is ReportTimeliness.OnTime or ReportTimeliness.Late or ReportTimeliness.Missing).ToList();
        if (counted.Count == 0)
        {
            return (null, null);
        }
        var received = counted.Count(t => t is ReportTimeliness.OnTime or ReportTimeliness.Late);
        var onTime = counted.Count(t => t == ReportTimeliness.OnTime);
        return ((int)Math.Round(100.0 * received / counted.Count, MidpointRounding.AwayFromZero), (int)Math.Round(100.0 * onTime / counted.Count, MidpointRounding.AwayFromZero));
    }
}

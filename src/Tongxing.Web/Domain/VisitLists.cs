namespace Tongxing.Web.Domain;

/// <summary>
/// "Due this week" of the return-visit lists (回访提醒), on top of <see cref="VisitSchedule"/>: a paired household is due
/// this week when its visit window opens on one of the next seven days counted from today (today included) or is
/// already open, and it is not yet overdue today. Like the schedule, a threshold on <see cref="Household.VisitsFrom"/>,
/// so the list is one indexed range query.
/// </summary>
public static class VisitWeek
{
    /// <summary>Today and the six days after it.</summary>
    public const int Days = 7;

    /// <summary>Households whose <c>VisitsFrom</c> is on or before this day have their window open by the last day of the week.</summary>
    public static DateOnly DueThisWeekIfFromOnOrBefore(this VisitSchedule schedule, DateOnly today) => schedule.DueIfFromOnOrBefore(today.AddDays(Days - 1));

    /// <summary>The window is open today or opens within the week, and the household is not overdue today.</summary>
    public static bool IsDueThisWeek(this VisitSchedule schedule, DateOnly from, DateOnly today) =>
        from <= schedule.DueThisWeekIfFromOnOrBefore(today) && from > schedule.OverdueIfFromOnOrBefore(today);
}

/// <summary>
/// What a helper is expected to log (帮扶日志): one log per paired household every <c>SupportLogIntervalDays</c>, counted
/// over the days of the period that the pairing covers — from the later of the pairing's start and the period's start
/// to today (or the pairing's end). A pairing younger than one interval is expected nothing yet.
/// </summary>
public static class SupportExpectation
{
    /// <summary>The logs expected from one pairing in the period that starts on <paramref name="periodStart"/> and ends today.</summary>
    public static int Expected(DateOnly pairedOn, DateOnly? endedOn, DateOnly periodStart, DateOnly today, int intervalDays)
    {
        if (intervalDays < 1)
        {
            return 0;
        }
        var from = pairedOn > periodStart ? pairedOn : periodStart;
        var to = endedOn is { } e && e < today ? e : today;
        var days = to.DayNumber - from.DayNumber;
        return days <= 0 ? 0 : days / intervalDays;
    }

    /// <summary>
    /// 流于形式: the household has been paired for at least one interval and nothing was logged for it in the last
    /// interval (a log dated after today minus the interval counts).
    /// </summary>
    public static bool Lapsed(DateOnly pairedOn, DateOnly? lastLogOn, DateOnly today, int intervalDays)
    {
        var since = today.AddDays(-intervalDays);
        return pairedOn <= since && (lastLogOn is not { } last || last <= since);
    }
}

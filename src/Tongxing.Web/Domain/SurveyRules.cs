namespace Tongxing.Web.Domain;

/// <summary>Quotas and deadlines of the survey phase (SPEC §4 phase 1).</summary>
public static class SurveyRules
{
    /// <summary>Whether a household fills one of its town's quota places: a regular candidate submitted, accepted or further on.</summary>
    public static bool TakesQuotaPlace(HouseholdStatus status, bool isReserve) =>
        !isReserve && status >= HouseholdStatus.SubmittedByTown && status < HouseholdStatus.Returned;

    /// <summary>
    /// A town may put forward at most its quota of regular candidates; more must be marked as reserves
    /// (备选), which the district sees as such. A refusal is a conflict with what the town has already sent.
    /// </summary>
    /// <param name="quota">The town's quota.</param>
    /// <param name="counted">Regular candidates already submitted or accepted.</param>
    /// <param name="regular">Regular candidates in this submission.</param>
    public static Result CheckQuota(int quota, int counted, int regular)
    {
        if (counted + regular <= quota)
        {
            return Result.Ok;
        }
        var left = Math.Max(0, quota - counted);
        return Result.Conflict($"本镇任务数为{quota}户，已报送{counted}户，本次最多还能报送{left}户；超出的{counted + regular - quota}户请勾选“列为备选”后再报送");
    }

    /// <summary>
    /// The district accepts at most the town's quota; a reserve (备选) is accepted only into a place a regular household left.
    /// </summary>
    public static Result CheckAcceptance(int quota, int accepted) => accepted >= quota
        ? Result.Conflict($"本镇已审核通过{accepted}户，已达到任务数{quota}户；备选对象须在正式对象被退回或取消后再审核递补")
        : Result.Ok;
}

/// <summary>How a deadline stands, said the way an office would say it.</summary>
public static class Deadlines
{
    /// <summary>
    /// How the deadline stands today; with <paramref name="doneOn"/>, the day the office first sent its part (a town's
    /// first 附件1 submission): "报送", since how much it sent against its quota is counted beside it, not "完成".
    /// </summary>
    public static string Describe(DateOnly deadline, DateOnly today, DateOnly? doneOn = null)
    {
        if (doneOn is { } done)
        {
            return done <= deadline
                ? $"已于{done:M月d日}按时报送（截止{deadline:M月d日}）"
                : $"{done:yyyy年M月d日}报送，逾期{done.DayNumber - deadline.DayNumber}天（截止{deadline:yyyy年M月d日}）";
        }
        var days = deadline.DayNumber - today.DayNumber;
        return days switch
        {
            > 0 => $"距截止（{deadline:M月d日}）还有{days}天",
            0 => $"今天（{deadline:M月d日}）截止",
            _ => $"已逾期{-days}天（截止日期{deadline:M月d日}）",
        };
    }

    /// <summary>
    /// How a deadline stands for a town's many households (附件2: each approved by the town by the deadline or not): all
    /// done on time, all done with some late, or still some to do (counted down, or overdue, as for one).
    /// </summary>
    public static string DescribeCount(DateOnly deadline, DateOnly today, int onTime, int late, int pending) =>
        pending > 0 || onTime + late == 0 ? Describe(deadline, today)
        : late == 0 ? $"已全部按时报送（截止{deadline:M月d日}）"
        : $"已全部报送，其中{late}户逾期（截止{deadline:M月d日}）";

    public static bool IsOverdue(DateOnly deadline, DateOnly today, DateOnly? doneOn = null) =>
        doneOn is { } done ? done > deadline : today > deadline;
}

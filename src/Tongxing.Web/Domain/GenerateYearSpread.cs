namespace Tongxing.Web.Domain;

/// <summary>What became of one payment in the generated year.</summary>
public enum GeneratedPaymentFate
{
    /// <summary>Paid, and the receipt signed.</summary>
    PaidReceipted = 1,
    /// <summary>Paid; the receipt not yet recorded.</summary>
    Paid = 2,
    /// <summary>Failed at the bank, then paid in the town's second batch.</summary>
    FailedThenRepaid = 3,
    /// <summary>Failed at the bank; the account still being corrected.</summary>
    FailedOpen = 4,
    /// <summary>Paid, then reversed (the household is filed again).</summary>
    Reversed = 5,
}

/// <summary>What became of one town report in the generated year.</summary>
public enum GeneratedReportFate
{
    AcceptedOnTime = 1,
    AcceptedLate = 2,
    /// <summary>Sent back by the district, not yet sent again.</summary>
    Returned = 3,
    /// <summary>Sent, awaiting the district's decision.</summary>
    Submitted = 4,
    /// <summary>Not sent: a draft.</summary>
    Draft = 5,
}

/// <summary>
/// How the province generator spreads a programme year (2020) so that a chosen day, <see cref="Today"/>, finds the state
/// a real year would leave: most households filed, paid by early summer and paired soon after; a few failed at the bank
/// and re-paid, a few reversed; monthly support logs; return visits at the programme's interval with some overdue;
/// quarterly town reports, some late and some returned. Every rule takes a roll (0–99, drawn by the caller) so that it is
/// pure and its proportions can be read and tested.
/// </summary>
public static class GenerateYearSpread
{
    /// <summary>The day the generated year is seen from: mid-December, the fourth quarter's report not yet due.</summary>
    public static readonly DateOnly Today = new(2020, 12, 15);

    /// <summary>When the households were surveyed (the survey phase), the day their records were created.</summary>
    public static readonly DateOnly SurveyedOn = new(2020, 4, 10);

    /// <summary>The day the money arrived from every source; allocations to the towns follow the next day.</summary>
    public static readonly DateOnly ArrivedOn = new(2020, 4, 28);

    private static readonly HouseholdStatus[] InFlight =
    [
        HouseholdStatus.Proposed, HouseholdStatus.SubmittedByTown, HouseholdStatus.ReviewedByDistrict, HouseholdStatus.OnNotice,
        HouseholdStatus.NoticePassed, HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown,
        HouseholdStatus.ApprovedByDistrict,
    ];

    /// <summary>
    /// Where a household stands before the money: an ineligible one was returned; of the eligible, 4 in 100 returned
    /// for corrections, 9 still on the way (one for each state before filing) and 87 filed.
    /// </summary>
    public static HouseholdStatus StatusBeforeFunds(int roll, bool eligible) => !eligible || roll < 4
        ? HouseholdStatus.Returned
        : roll < 4 + InFlight.Length ? InFlight[roll - 4] : HouseholdStatus.Filed;

    /// <summary>A town's first batch is paid on a Monday between 4 May and 22 June, by the town's position.</summary>
    public static DateOnly PaidOn(int townIndex) => new DateOnly(2020, 5, 4).AddDays(townIndex % 8 * 7);

    /// <summary>The second batch (re-payment of what failed) four weeks after the first.</summary>
    public static DateOnly RepaidOn(DateOnly paidOn) => paidOn.AddDays(28);

    /// <summary>85 in 100 paid and receipted, 10 paid without a receipt yet, 2 failed and re-paid, 1 failed and open, 2 reversed.</summary>
    public static GeneratedPaymentFate PaymentFate(int roll) => roll switch
    {
        < 2 => GeneratedPaymentFate.FailedThenRepaid,
        < 3 => GeneratedPaymentFate.FailedOpen,
        < 5 => GeneratedPaymentFate.Reversed,
        < 90 => GeneratedPaymentFate.PaidReceipted,
        _ => GeneratedPaymentFate.Paid,
    };

    /// <summary>3 paid households in 100 not yet paired; of the rest, 3 in 10 have two helpers.</summary>
    public static int Helpers(int roll) => roll < 3 ? 0 : roll < 33 ? 2 : 1;

    /// <summary>Paired 3 to 27 days after being paid.</summary>
    public static DateOnly PairedOn(DateOnly paidOn, int roll) => paidOn.AddDays(3 + roll % 25);

    /// <summary>92 agreements in 100 signed, 2 to 11 days after the pairing began; the rest not yet.</summary>
    public static DateOnly? AgreementSignedOn(DateOnly startedOn, int roll) => roll < 92 ? startedOn.AddDays(2 + roll % 10) : null;

    /// <summary>A support log a week after the pairing began and then every month, up to <paramref name="today"/>.</summary>
    public static IEnumerable<DateOnly> MonthlyLogs(DateOnly startedOn, DateOnly today)
    {
        for (var on = startedOn.AddDays(7); on <= today; on = on.AddMonths(1))
        {
            yield return on;
        }
    }

    /// <summary>
    /// Return visits from the first pairing: each within <paramref name="windowDays"/> of its due date (the interval after
    /// the previous visit), up to <paramref name="today"/>. 3 households in 100 never visited and 7 more missing their
    /// latest visit, so about one in ten is overdue or due at any time.
    /// </summary>
    public static IReadOnlyList<DateOnly> ReturnVisits(DateOnly pairedOn, int intervalDays, int windowDays, DateOnly today, int roll)
    {
        var visits = new List<DateOnly>();
        if (roll < 3)
        {
            return visits;
        }
        var jitter = windowDays == 0 ? 0 : roll % (2 * windowDays + 1) - windowDays;
        for (var from = pairedOn; ;)
        {
            var on = from.AddDays(intervalDays + jitter);
            if (on > today)
            {
                break;
            }
            visits.Add(on);
            from = on;
        }
        if (roll < 10 && visits.Count > 0)
        {
            visits.RemoveAt(visits.Count - 1);
        }
        return visits;
    }

    /// <summary>Where a household's project stands at year-end: 5 in 100 failed, 15 under way, 50 producing income, 30 stable.</summary>
    public static ProjectProgress Progress(int roll) => roll switch
    {
        < 5 => ProjectProgress.Failed,
        < 20 => ProjectProgress.UnderWay,
        < 70 => ProjectProgress.ProducingIncome,
        _ => ProjectProgress.Stable,
    };

    /// <summary>Of the reports due: 80 in 100 accepted on time, 8 accepted late, 5 returned, 4 awaiting a decision, 3 not sent.</summary>
    public static GeneratedReportFate ReportFate(int roll) => roll switch
    {
        < 80 => GeneratedReportFate.AcceptedOnTime,
        < 88 => GeneratedReportFate.AcceptedLate,
        < 93 => GeneratedReportFate.Returned,
        < 97 => GeneratedReportFate.Submitted,
        _ => GeneratedReportFate.Draft,
    };

    /// <summary>The instant of 10:00 in China on <paramref name="day"/>, in UTC, for the records' timestamps.</summary>
    public static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Seed;

/// <summary>
/// The whole programme year (<c>generate N --full</c>): a district at a time, its households surveyed and moved through
/// the year (<see cref="GenerateYearSpread"/>), paid, paired, followed up and reported on, every record made through the
/// model and then written in bulk (<see cref="GenerateBulkRows"/>), one transaction per district. Nothing is held
/// beyond the district being written, except the set of ID numbers already used (to keep them unique).
/// </summary>
public sealed partial class ProvinceGenerator
{
    /// <summary>Rows written and seconds spent, per table and per stage, for the benchmark's report.</summary>
    public sealed class YearCounts
    {
        public Dictionary<string, long> Rows { get; } = [];
        public Dictionary<string, double> Seconds { get; } = [];

        internal void Add(string key, long rows) => Rows[key] = Rows.GetValueOrDefault(key) + rows;

        internal void Time(string stage, Stopwatch watch)
        {
            Seconds[stage] = Seconds.GetValueOrDefault(stage) + watch.Elapsed.TotalSeconds;
            watch.Restart();
        }
    }

    /// <summary>What the last full-year run wrote and how long each stage took.</summary>
    public YearCounts Counts { get; } = new();

    private sealed record District(Area Area, Programme Programme, List<Area> Villages, int Households, int Index);

    private async Task<int> GenerateYearAsync(List<District> districts, IReadOnlyDictionary<string, Area> byCode, int seed, Action<string> progress, CancellationToken ct)
    {
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        var total = districts.Sum(d => d.Households);
        var sqlite = db.Database.IsSqlite();
        string? synchronous = null;
        if (sqlite)
        {
            // Durability is pointless while generating into an empty file: restored below, whatever happens.
            await db.Database.OpenConnectionAsync(ct);
            synchronous = await db.Database.SqlQueryRaw<string>("SELECT CAST(synchronous AS TEXT) AS \"Value\" FROM pragma_synchronous").SingleAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", ct);
        }
        try
        {
            foreach (var district in districts)
            {
                written += await GenerateDistrictAsync(district, byCode, new Random(seed * 10_000 + district.Index), usedIds, ct);
                progress($"全年数据 {district.Area.Code}：帮扶对象 {written.ToString("N0", CultureInfo.InvariantCulture)} / {total.ToString("N0", CultureInfo.InvariantCulture)}");
            }
        }
        finally
        {
            if (synchronous is not null)
            {
                // A number read back from SQLite itself, not input.
#pragma warning disable EF1002
                await db.Database.ExecuteSqlRawAsync($"PRAGMA synchronous = {int.Parse(synchronous, CultureInfo.InvariantCulture)}", ct);
#pragma warning restore EF1002
                await db.Database.CloseConnectionAsync();
            }
        }
        // One audit entry per stage, saying what was written in bulk.
        foreach (var (stage, what) in new[]
        {
            ("生成模拟数据：调查与审批", $"帮扶对象 {Counts.Rows.GetValueOrDefault("Households")} 户，成员 {Counts.Rows.GetValueOrDefault("Members")} 人"),
            ("生成模拟数据：资金", $"台账 {Counts.Rows.GetValueOrDefault("FundEntries")} 条，批次 {Counts.Rows.GetValueOrDefault("PaymentBatches")} 个，发放 {Counts.Rows.GetValueOrDefault("Payments")} 笔"),
            ("生成模拟数据：结对", $"帮扶人 {Counts.Rows.GetValueOrDefault("Helpers")} 名，结对 {Counts.Rows.GetValueOrDefault("Pairings")} 对"),
            ("生成模拟数据：帮扶与回访", $"帮扶记录 {Counts.Rows.GetValueOrDefault("SupportLogs")} 条，回访 {Counts.Rows.GetValueOrDefault("Visits")} 次，成效 {Counts.Rows.GetValueOrDefault("HouseholdOutcomes")} 户"),
            ("生成模拟数据：镇级报告", $"报告 {Counts.Rows.GetValueOrDefault("TownReports")} 份"),
        })
        {
            db.SkipAuditForBulk(stage, what);
            await db.SaveChangesAsync(ct);
        }
        return written;
    }

    private async Task<int> GenerateDistrictAsync(District d, IReadOnlyDictionary<string, Area> byCode, Random random, HashSet<string> usedIds, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var programme = d.Programme;
        var town = (string code) => new Actor("bench.town", "模拟镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, code));

        // Survey and approvals: every household made by the survey's rules, then placed where the year left it.
        var surveyedAt = GenerateYearSpread.At(GenerateYearSpread.SurveyedOn);
        // Villages propose mostly people who qualify: a drawn household that screens ineligible is kept one time in ten
        // (and returned), otherwise drawn again.
        var households = new List<Household>(d.Households);
        for (var i = 0; i < d.Households; i++)
        {
            Household drawn;
            do
            {
                drawn = DemoData.Households(programme, [d.Villages[i % d.Villages.Count]], byCode, 1, surveyedAt, random, usedIds, MembersPerHousehold).Single();
            }
            while (!Eligible(drawn) && random.Next(10) != 0);
            households.Add(drawn);
        }
        static bool Eligible(Household h) => h.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority;
        foreach (var h in households)
        {
            var status = GenerateYearSpread.StatusBeforeFunds(random.Next(100), Eligible(h));
            h.ForceStatusForLoadTest(status);
            if (status == HouseholdStatus.Filed)
            {
                // A synthetic 19-digit account made from the synthetic ID: unique, nobody's.
                Check(h.SetBankAccount(town(h.TownCode), new BankAccount(h.HeadName, "62" + h.HeadIdNumber[..17], "广西农村信用社（一卡通）"), surveyedAt));
            }
        }
        Counts.Time("survey", watch);

        var funds = PayDistrict(programme, households.Where(h => h.Status == HouseholdStatus.Filed).ToList(), d.Index, random);
        Counts.Time("funds", watch);

        var paidOn = funds.Payments.Where(p => p.State == PaymentState.Paid).ToDictionary(p => p.HouseholdId, p => p.PaidOn!.Value);
        var (helpers, pairings) = Pair(programme, households, paidOn, byCode, random);
        Counts.Time("pairing", watch);

        var (logs, visits, outcomes) = FollowUp(programme, households, pairings, random);
        Counts.Time("followUp", watch);

        var reports = Reports(programme, d, byCode, random);
        Counts.Time("reports", watch);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await Write(households, "Households");
            await Write(households.SelectMany(h => h.Members), "Members");
            await Write(households.SelectMany(h => h.History), "HouseholdEvents");
            await Write(funds.Lines, "FundEntries");
            await Write(funds.Batches, "PaymentBatches");
            await Write(funds.Payments, "Payments");
            await Write(helpers, "Helpers");
            await Write(pairings, "Pairings");
            await Write(logs, "SupportLogs");
            await Write(visits, "Visits");
            await Write(outcomes, "HouseholdOutcomes");
            await Write(reports, "TownReports");
            await transaction.CommitAsync(ct);
        }
        Counts.Time("write", watch);
        return households.Count;

        async Task Write<T>(IEnumerable<T> rows, string table) where T : class => Counts.Add(table, await GenerateBulkRows.WriteAsync(db, rows, ct));
    }

    /// <summary>
    /// Helpers of each village, registered as needed (a helper takes up to the programme's number of households), and
    /// 1–2 of them paired with each paid household (<see cref="GenerateYearSpread.Helpers"/>); agreements signed for most.
    /// </summary>
    private static (List<Helper> Helpers, List<Pairing> Pairings) Pair(Programme programme, List<Household> households, Dictionary<Guid, DateOnly> paidOn,
        IReadOnlyDictionary<string, Area> byCode, Random random)
    {
        var helpers = new List<Helper>();
        var pairings = new List<Pairing>();
        foreach (var village in households.Where(h => h.Status == HouseholdStatus.Paid).GroupBy(h => h.VillageCode))
        {
            var path = AreaPath.Of(village.Key, byCode)!;
            var branchName = byCode[village.Key].Name.Replace("村委会", "村", StringComparison.Ordinal) + "党支部";
            var who = new Actor("bench.town", "模拟镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, path.TownCode));
            var own = new List<Helper>();
            Helper Free(Helper? besides)
            {
                var helper = own.FirstOrDefault(x => x.ActiveHouseholds < programme.MaxHouseholdsPerHelper && x != besides);
                if (helper is not null)
                {
                    return helper;
                }
                var n = helpers.Count;
                var profile = DemoData.HelperProfiles[n % DemoData.HelperProfiles.Length];
                var gender = profile.Given is "春兰" or "秀梅" ? Gender.Female : Gender.Male;
                helper = Helper.Register(new HelperDetails(DemoData.Surnames[random.Next(DemoData.Surnames.Length)] + profile.Given, gender,
                    "139" + random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture), branchName, profile.Unit, profile.Post, profile.Kind, profile.Skills),
                    path, who, GenerateYearSpread.At(new DateOnly(2020, 5, 7)));
                own.Add(helper);
                helpers.Add(helper);
                return helper;
            }
            foreach (var h in village)
            {
                var roll = random.Next(100);
                var on = GenerateYearSpread.PairedOn(paidOn[h.Id], roll);
                Helper? previous = null;
                for (var i = 0; i < GenerateYearSpread.Helpers(roll); i++)
                {
                    var helper = Free(previous);
                    previous = helper;
                    var (pairing, result) = Pairing.Start(h, helper, programme, on, who, GenerateYearSpread.At(on));
                    Check(result);
                    if (GenerateYearSpread.AgreementSignedOn(on, random.Next(100)) is { } signed)
                    {
                        Check(pairing!.AttachAgreement("bench-agreement.jpg", "image/jpeg", signed, who, GenerateYearSpread.At(signed)));
                    }
                    pairings.Add(pairing!);
                }
            }
        }
        return (helpers, pairings);
    }

    /// <summary>Monthly support logs by each helper, return visits by the town federation at the programme's interval, and each paired household's outcome.</summary>
    private static (List<SupportLog> Logs, List<Visit> Visits, List<HouseholdOutcome> Outcomes) FollowUp(Programme programme, List<Household> households,
        List<Pairing> pairings, Random random)
    {
        var logs = new List<SupportLog>();
        var visits = new List<Visit>();
        var outcomes = new List<HouseholdOutcome>();
        var byId = households.ToDictionary(h => h.Id);
        var today = GenerateYearSpread.Today;
        foreach (var pairing in pairings)
        {
            var household = byId[pairing.HouseholdId];
            var branch = new Actor("bench.village", "模拟村党支部", Role.VillageBranch, new AreaScope(AreaLevel.Village, household.VillageCode));
            foreach (var on in GenerateYearSpread.MonthlyLogs(pairing.StartedOn, today))
            {
                var kind = (SupportKind)(1 + logs.Count % 4);
                logs.Add(SupportLog.Create(Guid.NewGuid(), household, pairing.HelperId, on, kind, DemoFollowThrough.LogTexts[logs.Count % DemoFollowThrough.LogTexts.Length],
                    kind == SupportKind.Funds ? 20_000 : null, null, null, null, branch, GenerateYearSpread.At(on)));
            }
        }
        foreach (var household in households.Where(h => h.PairedOn is not null))
        {
            var federation = new Actor("bench.federation", "模拟镇残联", Role.TownFederation, new AreaScope(AreaLevel.Town, household.TownCode));
            foreach (var on in GenerateYearSpread.ReturnVisits(household.PairedOn!.Value, programme.VisitIntervalDays, programme.VisitWindowDays, today, random.Next(100)))
            {
                visits.Add(Visit.Create(Guid.NewGuid(), household, VisitKind.ReturnVisit, on, "镇残联 莫理事长、村党支部 潘书记", "项目正常推进，家庭生产生活稳定",
                    HelperRating.Good, "帮扶人每月上门，技术指导到位", "继续做好销售对接", null, null, federation, GenerateYearSpread.At(on)));
            }
            var outcome = new HouseholdOutcome(household.Id);
            var progress = GenerateYearSpread.Progress(random.Next(100));
            var start = household.PerCapitaIncome.Fen;
            outcome.Set("种养实用技术", null, progress, progress == ProjectProgress.Failed ? "受灾减产" : null, start,
                start + (progress is ProjectProgress.ProducingIncome or ProjectProgress.Stable ? 150_000 : 0),
                new DateOnly(2020, 12, 1), federation, GenerateYearSpread.At(new DateOnly(2020, 12, 1)));
            outcomes.Add(outcome);
        }
        return (logs, visits, outcomes);
    }

    /// <summary>Each town's quarterly reports that fell due before <see cref="GenerateYearSpread.Today"/>, most accepted, some late or returned.</summary>
    private static List<TownReport> Reports(Programme programme, District d, IReadOnlyDictionary<string, Area> byCode, Random random)
    {
        var reports = new List<TownReport>();
        var districtFederation = new Actor("bench.federation", "模拟区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, d.Area.Code));
        foreach (var village in d.Villages.DistinctBy(v => v.ParentCode))
        {
            var town = village.ParentCode!;
            var path = AreaPath.Of(village.Code, byCode)!;
            var federation = new Actor("bench.federation", "模拟镇残联", Role.TownFederation, new AreaScope(AreaLevel.Town, town));
            foreach (var kind in ReportSchedule.Kinds(programme).Where(k => k != TownReportKind.YearEnd && ReportSchedule.DueOn(k, programme) is { } due && due < GenerateYearSpread.Today))
            {
                var due = ReportSchedule.DueOn(kind, programme)!.Value;
                var fate = GenerateYearSpread.ReportFate(random.Next(100));
                var sentOn = fate == GeneratedReportFate.AcceptedLate ? due.AddDays(5) : due.AddDays(-3);
                var report = new TownReport(Guid.NewGuid(), programme.Id, path, kind, GenerateYearSpread.At(sentOn.AddDays(-5)));
                Check(report.Write($"{ReportSchedule.Label(kind)}，本镇结对帮扶工作按计划推进，帮扶人每月上门，回访按期开展。", null, GenerateYearSpread.At(sentOn.AddDays(-5))));
                if (fate != GeneratedReportFate.Draft)
                {
                    Check(report.Submit("{}", federation, GenerateYearSpread.At(sentOn)));
                }
                var decided = GenerateYearSpread.At(sentOn.AddDays(4));
                if (fate is GeneratedReportFate.AcceptedOnTime or GeneratedReportFate.AcceptedLate)
                {
                    Check(report.Accept(districtFederation, decided));
                }
                else if (fate == GeneratedReportFate.Returned)
                {
                    Check(report.Return("回访情况未写明户数，请补充后重新报送", districtFederation, decided));
                }
                reports.Add(report);
            }
        }
        return reports;
    }
}

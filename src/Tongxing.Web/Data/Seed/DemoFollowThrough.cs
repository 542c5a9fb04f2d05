using SkiaSharp;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data.Seed;

/// <summary>
/// What a demo started later in the year finds already done, so that the second half can be tried at once: after the
/// funds phase the money arrived, allocated to the towns and paid to the filed households that have an account (most
/// receipted); after the pairing deadline most agreements signed; then return visits every interval and monthly support
/// logs up to the demo's day, a few households left overdue. Deterministic: the same on every start. Every record is
/// made through the model (its rules), by the system as 演示数据, and dated on the plan's day it stands for (never after
/// the demo's present), so that the records read in the order the year ran.
/// </summary>
internal static class DemoFollowThrough
{
    private static Actor System(Programme programme, Role role, string townCode = "") =>
        new("seed", "演示数据", role, townCode.Length == 0 ? new AreaScope(AreaLevel.District, programme.DistrictCode) : new AreaScope(AreaLevel.Town, townCode));

    public sealed record Paid(List<FundEntry> Lines, List<PaymentBatch> Batches, List<Payment> Payments, List<ProjectStart> Starts);

    /// <summary>A moment of a China date (the plan's dates are China's), at <paramref name="hour"/> o'clock.</summary>
    internal static DateTimeOffset On(DateOnly day, int hour) => new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>An office of <paramref name="role"/> at its own level over the household (a village branch of its village, and so on).</summary>
    private static Actor Office(Role role, Household h) => new("seed", "演示数据", role, role.HomeLevel() switch
    {
        AreaLevel.Village => new AreaScope(AreaLevel.Village, h.VillageCode),
        AreaLevel.Town => new AreaScope(AreaLevel.Town, h.TownCode),
        _ => new AreaScope(AreaLevel.District, h.DistrictCode),
    });

    /// <summary>When a demo started later in the year has its villages propose the households: the survey's third day; null for a demo started before the funds phase (they propose on the demo's day).</summary>
    public static DateTimeOffset? ProposedAt(Programme programme, DateOnly today) =>
        programme.Phase(ProgrammePhase.Funds) is { } funds && today >= funds.Start && programme.Phase(ProgrammePhase.Survey) is { } survey
            ? On(survey.Start.AddDays(2), 10)
            : null;

    public sealed record FirstHalf(List<SurveySubmission> Submissions, List<Notice> Notices);

    /// <summary>
    /// A demo started on or after the funds phase finds each town's eligible households, up to its quota, taken through
    /// the first half on the plan's dates, each step through the model's rules by the office whose step it is: sent on
    /// the town's 附件1 the day before the survey deadline and accepted by the district two days later; posted on their
    /// village's notice on the approval phase's first day for the programme's working days, with a photo of the posting,
    /// and passed the day after; then applied for, approved by the village, the town and the district and filed on the
    /// days that follow, by the approval deadline. Every seventh is left without a bank account, as in a real town some
    /// accounts are still being collected.
    /// </summary>
    /// <param name="now">The demo's present: no step is dated after it (a demo started on the filing day finds it done by then).</param>
    public static FirstHalf FileForLaterPhase(Programme programme, IReadOnlyList<Household> households, IReadOnlyDictionary<string, Area> areas,
        WorkingDayCalendar calendar, DateOnly today, (string StoredName, long Size)? postingPhoto, DateTimeOffset? now = null)
    {
        DateTimeOffset At(DateOnly day, int hour) => now is { } present ? Earlier(On(day, hour), present) : On(day, hour);
        if (programme.Phase(ProgrammePhase.Funds) is not { } funds || today < funds.Start
            || programme.Phase(ProgrammePhase.Survey) is not { } survey || programme.Phase(ProgrammePhase.Approval) is not { } approval)
        {
            return new([], []);
        }
        var submittedOn = (survey.Deadline ?? survey.End).AddDays(-1);
        var acceptedOn = Min(submittedOn.AddDays(2), survey.End);
        var approvalDue = approval.Deadline ?? approval.End;
        var district = System(programme, Role.DistrictFederation);
        var submissions = new List<SurveySubmission>();
        var chosen = new List<Household>();
        foreach (var town in households.Where(h => h.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority).GroupBy(h => h.TownCode).OrderBy(g => g.Key))
        {
            var list = town.Take(programme.QuotaOf(town.Key)).ToList();
            if (list.Count == 0)
            {
                continue;
            }
            var submission = new SurveySubmission(Guid.NewGuid(), programme.Id, town.Key, At(submittedOn, 16), submittedOn, "seed", "演示数据", list.Count, 0);
            foreach (var h in list)
            {
                Check(h.SubmitByTown(Office(Role.TownCommittee, h), submission.Id, false, At(submittedOn, 16)));
                Check(h.AcceptByDistrict(district, "审核通过", At(acceptedOn, 10)));
            }
            submissions.Add(submission);
            chosen.AddRange(list);
        }
        var end = calendar.PeriodEnd(approval.Start, programme.NoticeWorkingDays);
        if (!end.Ok)
        {
            throw new InvalidOperationException("演示数据：" + end.Error);
        }
        var passedOn = end.Value.AddDays(1);
        var notices = new List<Notice>();
        foreach (var village in chosen.GroupBy(h => h.VillageCode).OrderBy(g => g.Key))
        {
            var branch = Office(Role.VillageBranch, village.First());
            var notice = Notice.ForVillage(programme, village.First().Area, Area.NoticeName(areas[village.Key].Name), approval.Start, end.Value,
                "seed", "演示数据", At(approval.Start, 9), approval.Start);
            foreach (var h in village.OrderBy(h => h.Group, StringComparer.Ordinal).ThenBy(h => h.HeadName, StringComparer.Ordinal))
            {
                Check(h.PutOnNotice(branch, notice.Id, At(approval.Start, 9)));
                notice.Add(h, programme);
            }
            if (postingPhoto is { } photo)
            {
                Check(notice.AddPhoto(new NoticePhoto(Guid.NewGuid(), notice.Id, photo.StoredName, "image/jpeg", photo.Size, "公示现场.jpg", At(approval.Start, 11), "演示数据")));
            }
            foreach (var h in village)
            {
                Check(h.PassNotice(branch, passedOn, end.Value, 0, At(passedOn, 9)));
            }
            notices.Add(notice);
        }
        // Each step on the next working day after the one before (offices do not sit at weekends), by the deadline.
        var step = 0;
        var day = passedOn;
        foreach (var move in ApprovalChain.Moves)
        {
            day = step == 0 ? day : day.AddDays(1);
            while (calendar.IsWorkingDay(day) is { Ok: true, Value: false })
            {
                day = day.AddDays(1);
            }
            var on = Min(Min(day, approvalDue), today);
            foreach (var h in chosen)
            {
                Check(h.Approve(Office(move.Role, h), move.Step, null, At(on, 10 + step)));
            }
            step++;
        }
        var n = 0;
        foreach (var h in chosen)
        {
            if (++n % 7 != 0)
            {
                // A synthetic 19-digit account made from the synthetic ID: the same on every start, unique, nobody's.
                Check(h.SetBankAccount(Office(Role.TownCommittee, h), new BankAccount(h.HeadName, "62" + h.HeadIdNumber[..17], "广西农村信用社（一卡通）"), At(approvalDue, 16)));
            }
        }
        return new(submissions, notices);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>A record's time on its plan date, but never after the demo's present (a record of today made before now).</summary>
    internal static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>After the funds phase's deadline: arrivals in full, each town's need allocated, the missing accounts recorded, every filed household paid the day before the deadline, most projects started ten days later.</summary>
    public static Paid PayForLaterPhase(Programme programme, IReadOnlyList<Household> households, DateOnly today, string? receiptScan)
    {
        var lines = new List<FundEntry>();
        var batches = new List<PaymentBatch>();
        var payments = new List<Payment>();
        var starts = new List<ProjectStart>();
        if (programme.Phase(ProgrammePhase.Funds) is not { } funds || today <= (funds.Deadline ?? funds.End))
        {
            return new(lines, batches, payments, starts);
        }
        var finance = System(programme, Role.Finance);
        var federation = System(programme, Role.DistrictFederation);
        var arrived = funds.Start;
        foreach (var (source, amount) in programme.FundSplit())
        {
            lines.Add(FundEntry.Arrival(programme.Id, programme.DistrictCode, source, amount, arrived, $"演示〔{programme.Year}〕{(int)source}号", FundRules.DefaultPayingOffice(source),
                receiptScan is null ? null : (receiptScan, "image/jpeg", "到账回单.jpg"), finance, On(arrived, 10)));
        }
        // Allocated by need, as 按需下拨 fills it: each town's filed households' subsidy (the rest of the quota's money stays
        // with the district), once the approval phase's filing is done (its deadline).
        var allocatedOn = programme.Phase(ProgrammePhase.Approval) is { } approval && (approval.Deadline ?? approval.End) > arrived ? (approval.Deadline ?? approval.End) : arrived.AddDays(1);
        var shares = programme.FundShares.OrderBy(s => s.Source).ToArray();
        foreach (var quota in programme.TownQuotas.Where(q => q.Quota > 0).OrderBy(q => q.TownCode))
        {
            var filed = households.Count(h => h.TownCode == quota.TownCode && h.Status == HouseholdStatus.Filed);
            if (filed == 0)
            {
                continue;
            }
            var parts = new Domain.Money(programme.SubsidyPerHousehold.Fen * filed).Split(shares.Select(s => s.BasisPoints).ToArray());
            for (var i = 0; i < shares.Length; i++)
            {
                lines.Add(FundEntry.Allocation(programme.Id, programme.DistrictCode, quota.TownCode, shares[i].Source, parts[i], allocatedOn, $"演示拨〔{programme.Year}〕1号", null, federation, On(allocatedOn, 10)));
            }
        }
        // The accounts still missing at filing were recorded by the village branches two days after the money arrived,
        // so that every filed household is paid on time (a demo started during the funds phase still finds them missing).
        foreach (var h in households.Where(h => h.Status == HouseholdStatus.Filed && h.BankAccountNumber is null))
        {
            Check(h.SetBankAccount(Office(Role.VillageBranch, h), new BankAccount(h.HeadName, "62" + h.HeadIdNumber[..17], "广西农村信用社（一卡通）"), On(arrived.AddDays(2), 11)));
        }
        // Made and sent to the bank two days before the funds deadline, paid the day before it, receipts two days later.
        var paidOn = (funds.Deadline ?? funds.End).AddDays(-1);
        var sent = On(paidOn.AddDays(-2), 10);
        var settled = On(paidOn, 17);
        foreach (var town in households.Where(h => h.Status == HouseholdStatus.Filed && h.BankAccountNumber is not null).GroupBy(h => h.TownCode).OrderBy(g => g.Key))
        {
            var actor = System(programme, Role.TownCommittee, town.Key);
            var batch = new PaymentBatch(programme.Id, town.First().Area, 1, "演示代发批次", actor, sent);
            var line = 0;
            var paid = town.Select(h => (Household: h, Payment: Payment.InBatch(h, batch, ++line, programme.SubsidyPerHousehold, programme.FundShares, actor, sent))).ToList();
            Check(batch.Send(paid.Count, paid.Aggregate(Domain.Money.Zero, (s, p) => s + p.Payment.Amount), actor.Name, sent));
            var n = 0;
            foreach (var (household, payment) in paid)
            {
                payment.MarkSent();
                // The bank's reference: unique across the district (the town's code, then the line).
                Check(payment.RecordPaid(paidOn, "DEMO" + town.Key[6..9] + payment.Line.ToString("00000", global::System.Globalization.CultureInfo.InvariantCulture), settled));
                lines.AddRange(FundEntry.ForPayment(payment, FundEntryKind.Payment, paidOn, payment.BankReference, null, actor, settled));
                Check(household.MarkPaid(actor, payment, settled));
                // Every sixth receipt still to be recorded, for the village's list.
                if (receiptScan is not null && ++n % 6 != 0)
                {
                    Check(payment.RecordReceipt(ReceiptKind.SignedPhoto, paidOn.AddDays(2), (receiptScan, "image/jpeg"), null, null, null,
                        System(programme, Role.VillageBranch, town.Key), On(paidOn.AddDays(2), 10)));
                }
                payments.Add(payment);
                // The project under way ten days after the money (项目落实), recorded by the town with a photo; every
                // eighth not yet recorded, for the town's list.
                var started = paidOn.AddDays(10);
                if (receiptScan is not null && started < today && n % 8 != 0)
                {
                    starts.Add(new ProjectStart(household, started, $"项目已启动：{household.ProjectDescription}", (receiptScan, "image/jpeg"), actor, On(started, 15)));
                }
            }
            batch.Close(settled);
            batches.Add(batch);
        }
        return new(lines, batches, payments, starts);
    }

    /// <summary>
    /// After the pairing deadline: agreements of all but every sixth pairing signed two days after it began; return visits
    /// by the town federation every visit interval (every ninth household never visited, so overdue); a support log
    /// by the helper every month.
    /// </summary>
    public static (List<Visit> Visits, List<SupportLog> Logs) FollowUpForLaterPhase(Programme programme, IReadOnlyList<Household> households,
        IReadOnlyList<Pairing> pairings, DateOnly today, string? agreementScan, DateTimeOffset now)
    {
        var visits = new List<Visit>();
        var logs = new List<SupportLog>();
        if (programme.Phase(ProgrammePhase.Pairing) is not { } phase || today <= (phase.Deadline ?? phase.End))
        {
            return (visits, logs);
        }
        var byId = households.ToDictionary(h => h.Id);
        var n = 0;
        foreach (var pairing in pairings)
        {
            var household = byId[pairing.HouseholdId];
            var branch = System(programme, Role.VillageBranch, household.TownCode);
            if (agreementScan is not null && ++n % 6 != 0)
            {
                Check(pairing.AttachAgreement(agreementScan, "image/jpeg", pairing.StartedOn.AddDays(2), branch, Earlier(On(pairing.StartedOn.AddDays(2), 15), now)));
            }
            for (var on = pairing.StartedOn.AddDays(7); on <= today && on < pairing.StartedOn.AddDays(200); on = on.AddMonths(1))
            {
                logs.Add(SupportLog.Create(Guid.NewGuid(), household, pairing.HelperId, on, (SupportKind)(1 + (logs.Count % 4)),
                    LogTexts[logs.Count % LogTexts.Length], null, null, null, null, branch, Earlier(On(on, 16), now)));
            }
        }
        var federationOf = households.Select(h => h.TownCode).Distinct().ToDictionary(t => t, t => System(programme, Role.TownFederation, t));
        var k = 0;
        foreach (var household in households.Where(h => h.PairedOn is not null).OrderBy(h => h.Id))
        {
            // Every ninth household not yet visited at all: overdue once its first window has passed.
            if (++k % 9 == 0)
            {
                continue;
            }
            for (var due = household.PairedOn!.Value.AddDays(programme.VisitIntervalDays); due <= today; due = due.AddDays(programme.VisitIntervalDays))
            {
                visits.Add(Visit.Create(Guid.NewGuid(), household, VisitKind.ReturnVisit, due, "镇残联 莫理事长、村党支部 潘书记", "项目正常推进，家庭生产生活稳定",
                    HelperRating.Good, "帮扶人每月上门，技术指导到位", "继续做好销售对接", null, null, federationOf[household.TownCode], Earlier(On(due, 15), now)));
            }
        }
        return (visits, logs);
    }

    /// <summary>
    /// 帮扶成效 of each paired household the town federation has visited: recorded at its latest visit — skills learnt,
    /// the project mostly producing income (every fifth stable, every seventh still under way, every 25th failed with its
    /// reason), the per-capita income at the start (the survey's) and at that visit.
    /// </summary>
    public static List<HouseholdOutcome> OutcomesForLaterPhase(Programme programme, IReadOnlyList<Household> households, IReadOnlyList<Visit> visits)
    {
        var outcomes = new List<HouseholdOutcome>();
        var lastVisit = visits.GroupBy(v => v.HouseholdId).ToDictionary(g => g.Key, g => g.Max(v => v.On));
        var n = 0;
        foreach (var household in households.Where(h => lastVisit.ContainsKey(h.Id)).OrderBy(h => h.Id))
        {
            n++;
            var progress = n % 25 == 0 ? ProjectProgress.Failed : n % 7 == 0 ? ProjectProgress.UnderWay : n % 5 == 0 ? ProjectProgress.Stable : ProjectProgress.ProducingIncome;
            var on = lastVisit[household.Id];
            var start = household.PerCapitaIncome.Fen;
            var gain = progress switch { ProjectProgress.Stable => 180_000, ProjectProgress.ProducingIncome => 90_000 + 10_000 * (n % 6), ProjectProgress.UnderWay => 20_000, _ => 0 };
            var outcome = new HouseholdOutcome(household.Id);
            outcome.Set(SkillTexts[n % SkillTexts.Length], n % 3 == 0 ? "电商销售" : null, progress, progress == ProjectProgress.Failed ? "受洪涝灾害影响，种苗大部分死亡" : null,
                start, start + gain, on, System(programme, Role.TownFederation, household.TownCode), On(on, 16));
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    internal static readonly string[] SkillTexts = ["沃柑种植管理", "生猪科学养殖", "蔬菜大棚种植", "竹编手工艺", "肉牛养殖", "螺蛳粉原料加工"];

    /// <summary>
    /// Each town's quarterly reports that fell due before <paramref name="today"/>: written and sent by the town
    /// federation three days before they were due, with the figures counted on that day, and accepted by the district
    /// two days later; one sent but not yet accepted stays waiting for the district.
    /// </summary>
    public static async Task<List<TownReport>> ReportForLaterPhase(Programme programme, IReadOnlyDictionary<string, Area> areas, DateOnly today,
        Func<string, TownReportKind, DateOnly, Task<string>> figures, DateTimeOffset now)
    {
        var reports = new List<TownReport>();
        var district = System(programme, Role.DistrictFederation);
        foreach (var quota in programme.TownQuotas.Where(q => q.Quota > 0).OrderBy(q => q.TownCode))
        {
            var village = areas.Values.Where(a => a.ParentCode == quota.TownCode).OrderBy(a => a.Code).FirstOrDefault();
            if (village is null || AreaPath.Of(village.Code, areas) is not { } path)
            {
                continue;
            }
            var federation = System(programme, Role.TownFederation, quota.TownCode);
            foreach (var kind in ReportSchedule.Kinds(programme).Where(k => k != TownReportKind.YearEnd))
            {
                var due = ReportSchedule.DueOn(kind, programme)!.Value;
                var sentOn = due.AddDays(-3);
                if (sentOn >= today || ReportSchedule.MaySubmit(kind, programme, sentOn) is { Succeeded: false })
                {
                    continue;
                }
                var report = new TownReport(Guid.NewGuid(), programme.Id, path, kind, Earlier(On(sentOn.AddDays(-2), 9), now));
                Check(report.Write($"{ReportSchedule.Label(kind)}，本镇帮扶对象均已结对，帮扶人按月上门开展技术指导和销售对接，镇残联会同村党支部按期回访，"
                    + "帮扶项目总体进展顺利；个别受灾户已协调补种，下一步继续抓好技术培训和产品销售。", null, Earlier(On(sentOn.AddDays(-2), 9), now)));
                Check(report.Submit(await figures(quota.TownCode, kind, sentOn), federation, Earlier(On(sentOn, 16), now)));
                var acceptedOn = sentOn.AddDays(2);
                if (acceptedOn < today)
                {
                    Check(report.Accept(district, Earlier(On(acceptedOn, 10), now)));
                }
                reports.Add(report);
            }
        }
        return reports;
    }

    internal static readonly string[] LogTexts =
    [
        "上门指导果树修剪和施肥", "联系合作社收购产品", "讲解养殖防疫知识", "送去种苗和化肥", "了解家庭生产生活情况", "帮助办理小额信贷手续",
    ];

    /// <summary>A plain scanned-form picture (ruled lines and a red seal) for the demo's receipts and agreements, stored once.</summary>
    public static byte[] ScanPicture()
    {
        using var bitmap = new SKBitmap(600, 848);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var line = new SKPaint { Color = new SKColor(120, 120, 120), StrokeWidth = 2, IsAntialias = true };
            for (var y = 120; y < 760; y += 44)
            {
                canvas.DrawLine(60, y, 540, y, line);
            }
            using var seal = new SKPaint { Color = new SKColor(200, 30, 30), StrokeWidth = 5, IsStroke = true, IsAntialias = true };
            canvas.DrawCircle(430, 700, 60, seal);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 70);
        return data.ToArray();
    }

    private static void Check(Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("演示数据未通过检查：" + string.Join("；", result.Errors.Select(e => e.Message)));
        }
    }
}

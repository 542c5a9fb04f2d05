using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Pairing;

namespace Tongxing.Web.Features.Reports;

/// <summary>
/// Counts a town's figures for a report's period in SQL, a few grouped queries over the town's indexed columns: what
/// has a date is counted at the period's end (or within it), the rest as it stands on the day counted.
/// </summary>
public sealed class ReportFigures(TongxingDb db)
{
    public async Task<TownReportFigures> CountAsync(Programme programme, string town, TownReportKind kind, DateOnly today, CancellationToken ct)
    {
        var (from, to) = ReportSchedule.Period(kind, programme.Year);
        var households = db.Households.AsNoTracking().Where(h => h.ProgrammeId == programme.Id && h.TownCode == town);
        var statuses = await households.GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Stage(params ProgressStage[] stages) => statuses.Where(s => stages.Contains(ProgressStages.Of(s.Key))).Sum(s => s.Count);
        var paired = await households.CountAsync(h => h.PairedOn != null && h.PairedOn <= to, ct);

        var paid = await db.Payments.AsNoTracking().Where(p => p.ProgrammeId == programme.Id && p.TownCode == town && p.State == PaymentState.Paid)
            .GroupBy(p => 1).Select(g => new
            {
                Count = g.Count(p => p.PaidOn <= to),
                Fen = g.Where(p => p.PaidOn <= to).Sum(p => p.Fen),
                Receipted = g.Count(p => p.ReceiptKind != null),
            }).FirstOrDefaultAsync(ct);
        var allocated = await db.FundEntries.AsNoTracking()
            .Where(e => e.ProgrammeId == programme.Id && e.TownCode == town && e.Kind == FundEntryKind.Allocation && e.On <= to).SumAsync(e => e.Fen, ct);

        var live = db.Pairings.AsNoTracking().Where(p => p.ProgrammeId == programme.Id && p.TownCode == town && p.StartedOn <= to && (p.EndedOn == null || p.EndedOn > to));
        var livePairings = await live.CountAsync(ct);
        var agreements = await live.CountAsync(p => p.AgreementSignedOn != null && p.AgreementSignedOn <= to, ct);
        var helpers = await live.Select(p => p.HelperId).Distinct().CountAsync(ct);

        var logs = db.SupportLogs.AsNoTracking().Where(s => s.ProgrammeId == programme.Id && s.TownCode == town && s.On >= from && s.On <= to);
        var logCount = await logs.CountAsync(ct);
        var logMoney = await logs.SumAsync(s => s.MoneyFen ?? 0, ct);
        var visits = await db.Visits.AsNoTracking()
            .CountAsync(v => v.ProgrammeId == programme.Id && v.TownCode == town && v.Kind == VisitKind.ReturnVisit && v.On >= from && v.On <= to, ct);
        var followUp = await FollowUpCounts.ByAreaAsync(households, [FollowUpProgrammes.Of(programme)], AreaLevel.Town, today, ct);

        var threshold = programme.PriorityIncomeThreshold.Fen;
        var outcomes = db.HouseholdOutcomes.AsNoTracking().Where(o => households.Any(h => h.Id == o.HouseholdId));
        var skilled = await outcomes.CountAsync(o => o.Skill1 != null || o.Skill2 != null, ct);
        var above = await outcomes.CountAsync(o => o.IncomeLatestFen != null && o.IncomeLatestFen >= threshold, ct);
        var projects = (await outcomes.GroupBy(o => o.Progress).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);

        var counts = new FigureCounts(programme.QuotaOf(town), Stage([.. ProgressStages.All.Where(s => s != ProgressStage.Withdrawn)]),
            Stage(ProgressStage.ReviewAndNotice, ProgressStage.Approval, ProgressStage.Filed), Stage(ProgressStage.Filed), paid?.Count ?? 0, paired,
            allocated, paid?.Fen ?? 0, paid?.Receipted ?? 0, livePairings, agreements, helpers, logCount, logMoney, visits,
            followUp.GetValueOrDefault(town).Overdue, skilled, projects, above, threshold);
        return TownReportFigures.Of(counts, from, to, today);
    }
}

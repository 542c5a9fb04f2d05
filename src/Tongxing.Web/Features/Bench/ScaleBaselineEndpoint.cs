using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The scale benchmark's yardsticks (issue #17), one per kind of work a list does that the first round had none for:
/// the indexed query the page needs, through the app's connection, rendered as a bare table — no sign-in, programme
/// lookup, area names, masking or layout around it. Each takes the area it reads as <c>level</c> (district, town,
/// village) and <c>code</c>. Mapped only when <c>Bench:Enabled</c> is true.
/// </summary>
public static class ScaleBaselineEndpoint
{
    public static void MapScaleBaselines(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Enabled", false))
        {
            return;
        }
        var bench = app.MapGroup("/bench/baseline-scale").AllowAnonymous();

        // A page of 20 households of an area in the list's order (the town list's yardstick).
        // count=true: with the total, as the list counts it.
        bench.MapGet("/households", async (AreaLevel level, string code, int? page, bool? count, TongxingDb db, CancellationToken ct) =>
        {
            var counted = count == true;
            var households = db.Households.AsNoTracking().Within(new AreaScope(level, code));
            var rows = await households
                .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Skip(((page ?? 1) - 1) * 20).Take(20)
                .Select(h => new { h.HeadName, h.HeadIdNumber, h.VillageCode, h.Status, Total = counted ? households.Count() : 0 }).ToListAsync(ct);
            return Table(rows.Select(r => new object[] { r.HeadName, ResidentId.Mask(r.HeadIdNumber), r.VillageCode, Labels.Of(r.Status) }), counted && rows.Count > 0 ? rows[0].Total : null);
        });

        // The work ledger's: the count, a page of 50 households and the milestone events of those 50.
        bench.MapGet("/ledger", async (AreaLevel level, string code, int? page, TongxingDb db, CancellationToken ct) =>
        {
            var households = db.Households.AsNoTracking().Within(new AreaScope(level, code));
            var total = await households.CountAsync(ct);
            var rows = await households.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Skip(((page ?? 1) - 1) * 50).Take(50)
                .Select(h => new { h.Id, h.HeadName, h.HeadIdNumber, h.VillageCode, h.Status }).ToListAsync(ct);
            var ids = rows.Select(r => r.Id).ToList();
            var events = await db.HouseholdEvents.AsNoTracking().Where(e => ids.Contains(e.HouseholdId)).Select(e => new { e.HouseholdId, e.To, e.At }).ToListAsync(ct);
            var last = events.GroupBy(e => e.HouseholdId).ToDictionary(g => g.Key, g => g.Max(e => e.At));
            // The approval deadline per town (approved, late, all), with the page's payments: the page shows both.
            var paid = await db.Payments.AsNoTracking().Where(p => p.LiveHouseholdId != null && ids.Contains(p.LiveHouseholdId.Value) && p.State == PaymentState.Paid)
                .Select(p => new { p.HouseholdId, p.Fen }).ToListAsync(ct);
            // The district's programme (level District; the generated province has one per district); any instant serves as the cutoff.
            var cutoff = new DateTimeOffset(2020, 4, 30, 16, 0, 0, TimeSpan.Zero);
            var programme = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == code).Select(p => p.Id).FirstOrDefaultAsync(ct);
            var towns = await households.Where(h => h.ProgrammeId == programme && h.Status >= HouseholdStatus.ReviewedByDistrict && h.Status <= HouseholdStatus.Assessed)
                .GroupBy(h => h.TownCode)
                .Select(g => new { g.Key, Done = g.Count(h => h.TownApprovedAt != null), Late = g.Count(h => h.TownApprovedAt != null && h.TownApprovedAt >= cutoff), All = g.Count() })
                .ToListAsync(ct);
            return Table(rows.Select(r => new object[] { r.HeadName, ResidentId.Mask(r.HeadIdNumber), r.VillageCode, Labels.Of(r.Status), last.GetValueOrDefault(r.Id) })
                .Concat(paid.Select(p => new object[] { p.HouseholdId, p.Fen })).Concat(towns.Select(t => new object[] { t.Key, t.Done, t.Late, t.All })), total);
        });

        // The approvals queue's: households per waiting state, and up to 2,000 of one state in the queue's order.
        bench.MapGet("/approvals", async (AreaLevel level, string code, HouseholdStatus status, TongxingDb db, CancellationToken ct) =>
        {
            var households = db.Households.AsNoTracking().Within(new AreaScope(level, code));
            var waiting = await households.Where(h => h.Status == status).GroupBy(h => h.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
            var rows = await households.Where(h => h.Status == status).OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName)
                .Select(h => new { h.HeadName, h.HeadIdNumber, h.VillageCode }).Take(2000).ToListAsync(ct);
            return Table(rows.Select(r => new object[] { r.HeadName, ResidentId.Mask(r.HeadIdNumber), r.VillageCode }), waiting.Sum(w => w.N));
        });

        // The payment batches list's: the area's batches with their payments counted and summed.
        bench.MapGet("/batches", async (AreaLevel level, string code, TongxingDb db, CancellationToken ct) =>
        {
            var rows = await db.PaymentBatches.AsNoTracking().Within(new AreaScope(level, code)).OrderBy(b => b.TownCode).ThenByDescending(b => b.Number).Take(500)
                .Select(b => new
                {
                    b.Number,
                    b.TownCode,
                    Count = db.Payments.Count(p => p.BatchId == b.Id && p.State != PaymentState.Reversed),
                    Fen = db.Payments.Where(p => p.BatchId == b.Id && p.State != PaymentState.Reversed).Sum(p => (long?)p.Fen) ?? 0,
                    Paid = db.Payments.Count(p => p.BatchId == b.Id && p.State == PaymentState.Paid),
                    Failed = db.Payments.Count(p => p.BatchId == b.Id && p.State == PaymentState.Failed),
                }).ToListAsync(ct);
            return Table(rows.Select(r => new object[] { r.Number, r.TownCode, r.Count, new Money(r.Fen).ToYuanString(), r.Paid, r.Failed }));
        });

        // The funds progress's: the district's programme (the generated province has one per district), its filed households
        // per town, and its payments per town and state with their receipts counted.
        bench.MapGet("/progress", async (string district, TongxingDb db, CancellationToken ct) =>
        {
            var scope = new AreaScope(AreaLevel.District, district);
            var programme = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == district).Select(p => p.Id).FirstAsync(ct);
            var filed = await db.Households.AsNoTracking().Within(scope)
                .Where(h => h.ProgrammeId == programme && h.Status >= HouseholdStatus.Filed && h.Status <= HouseholdStatus.Assessed)
                .GroupBy(h => h.TownCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
            var paid = await db.Payments.AsNoTracking().Within(scope).Where(p => p.ProgrammeId == programme && p.LiveHouseholdId != null)
                .GroupBy(p => new { p.TownCode, p.State }).Select(g => new { g.Key.TownCode, g.Key.State, N = g.Count(), R = g.Count(p => p.ReceiptKind != null) }).ToListAsync(ct);
            return Table(filed.Select(f => new object[] { f.Key, f.N }).Concat(paid.Select(p => new object[] { p.TownCode, Labels.Of(p.State), p.N, p.R })));
        });

        // The report completeness's: the area's town reports of the district's current programme (read as the page reads
        // it) counted per town and kind.
        bench.MapGet("/completeness", async (AreaLevel level, string code, string district, TongxingDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var programme = await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, Shared.Clock.Today(clock), ct);
            var rows = await db.TownReports.AsNoTracking().Within(new AreaScope(level, code)).Where(r => r.ProgrammeId == programme!.Id)
                .GroupBy(r => new { r.TownCode, r.Kind })
                .Select(g => new { g.Key.TownCode, g.Key.Kind, N = g.Count() }).ToListAsync(ct);
            return Table(rows.Select(r => new object[] { r.TownCode, r.Kind, r.N }));
        });

        // The reconciliation's: the same sums and counts the page reads (FundBalances: the ledger summed per town, kind and
        // source, and the six grouped counts of its checks) for the district's programme, without sign-in, names or flags.
        bench.MapGet("/reconciliation", async (string district, TongxingDb db, CancellationToken ct) =>
        {
            var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.DistrictCode == district, ct);
            var figures = await new Funds.FundBalances(db).FiguresAsync(programme, new AreaScope(AreaLevel.District, district), [], ct);
            return Table(figures.Towns.Select(t => new object[] { t.TownCode, t.Source, t.Allocated.ToYuanString(), t.Paid.ToYuanString(), t.Failed.ToYuanString() })
                .Concat(figures.Counts.Select(c => new object[] { c.TownCode, c.Filed, c.Unpaid, c.PaidWithoutReceipt })));
        });

        // The return-visit lists': the district's paired households, due this week and overdue per town (one grouped count),
        // with the count and the first 30 of those due this week (or overdue) by one indexed range on VisitsFrom (the default
        // schedule), and their current helpers.
        bench.MapGet("/visits-due", async (AreaLevel level, string code, string? state, TongxingDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var schedule = new VisitSchedule(90, 15);
            var today = Shared.Clock.Today(clock);
            var (week, overdue) = (schedule.DueThisWeekIfFromOnOrBefore(today), schedule.OverdueIfFromOnOrBefore(today));
            // The district's programme, as the lists read only the current programme's households (level District).
            var programme = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == code).Select(p => p.Id).FirstOrDefaultAsync(ct);
            var paired = db.Households.AsNoTracking().Within(new AreaScope(level, code)).Where(h => h.ProgrammeId == programme && h.VisitsFrom != null);
            var towns = await paired.GroupBy(h => h.TownCode)
                .Select(g => new { g.Key, Paired = g.Count(), Due = g.Count(h => h.VisitsFrom <= week && h.VisitsFrom > overdue), Overdue = g.Count(h => h.VisitsFrom <= overdue) })
                .ToListAsync(ct);
            var listed = state == "overdue" ? paired.Where(h => h.VisitsFrom <= overdue) : paired.Where(h => h.VisitsFrom <= week && h.VisitsFrom > overdue);
            // The list's length is the sum of the towns' counts (as the app takes it).
            var total = state == "overdue" ? towns.Sum(t => t.Overdue) : towns.Sum(t => t.Due);
            var rows = await listed.OrderBy(h => h.VisitsFrom).ThenBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Take(30)
                .Select(h => new { h.Id, h.HeadName, h.VillageCode, h.VisitsFrom }).ToListAsync(ct);
            // The helpers the lists name on each row, read as they read them.
            var helpers = await Pairing.CurrentHelpers.NamesAsync(db, rows.Select(r => r.Id).ToList(), ct);
            return Table(rows.Select(r => new object[] { r.HeadName, r.VillageCode, r.VisitsFrom!, string.Join("、", helpers.GetValueOrDefault(r.Id) ?? []) })
                .Concat(towns.Select(t => new object[] { t.Key, t.Paired, t.Due, t.Overdue })), total);
        });

        // 我的待办's: the same counts the page makes for an office of this role and area (WaitingWork.CountAsync), under the
        // district's programme read as the page reads it, without sign-in, deadlines, wording or links.
        // With progress=true, also what the home page shows beside them (CurrentProgramme): the households registered per
        // town and status, from the kept counts, as the page reads them.
        bench.MapGet("/next-actions", async (Role role, AreaLevel level, string code, string district, bool? progress, TongxingDb db, Home.WaitingWork work, TimeProvider clock, CancellationToken ct) =>
        {
            var programme = await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, Shared.Clock.Today(clock), ct);
            var scope = new AreaScope(level, code);
            var counts = await work.CountAsync(new Actor("", "", role, scope), programme!, ct);
            var rows = counts.Waiting.Select(w => new object[] { w.Key, w.Value });
            if (progress == true)
            {
                var registered = await DashboardCounts.Within(db, [programme!.Id], scope)
                    .Where(c => c.Measure == DashboardMeasure.Paired || (c.Measure > DashboardMeasure.StatusesAbove && c.Measure < DashboardMeasure.StatusesBelow))
                    .GroupBy(c => new { c.TownCode, c.Measure }).Select(g => new { g.Key.TownCode, g.Key.Measure, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
                rows = rows.Concat(registered.Select(r => new object[] { r.TownCode, r.Measure, r.Count }));
            }
            return Table(rows);
        });
    }

    private static IResult Table(IEnumerable<object[]> rows, int? total = null)
    {
        var html = new StringBuilder("<table>");
        if (total is { } t)
        {
            html.Append("<caption>").Append(t).Append("</caption>");
        }
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(System.Net.WebUtility.HtmlEncode(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture))).Append("</td>");
            }
            html.Append("</tr>");
        }
        return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
    }
}

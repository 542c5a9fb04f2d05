using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Dashboard;

/// <summary>
/// The dashboard benchmark's yardstick: one grouped count of households per unit and state (a district's per town by
/// the district code, a region's per programme), rendered as a bare table, with no sign-in, programme, quota, money,
/// visits or phases around it. Mapped only when <c>Bench:Enabled</c> is true.
/// </summary>
public static class DashboardBaselineEndpoint
{
    public static void MapDashboardBaseline(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Enabled", false))
        {
            return;
        }
        app.MapGet("/bench/baseline-dashboard", async (string? district, string? region, TongxingDb db, CancellationToken ct) =>
        {
            var households = db.Households.AsNoTracking();
            var rows = district is not null
                ? await households.Where(h => h.DistrictCode == district).GroupBy(h => new { Unit = h.TownCode, h.Status })
                    .Select(g => new { g.Key.Unit, g.Key.Status, Count = g.Count() }).ToListAsync(ct)
                : (await households.Where(h => h.RegionCode == region).GroupBy(h => new { h.ProgrammeId, h.Status })
                    .Select(g => new { g.Key.ProgrammeId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
                    .Select(r => new { Unit = r.ProgrammeId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Status, r.Count }).ToList();
            var html = new StringBuilder("<table>");
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(r.Unit).Append("</td><td>").Append(r.Status).Append("</td><td>").Append(r.Count).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        // The yardstick of the maintained counts (ADR 0032): the same indexed reads the dashboard makes — a district's
        // counts per town and measure by its programme, with its paired households due and overdue a return visit per town
        // (counted when read, the default schedule); a region's districts' totals per measure — as a bare table.
        app.MapGet("/bench/baseline-dashboard-counts", async (string? district, TongxingDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var programmes = await db.Programmes.AsNoTracking().Where(p => district == null || p.DistrictCode == district).Select(p => p.Id).ToListAsync(ct);
            var kept = db.Set<DashboardCount>().AsNoTracking().Where(c => programmes.Contains(c.ProgrammeId));
            var rows = district is not null
                ? await kept.Where(c => c.TownCode != DashboardCountRules.Total && c.VillageCode == DashboardCountRules.Total).GroupBy(c => new { Unit = c.TownCode, c.Measure })
                    .Select(g => new { g.Key.Unit, g.Key.Measure, Count = g.Sum(c => c.Count) }).ToListAsync(ct)
                : await kept.Where(c => c.TownCode == DashboardCountRules.Total).GroupBy(c => new { Unit = c.DistrictCode, c.Measure })
                    .Select(g => new { g.Key.Unit, g.Key.Measure, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
            var html = new StringBuilder("<table>");
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(r.Unit).Append("</td><td>").Append(r.Measure).Append("</td><td>").Append(r.Count).Append("</td></tr>");
            }
            if (district is not null)
            {
                var schedule = new VisitSchedule(90, 15);
                var week = schedule.DueThisWeekIfFromOnOrBefore(Shared.Clock.Today(clock));
                var overdue = schedule.OverdueIfFromOnOrBefore(Shared.Clock.Today(clock));
                var visits = await db.Households.AsNoTracking().Where(h => h.DistrictCode == district && programmes.Contains(h.ProgrammeId) && h.VisitsFrom != null)
                    .GroupBy(h => h.TownCode)
                    .Select(g => new { g.Key, Due = g.Count(h => h.VisitsFrom <= week && h.VisitsFrom > overdue), Overdue = g.Count(h => h.VisitsFrom <= overdue) })
                    .ToListAsync(ct);
                foreach (var v in visits)
                {
                    html.Append("<tr><td>").Append(v.Key).Append("</td><td>").Append(v.Due).Append("</td><td>").Append(v.Overdue).Append("</td></tr>");
                }
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The benchmarks' yardstick (issue #6): one indexed query for the same page of rows the household list shows (optionally searched with the same keys column, or for an ID's last digits with the same members' range), rendered
/// as bare HTML, with no sign-in, scoping, names or masking logic around it. Mapped only when <c>Bench:Enabled</c> is true.
/// </summary>
public static class BaselineEndpoint
{
    public static void MapBaseline(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Bench:Enabled", false))
        {
            return;
        }
        // count=true: the page's rows carry the total as the household list counts it (the list shows 共N户).
        app.MapGet("/bench/baseline", async (string district, int? page, string? q, string? tail, bool? count, TongxingDb db, CancellationToken ct) =>
        {
            var households = db.Households.AsNoTracking().Where(h => h.DistrictCode == district);
            if (!string.IsNullOrEmpty(q))
            {
                households = households.Where(h => h.SearchKeys.Contains(q));
            }
            if (!string.IsNullOrEmpty(tail))
            {
                households = households.Search(db.Members, new SearchTerm(SearchKind.IdTail, tail));
            }
            var counted = count == true;
            var rows = await households
                .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id)
                .Skip(((page ?? 1) - 1) * 20).Take(20)
                .Select(h => new { h.HeadName, h.HeadIdNumber, h.VillageCode, h.Status, Total = counted ? households.Count() : 0 }).ToListAsync(ct);
            var html = new StringBuilder("<table>");
            if (counted && rows.Count > 0)
            {
                html.Append("<caption>").Append(rows[0].Total).Append("</caption>");
            }
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(System.Net.WebUtility.HtmlEncode(r.HeadName)).Append("</td><td>").Append(ResidentId.Mask(r.HeadIdNumber))
                    .Append("</td><td>").Append(r.VillageCode).Append("</td><td>").Append(Labels.Of(r.Status)).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        // The reconciliation's yardstick: one indexed SUM … GROUP BY over the district's ledger lines, as a bare table.
        app.MapGet("/bench/baseline-funds", async (string district, TongxingDb db, CancellationToken ct) =>
        {
            var sums = await db.FundEntries.AsNoTracking().Where(e => e.DistrictCode == district)
                .GroupBy(e => new { e.TownCode, e.Kind, e.Source }).Select(g => new { g.Key.TownCode, g.Key.Kind, g.Key.Source, Fen = g.Sum(e => e.Fen) })
                .ToListAsync(ct);
            var html = new StringBuilder("<table>");
            foreach (var r in sums)
            {
                html.Append("<tr><td>").Append(r.TownCode).Append("</td><td>").Append(Labels.Of(r.Kind)).Append("</td><td>").Append(Programme.SourceLabel(r.Source))
                    .Append("</td><td>").Append(new Money(r.Fen).ToYuanString()).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
        // The return-visit lists' yardstick: for a district, the count and the first page of its overdue households by one
        // indexed range on VisitsFrom; for a region, the grouped counts per city. The default schedule (90 ± 15 days), no
        // programme, names, helpers or scoping around it.
        app.MapGet("/bench/baseline-visits", async (string? district, string? region, TongxingDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var schedule = new VisitSchedule(90, 15);
            var today = Shared.Clock.Today(clock);
            var overdue = schedule.OverdueIfFromOnOrBefore(today);
            var week = schedule.DueThisWeekIfFromOnOrBefore(today);
            var html = new StringBuilder("<table>");
            if (region is not null)
            {
                var counts = await db.Households.AsNoTracking().Where(h => h.RegionCode == region && h.VisitsFrom != null).GroupBy(h => h.CityCode)
                    .Select(g => new { g.Key, Paired = g.Count(), Due = g.Count(h => h.VisitsFrom <= week && h.VisitsFrom > overdue), Overdue = g.Count(h => h.VisitsFrom <= overdue) })
                    .ToListAsync(ct);
                foreach (var c in counts)
                {
                    html.Append("<tr><td>").Append(c.Key).Append("</td><td>").Append(c.Paired).Append("</td><td>").Append(c.Due).Append("</td><td>").Append(c.Overdue).Append("</td></tr>");
                }
                return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
            }
            var late = db.Households.AsNoTracking().Where(h => h.DistrictCode == district && h.VisitsFrom <= overdue);
            var total = await late.CountAsync(ct);
            var rows = await late.OrderBy(h => h.VisitsFrom).ThenBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Take(30)
                .Select(h => new { h.HeadName, h.VillageCode, h.VisitsFrom }).ToListAsync(ct);
            html.Append("<caption>").Append(total).Append("</caption>");
            foreach (var r in rows)
            {
                html.Append("<tr><td>").Append(System.Net.WebUtility.HtmlEncode(r.HeadName)).Append("</td><td>").Append(r.VillageCode).Append("</td><td>")
                    .Append(schedule.DaysOverdue(r.VisitsFrom!.Value, today)).Append("</td></tr>");
            }
            return Results.Content(html.Append("</table>").ToString(), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Towns for the inspection tests, placed through the model: a new town of the demo district with its villages and its
/// quota (each test takes its own town, so one inspection per town and programme never meets another test's), and the
/// year's records that make every checklist line met — households noticed with photos, filed, paid with receipts and
/// allocations that reconcile, paired with signed agreements and visited, and the reports submitted on time.
/// </summary>
public static class InspectionSetup
{
    private static int _town = 150;

    /// <summary>A new town with <paramref name="villages"/> villages and a quota of <paramref name="quota"/>; returns its code and its villages' codes.</summary>
    public static async Task<(string Town, string[] Villages)> NewTownAsync(TestApp app, int villages, int quota)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var n = Interlocked.Increment(ref _town);
        var town = $"450204{n:000}000";
        db.Areas.Add(new Area(town, $"检查{n}镇", AreaLevel.Town, DemoData.LiunanDistrict));
        var codes = Enumerable.Range(1, villages).Select(v => $"450204{n:000}{200 + v:000}").ToArray();
        for (var v = 0; v < codes.Length; v++)
        {
            db.Areas.Add(new Area(codes[v], $"检查{n}镇{v + 1}村", AreaLevel.Village, town));
        }
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
        programme.SetTownQuota(town, quota);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AreaDirectory>().Changed();
        return (town, codes);
    }

    /// <summary>One household per village with every record the checklist asks for; <paramref name="today"/> is the inspection's day. Returns the households.</summary>
    public static async Task<Guid[]> CompleteAsync(TestApp app, string town, string[] villages, DateOnly today)
    {
        var households = new List<Guid>();
        foreach (var v in villages)
        {
            households.AddRange(await FiledHouseholds.AddAsync(app, 1, v));
        }
        await NoticedAsync(app, households, photos: true);
        var payments = await FiledHouseholds.PayAsync(app, households, new DateOnly(2020, 5, 1));
        foreach (var p in payments)
        {
            await FundMovements.ReceiptAsync(app, p);
        }
        await AllocatePaidAsync(app, town);
        foreach (var (h, v) in households.Zip(villages))
        {
            var helper = await Pairings.AddHelperAsync(app, v);
            var pairing = await Pairings.PairAsync(app, h, helper, today.AddDays(-50));
            await FollowUps.SignAsync(app, pairing, today.AddDays(-49));
            await Pairings.ReturnVisitAsync(app, h, today.AddDays(-5));
        }
        await ReportsOnTimeAsync(app, town, today);
        return [.. households];
    }

    /// <summary>Puts the households through a notice of their village (with a photo of the posting, or without).</summary>
    public static async Task NoticedAsync(TestApp app, IReadOnlyList<Guid> households, bool photos)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var list = await db.Households.Where(h => households.Contains(h.Id)).ToListAsync();
        var at = app.Clock.GetUtcNow();
        foreach (var village in list.GroupBy(h => h.VillageCode))
        {
            var area = village.First().Area;
            var notice = new Notice(Guid.NewGuid(), village.First().ProgrammeId, area, "帮扶对象公示", "村党支部", new DateOnly(2020, 4, 20), new DateOnly(2020, 4, 27),
                Guid.NewGuid().ToString("N"), "seed", "测试数据", at, new DateOnly(2020, 4, 20));
            if (photos)
            {
                Assert.True(notice.AddPhoto(new NoticePhoto(Guid.NewGuid(), notice.Id, "notice-" + Guid.NewGuid().ToString("N") + ".jpg", "image/jpeg", 100, "张贴.jpg", at, "seed")).Succeeded);
            }
            db.Notices.Add(notice);
            var who = new Actor("seed", "测试数据", Role.VillageBranch, new AreaScope(AreaLevel.Village, village.Key));
            foreach (var h in village)
            {
                var status = h.Status;
                h.ForceStatusForLoadTest(HouseholdStatus.ReviewedByDistrict);
                Assert.True(h.PutOnNotice(who, notice.Id, at).Succeeded);
                h.ForceStatusForLoadTest(status);
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>下拨 to the town exactly what was paid there, per source, so its books reconcile.</summary>
    public static async Task AllocatePaidAsync(TestApp app, string town)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var paid = await db.Payments.Where(p => p.TownCode == town && p.State == PaymentState.Paid)
            .GroupBy(p => p.ProgrammeId).Select(g => new { Programme = g.Key, Region = g.Sum(p => p.RegionFen), City = g.Sum(p => p.CityFen), District = g.Sum(p => p.DistrictFen) })
            .SingleAsync();
        var who = new Actor("qu", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
        foreach (var (source, fen) in new[] { (FundSource.Region, paid.Region), (FundSource.City, paid.City), (FundSource.District, paid.District) })
        {
            db.FundEntries.Add(FundEntry.Allocation(paid.Programme, DemoData.LiunanDistrict, town, source, new Money(fen), new DateOnly(2020, 4, 29), "残联〔2020〕2号", null, who,
                app.Clock.GetUtcNow()));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Every report expected of the town by <paramref name="today"/>, submitted the day before it was due.</summary>
    public static async Task ReportsOnTimeAsync(TestApp app, string town, DateOnly today)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
        var path = new AreaPath(DemoData.Guangxi, DemoData.Liuzhou, DemoData.LiunanDistrict, town, "");
        var who = new Actor("seed", "镇残联", Role.TownFederation, new AreaScope(AreaLevel.Town, town));
        foreach (var kind in ReportSchedule.ExpectedBy(programme, today))
        {
            var due = ReportSchedule.DueOn(kind, programme)!.Value.AddDays(-1);
            var at = new DateTimeOffset(due.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
            var report = new TownReport(Guid.NewGuid(), programme.Id, path, kind, at);
            Assert.True(report.Write("本季度工作进展顺利。", kind == TownReportKind.YearEnd ? "建立帮扶回访制度" : null, at).Succeeded);
            Assert.True(report.Submit(JsonSerializer.Serialize(new { households = 1 }), who, at).Succeeded);
            db.TownReports.Add(report);
        }
        await db.SaveChangesAsync();
    }
}

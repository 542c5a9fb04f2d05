using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Helpers and pairings placed through the model, for the tests of what reads them (support logs, visits, 附件4, the
/// due lists, the phone). The pairing use cases have tests of their own.
/// </summary>
public static class Pairings
{
    private static int _n;

    private static Actor Town(string townCode) => new("seed", "测试数据", Role.TownCommittee, new AreaScope(AreaLevel.Town, townCode));

    /// <summary>Registers a helper in the village; with <paramref name="userName"/>, linked to that existing account (e.g. the demo's bangfuren), or that account's helper if it has one.</summary>
    public static async Task<Guid> AddHelperAsync(TestApp app, string village = DemoData.LuomanVillage, string? name = null, string? userName = null,
        HelperKind kind = HelperKind.Technician)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        // An account has one helper record: a test of the same app that linked it before gets that one.
        if (userName is not null
            && await db.Helpers.Where(h => db.Users.Any(u => u.UserName == userName && u.Id == h.UserId)).Select(h => (Guid?)h.Id).FirstOrDefaultAsync() is { } linked)
        {
            return linked;
        }
        var areas = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Code);
        var path = AreaPath.Of(village, areas)!;
        var n = Interlocked.Increment(ref _n);
        var helper = Helper.Register(new HelperDetails(name ?? $"帮扶人{n}", Gender.Male, "1390772" + (n % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
            areas[village].Name + "党支部", "种养专业合作社", "技术员", kind, "沃柑种植"), path, Town(path.TownCode), app.Clock.GetUtcNow());
        if (userName is not null)
        {
            helper.LinkAccount(await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync());
        }
        db.Helpers.Add(helper);
        await db.SaveChangesAsync();
        return helper.Id;
    }

    /// <summary>Pairs the household with the helper on <paramref name="on"/> (today by default); returns the pairing's id.</summary>
    public static async Task<Guid> PairAsync(TestApp app, Guid household, Guid helper, DateOnly? on = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var h = await db.Households.FirstAsync(x => x.Id == household);
        var helperRow = await db.Helpers.FirstAsync(x => x.Id == helper);
        var programme = await db.Programmes.FirstAsync(p => p.Id == h.ProgrammeId);
        var at = app.Clock.GetUtcNow();
        var (pairing, result) = Pairing.Start(h, helperRow, programme, on ?? DateOnly.FromDateTime(at.UtcDateTime.AddHours(8)), Town(h.TownCode), at);
        Assert.True(result.Succeeded, string.Join("；", result.Errors.Select(e => e.Message)));
        db.Pairings.Add(pairing!);
        await db.SaveChangesAsync();
        return pairing!.Id;
    }

    /// <summary>Filed, paid households of the village, each paired with the one helper; returns the households' ids.</summary>
    public static async Task<Guid[]> PairedHouseholdsAsync(TestApp app, int count, Guid helper, string village = DemoData.LuomanVillage, DateOnly? on = null, (int Min, int Max)? sizes = null)
    {
        var households = await FiledHouseholds.AddAsync(app, count, village, sizes: sizes);
        await FiledHouseholds.PayAsync(app, households);
        foreach (var h in households)
        {
            await PairAsync(app, h, helper, on);
        }
        return households;
    }

    /// <summary>Records a return visit through the model (as the town's federation), moving the household's schedule on.</summary>
    public static async Task<Guid> ReturnVisitAsync(TestApp app, Guid household, DateOnly on)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var h = await db.Households.FirstAsync(x => x.Id == household);
        var who = new Actor("seed", "测试数据", Role.TownFederation, new AreaScope(AreaLevel.Town, h.TownCode));
        var visit = Visit.Create(Guid.NewGuid(), h, VisitKind.ReturnVisit, on, "镇残联 测试", "项目正常", HelperRating.Good, null, null, null, null, who, app.Clock.GetUtcNow());
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        return visit.Id;
    }
}

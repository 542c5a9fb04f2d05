using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Support logs, ended pairings and villages for the follow-up lists' tests, placed through the model.</summary>
public static class VisitSetup
{
    /// <summary>
    /// Sets the test clock to 10:00 China time on the day (back as well as forward: each test starts on its own day). The
    /// app is started first, so that its demo data is seeded on the fixture's first day, not on a day of the pairing phase.
    /// </summary>
    public static void Today(TestApp app, DateOnly day)
    {
        _ = app.Services;
        app.Clock.AdjustTime(new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));
    }

    /// <summary>The villages of a town in code order (each test takes its own, so counts per village are its own).</summary>
    public static async Task<List<string>> VillagesAsync(TestApp app, string town)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Areas.Where(a => a.ParentCode == town).OrderBy(a => a.Code).Select(a => a.Code).ToListAsync();
    }

    public static async Task LogAsync(TestApp app, Guid household, Guid helper, DateOnly on)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var h = await db.Households.FirstAsync(x => x.Id == household);
        var who = new Actor("seed", "测试数据", Role.VillageBranch, new AreaScope(AreaLevel.Village, h.VillageCode));
        db.SupportLogs.Add(SupportLog.Create(Guid.NewGuid(), h, helper, on, SupportKind.Skills, "指导沃柑修剪", null, null, null, null, who, app.Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    public static async Task EndAsync(TestApp app, Guid pairing, DateOnly on)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var p = await db.Pairings.FirstAsync(x => x.Id == pairing);
        var h = await db.Households.FirstAsync(x => x.Id == p.HouseholdId);
        var helper = await db.Helpers.FirstAsync(x => x.Id == p.HelperId);
        var who = new Actor("seed", "测试数据", Role.TownCommittee, new AreaScope(AreaLevel.Town, h.TownCode));
        Assert.True(p.End(h, helper, "帮扶人外出务工", on, null, who, app.Clock.GetUtcNow()).Succeeded);
        await db.SaveChangesAsync();
    }
}

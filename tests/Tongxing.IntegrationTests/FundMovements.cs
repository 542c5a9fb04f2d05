using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Money movements written through the model the way the funds use cases write them (arrival, allocation, receipt),
/// for the tests of what reads them (reconciliation). The use cases have tests of their own.
/// </summary>
public static class FundMovements
{
    private static async Task With(TestApp app, Func<TongxingDb, Task> work)
    {
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        await work(db);
        await db.SaveChangesAsync();
    }

    private static async Task<int> ProgrammeOf(TongxingDb db, string district) => await db.Programmes.Where(p => p.DistrictCode == district).Select(p => p.Id).FirstAsync();

    /// <summary>到账 of one source at the district, recorded by finance.</summary>
    public static Task ArriveAsync(TestApp app, string district, FundSource source, long yuan) => With(app, async db =>
        db.FundEntries.Add(FundEntry.Arrival(await ProgrammeOf(db, district), district, source, Money.FromYuan(yuan), new DateOnly(2020, 4, 28), "柳财社〔2020〕1号",
            "市财政局", null, new Actor("cz", "财政", Role.Finance, new AreaScope(AreaLevel.District, district)), app.Clock.GetUtcNow())));

    /// <summary>下拨 to a town, per source (region, city, district), by the district federation.</summary>
    public static Task AllocateAsync(TestApp app, string district, string town, long region, long city, long districtShare) => With(app, async db =>
    {
        var programme = await ProgrammeOf(db, district);
        var who = new Actor("qu", "区残联", Role.DistrictFederation, new AreaScope(AreaLevel.District, district));
        foreach (var (source, yuan) in new[] { (FundSource.Region, region), (FundSource.City, city), (FundSource.District, districtShare) })
        {
            db.FundEntries.Add(FundEntry.Allocation(programme, district, town, source, Money.FromYuan(yuan), new DateOnly(2020, 4, 29), "残联〔2020〕2号", null, who,
                app.Clock.GetUtcNow()));
        }
    });

    /// <summary>签收 of a paid payment, signed by a proxy and recorded by the town.</summary>
    public static Task ReceiptAsync(TestApp app, Guid payment) => With(app, async db =>
    {
        var p = await db.Payments.SingleAsync(x => x.Id == payment);
        var who = new Actor("town", "镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, p.TownCode));
        Assert.True(p.RecordReceipt(ReceiptKind.Proxy, new DateOnly(2020, 5, 3), null, "韦某", "儿子", "本人不能书写", who, app.Clock.GetUtcNow()).Succeeded);
    });
}

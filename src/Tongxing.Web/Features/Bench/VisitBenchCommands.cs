using System.CommandLine;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The return-visit benchmark's data (issue #15): every household of the generated province paired, its visit schedule
/// counting from a day spread over the last 120 days (<c>pair</c>); then, for the district-sized case, every one of
/// them moved into bench.district's district, spread over its villages (<c>concentrate</c>). Bulk updates of the
/// columns the lists read, as the generator places states directly; never on real data (code 46 only).
/// </summary>
public static class VisitBenchCommands
{
    public const int SpreadDays = 120;
    private const int Chunk = 500;

    public static IEnumerable<Command> Create(Func<Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> inApp)
    {
        var step = new Argument<string>("步骤") { Description = "pair：把生成的全部对象设为已结对；concentrate：把它们全部移到 bench.district 所在的区" };
        step.AcceptOnlyFromAmong("pair", "concentrate");
        var command = new Command("bench-visits", "性能测试：回访提醒的数据准备（先运行 generate）") { step };
        command.SetAction((p, ct) => inApp(s => Run(s, p.GetRequiredValue(step)), ct));
        return [command];
    }

    private static async Task<int> Run(IServiceProvider services, string step)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var today = services.GetRequiredService<TimeProvider>().Today();
        var watch = Stopwatch.StartNew();
        var ids = await db.Households.Where(h => h.RegionCode == "460000000000").OrderBy(h => h.Id).Select(h => h.Id).ToListAsync();
        if (ids.Count == 0)
        {
            throw new InvalidOperationException("run `generate` first");
        }
        if (step == "pair")
        {
            for (var i = 0; i * Chunk < ids.Count; i++)
            {
                var chunk = ids.Skip(i * Chunk).Take(Chunk).ToList();
                DateOnly? from = today.AddDays(-(i * 7 % SpreadDays));
                await db.Households.Where(h => chunk.Contains(h.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.Status, HouseholdStatus.Paired).SetProperty(h => h.HelperCount, 1)
                    .SetProperty(h => h.PairedOn, from).SetProperty(h => h.VisitsFrom, from));
            }
        }
        else
        {
            var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("bench.district")
                ?? throw new InvalidOperationException("run `generate` first (it creates bench.district)");
            var district = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == user.AreaCode);
            var towns = await db.Areas.AsNoTracking().Where(a => a.ParentCode == district.Code).Select(a => a.Code).ToListAsync();
            var villages = await db.Areas.AsNoTracking().Where(a => a.ParentCode != null && towns.Contains(a.ParentCode)).OrderBy(a => a.Code).ToListAsync();
            var programme = await db.Programmes.Where(p => p.DistrictCode == district.Code).Select(p => p.Id).SingleAsync();
            for (var i = 0; i * Chunk < ids.Count; i++)
            {
                var chunk = ids.Skip(i * Chunk).Take(Chunk).ToList();
                var village = villages[i % villages.Count];
                await db.Households.Where(h => chunk.Contains(h.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.ProgrammeId, programme).SetProperty(h => h.CityCode, district.ParentCode!).SetProperty(h => h.DistrictCode, district.Code)
                    .SetProperty(h => h.TownCode, village.ParentCode!).SetProperty(h => h.VillageCode, village.Code));
            }
        }
        // ExecuteUpdate bypasses the change tracker, so the dashboard's maintained counts are rebuilt from the records.
        await DashboardCounts.RecountAsync(db, null, CancellationToken.None);
        Console.WriteLine(FormattableString.Invariant($"RESULT step={step} households={ids.Count} seconds={watch.Elapsed.TotalSeconds:0.0}"));
        return 0;
    }
}

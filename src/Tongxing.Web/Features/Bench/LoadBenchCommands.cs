using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The accounts of the mixed-load benchmark (bench/mixed.sh): simulated officials of a generated province, spread over
/// the offices that do the daily work and over many areas that hold households, so that their saves do not all meet on
/// one village. Written as lines <c>user role area</c> for the load generator.
/// </summary>
public static class LoadBenchCommands
{
    /// <summary>The mix of offices: half village branches, a quarter town committees, the rest district and town offices.</summary>
    private static readonly (Role Role, int Share)[] Mix =
    [
        (Role.VillageBranch, 50), (Role.TownCommittee, 25), (Role.DistrictFederation, 12), (Role.TownFederation, 8), (Role.DistrictOrganization, 5),
    ];

    public static IEnumerable<Command> Create(Func<Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> inApp)
    {
        var count = new Argument<int>("人数") { Description = "模拟工作人员的人数", CustomParser = AppCommandLine.Count };
        var file = new Argument<string>("文件") { Description = "写入账号清单（每行：用户名 职务 区划代码）" };
        var command = new Command("bench-officials", "性能测试：为生成的模拟省份建立一批各级工作人员账号（先运行 generate）") { count, file };
        command.SetAction((p, ct) => inApp(s => Officials(s, p.GetValue(count), p.GetRequiredValue(file)), ct));

        var waiting = new Argument<int>("户数") { Description = "等待镇党委审批的户数", CustomParser = AppCommandLine.Count };
        var approvals = new Command("bench-waiting", "性能测试：在 bench.town 的各村生成一批村党组织已审批、等待镇党委审批的对象（先运行 generate）") { waiting };
        approvals.SetAction((p, ct) => inApp(s => Waiting(s, p.GetValue(waiting)), ct));
        return [command, approvals];
    }

    /// <summary>Households of bench.town waiting for the town committee's approval, for a bulk approval to work on.</summary>
    private static async Task<int> Waiting(IServiceProvider services, int count)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var (_, programme, villages, chain) = await BenchCommands.BenchTown(services);
        var households = Data.Seed.DemoData.Households(programme, villages, chain, count, DateTimeOffset.UtcNow, new Random(29), [], (1, 2)).ToList();
        foreach (var h in households)
        {
            h.ForceStatusForLoadTest(HouseholdStatus.ApprovedByVillage);
        }
        db.Households.AddRange(households);
        db.SkipAuditForBulk("生成待审批的模拟对象", $"{count}");
        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT waiting={count}"));
        return 0;
    }

    private static async Task<int> Officials(IServiceProvider services, int count, string path)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        // Areas that hold filed households (funds, receipts and outcomes need them), in code order.
        var villages = await db.Households.AsNoTracking().Where(h => h.Status == HouseholdStatus.Filed)
            .Select(h => h.VillageCode).Distinct().OrderBy(c => c).ToListAsync();
        if (villages.Count == 0)
        {
            throw new InvalidOperationException("run `generate N --funds` first");
        }
        var towns = villages.Select(v => v[..9] + "000").Distinct().ToList();
        var districts = villages.Select(v => v[..6] + "000000").Distinct().ToList();
        var lines = new List<string>(count);
        var made = 0;
        foreach (var (role, share) in Mix)
        {
            var n = role == Mix[^1].Role ? count - made : (int)Math.Round(count * share / 100.0);
            var pool = role.HomeLevel() switch { AreaLevel.Village => villages, AreaLevel.Town => towns, _ => districts };
            for (var i = 0; i < n; i++)
            {
                // Spread evenly over the pool: officials of different places, as in the province.
                var area = pool[(int)((long)i * pool.Count / Math.Max(n, 1)) % pool.Count];
                var name = $"load.{made + 1:0000}";
                var result = await users.CreateAsync(new AppUser
                {
                    UserName = name,
                    DisplayName = name,
                    Role = role,
                    AreaCode = area,
                    AreaLevel = role.HomeLevel(),
                    LockoutEnabled = true,
                }, Data.Seed.DemoData.DemoPassword);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                }
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {role} {area}"));
                made++;
            }
        }
        await File.WriteAllLinesAsync(path, lines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT officials={made} villages={villages.Count} towns={towns.Count} districts={districts.Count}"));
        return 0;
    }
}

using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The scale benchmark's extra logins (issue #17), beside the generator's bench.region, bench.district and bench.town:
/// bench.finance (财政) of bench.district's district, and bench.village (村党支部) of
/// bench.town's first village, so that every office's lists can be measured. Never on real data (code 46 only).
/// </summary>
public static class ScaleBenchCommands
{
    public static IEnumerable<Command> Create(Func<Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> inApp)
    {
        var command = new Command("bench-scale-accounts", "性能测试：为 bench.district 所在区增加财政和村党支部的登录（先运行 generate）");
        command.SetAction((_, ct) => inApp(Run, ct));
        return [command];
    }

    private static async Task<int> Run(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<TongxingDb>();
        var district = (await users.FindByNameAsync("bench.district"))?.AreaCode ?? throw new InvalidOperationException("run `generate` first (it creates bench.district)");
        var town = (await users.FindByNameAsync("bench.town"))!.AreaCode;
        var village = await db.Areas.AsNoTracking().Where(a => a.ParentCode == town).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
        foreach (var (name, role, area, level) in new[]
        {
            ("bench.finance", Role.Finance, district, AreaLevel.District),
            ("bench.village", Role.VillageBranch, village, AreaLevel.Village),
        })
        {
            if (await users.FindByNameAsync(name) is null)
            {
                var made = await users.CreateAsync(new AppUser { UserName = name, DisplayName = name, Role = role, AreaCode = area, AreaLevel = level, LockoutEnabled = true }, DemoData.DemoPassword);
                if (!made.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", made.Errors.Select(e => e.Description)));
                }
            }
        }
        Console.WriteLine($"RESULT accounts district={district} town={town} village={village}");
        return 0;
    }
}

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>
/// On start, before the server takes requests: applies the migrations of the configured provider and seeds
/// the demo's areas, programme, logins and households (when <c>Seed:Demo</c> is true; a real district imports its areas).
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, IHostApplicationLifetime lifetime,
    IServer server, TimeProvider clock, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        await db.Database.MigrateAsync(cancellationToken);
        await new CalendarStore(db).SeedAsync(clock.GetUtcNow(), cancellationToken);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var logins = await DemoData.EnsureAsync(db, users, config.GetValue("Seed:Demo", true), clock, cancellationToken);
        log.LogInformation("Database ready on {Provider}", db.Database.ProviderName);
        if (logins.Count > 0 && config.GetValue("Seed:PrintLogins", true))
        {
            lifetime.ApplicationStarted.Register(() => PrintBanner(logins));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void PrintBanner(IReadOnlyList<DemoLogin> logins)
    {
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"同行 Tongxing 已启动：{string.Join(" ", addresses)}");
        Console.WriteLine($"演示账号（用户名 岗位，密码均为 {DemoData.DemoPassword}）：");
        var twoFactor = config.GetSection("Security:RequireTwoFactorRoles").Get<string[]>() ?? [];
        foreach (var l in logins)
        {
            var note = twoFactor.Contains(l.Role.ToString()) ? "　首次登录需用手机验证器启用两步验证" : "";
            Console.WriteLine($"  {l.UserName,-16} {l.Role.Label()}（{l.AreaName}）{note}");
        }
        Console.WriteLine();
    }
}

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
    IServer server, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (logins, provider) = await PrepareAsync(services, config.GetValue("Seed:Demo", true), cancellationToken);
        log.LogInformation("Database ready on {Provider}", provider);
        if (logins.Count > 0 && config.GetValue("Seed:PrintLogins", true))
        {
            lifetime.ApplicationStarted.Register(() => PrintBanner(logins));
        }
    }

    /// <summary>
    /// Migrates and seeds what every instance needs (areas, holidays) and, with <paramref name="demo"/>, the demo; run on
    /// start and by the commands that may run before the server ever started (create-admin).
    /// </summary>
    public static async Task<(IReadOnlyList<DemoLogin> Logins, string? Provider)> PrepareAsync(IServiceProvider services, bool demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        await DatabaseSetup.MigrateAsync(db, ct);
        await new CalendarStore(db).SeedAsync(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var logins = await DemoData.EnsureAsync(db, users, demo, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct,
            scope.ServiceProvider.GetService<FileStore>());
        return (logins, db.Database.ProviderName);
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

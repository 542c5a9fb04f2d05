using Microsoft.EntityFrameworkCore;
using Tongxing.Web;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

string[] commands = ["verify-audit", "backup", "restore", "generate", .. Tongxing.Web.Features.Bench.BenchCommands.Names];
var command = args.FirstOrDefault(commands.Contains);
var rest = args.ToList();
string? folderArgument = null;
if (command is not null)
{
    var at = rest.IndexOf(command);
    if (command.StartsWith("bench-", StringComparison.Ordinal))
    {
        // bench-… <arguments>: everything after the command is the command's (see Features/Bench/BenchCommands.cs).
        var benchApp = TongxingApp.Build(rest.Take(at).ToArray());
        await using (var migrate = benchApp.Services.CreateAsyncScope())
        {
            await migrate.ServiceProvider.GetRequiredService<TongxingDb>().Database.MigrateAsync();
        }
        return await Tongxing.Web.Features.Bench.BenchCommands.RunAsync(benchApp, command, rest.Skip(at + 1).ToList());
    }
    if (command != "verify-audit" && at + 1 < rest.Count)
    {
        folderArgument = rest[at + 1];
        rest.RemoveAt(at + 1);
    }
    rest.RemoveAt(at);
}
var app = TongxingApp.Build(rest.ToArray());
if (command is "backup" or "restore")
{
    // dotnet run --project src/Tongxing.Web -- backup /path/to/folder   (restore: into an empty instance)
    var folder = Path.GetFullPath(folderArgument ?? throw new ArgumentException("usage: backup|restore <folder>"));
    await using var scope = app.Services.CreateAsyncScope();
    var backup = scope.ServiceProvider.GetRequiredService<Backup>();
    if (command == "backup")
    {
        await backup.CreateAsync(folder, CancellationToken.None);
        Console.WriteLine($"已备份到 {folder}（数据库及上传文件）。");
    }
    else
    {
        await backup.RestoreAsync(folder, CancellationToken.None);
        Console.WriteLine($"已从 {folder} 恢复（数据库及上传文件）。请运行 verify-audit 校验审计日志。");
    }
    return 0;
}
if (command == "generate")
{
    // dotnet run --project src/Tongxing.Web -- generate [households] : a province-sized synthetic programme (seed 1).
    var households = int.TryParse(folderArgument, out var n) ? n : ProvinceGenerator.Province.Households;
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
    await db.Database.MigrateAsync();
    var size = ProvinceGenerator.Province with { Households = households };
    var started = System.Diagnostics.Stopwatch.StartNew();
    var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
    var written = await new ProvinceGenerator(db, TimeProvider.System, users).GenerateAsync(size, 1, Console.WriteLine, CancellationToken.None);
    Console.WriteLine($"已生成 {written} 户，用时 {started.Elapsed.TotalSeconds:0.0} 秒。");
    return 0;
}
if (command == "verify-audit")
{
    // dotnet run --project src/Tongxing.Web -- verify-audit : checks the audit chain and exits 0 (intact) or 1 (broken).
    await using var scope = app.Services.CreateAsyncScope();
    var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    Console.WriteLine(verdict.Intact
        ? $"审计日志完整：共{verdict.Checked}条，哈希链校验通过。"
        : $"审计日志被篡改：第{verdict.BrokenSeq}条起链条断裂——{verdict.Reason}（已校验{verdict.Checked}条）。");
    return verdict.Intact ? 0 : 1;
}
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;

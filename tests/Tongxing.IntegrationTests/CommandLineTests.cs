using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>The app's command line (<see cref="AppCommandLine"/>): its help, its usage errors, and commands run through it.</summary>
public static class CommandLine
{
    public static readonly string[] Commands =
    [
        "create-admin", "import-areas", "backup", "restore", "verify-audit", "generate",
        "bench-import-file", "bench-import", "bench-export", "bench-screen",
    ];

    /// <summary>
    /// A command line against the app's database and uploads, with configuration before, between and after the command's
    /// own arguments, as scripts and systemd pass it.
    /// </summary>
    public static async Task<string[]> Against(TestApp app, params string[] command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<TongxingDb>().Database.GetConnectionString()!;
        return [$"--Database:Provider={app.Provider}", .. command.Take(1), "--ConnectionStrings:Tongxing", connection,
            .. command.Skip(1), "--Uploads:Path", app.UploadsPath, "--Seed:Demo=false", "--Logging:LogLevel:Default=Warning"];
    }

    public static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AppCommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}

public sealed class CommandLineTests
{
    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public async Task Help_lists_every_command_with_a_Chinese_description()
    {
        var (exit, output, _) = await CommandLine.Run("--help");

        Assert.Equal(AppCommandLine.Ok, exit);
        Assert.Contains("说明：", output, StringComparison.Ordinal);
        Assert.Contains("用法", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", output, StringComparison.Ordinal);
        var lines = output.Split('\n');
        foreach (var command in CommandLine.Commands)
        {
            var line = Assert.Single(lines, l => l.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
            Assert.Matches(Chinese, line);
        }
    }

    [Fact]
    public async Task A_command_help_names_its_arguments_and_options_in_Chinese()
    {
        var (exit, output, _) = await CommandLine.Run("import-areas", "--help");

        Assert.Equal(AppCommandLine.Ok, exit);
        Assert.Contains("<文件>", output, StringComparison.Ordinal);
        Assert.Contains("--dry-run", output, StringComparison.Ordinal);
        Assert.Contains("不写入", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("backup")]
    [InlineData("create-admin", "admin")]
    [InlineData("import-areas")]
    [InlineData("import-areas", "areas.csv", "--dryrun")]
    [InlineData("generate", "many")]
    [InlineData("bench-import", "fast", "f.xlsx")]
    [InlineData("bench-export", "ledger", "x", "f.xlsx")]
    public async Task A_wrong_command_line_is_a_usage_error_in_Chinese_and_runs_nothing(params string[] args)
    {
        var (exit, output, error) = await CommandLine.Run(args);

        Assert.Equal(AppCommandLine.UsageError, exit);
        Assert.Equal("", output);
        Assert.Matches(Chinese, error);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_area_of_create_admin_is_named()
    {
        var (exit, _, error) = await CommandLine.Run("create-admin", "admin");

        Assert.Equal(AppCommandLine.UsageError, exit);
        Assert.Contains("--area", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_arguments_travel_beside_the_command_anywhere_on_the_line()
    {
        var (commandLine, configuration) = AppCommandLine.Separate(
            ["--contentRoot", "/srv/app", "import-areas", "--Seed:Demo=false", "/srv/areas.csv", "--Database:Provider", "Postgres",
                "--urls=http://127.0.0.1:5000", "--dry-run", "--Uploads=", "--dryrun"],
            new HashSet<string> { "--dry-run", "--area", "--help" });

        Assert.Equal(["import-areas", "/srv/areas.csv", "--dry-run", "--dryrun"], commandLine);
        Assert.Equal(["--contentRoot", "/srv/app", "--Seed:Demo=false", "--Database:Provider", "Postgres", "--urls=http://127.0.0.1:5000", "--Uploads="], configuration);
    }
}

/// <summary>verify-audit and backup, run through the command line against a seeded database of each provider.</summary>
public abstract class CommandLineDatabaseTests(TestApp app)
{
    [Fact]
    public async Task Verify_audit_and_backup_run_through_the_command_line_with_their_exit_codes()
    {
        var verified = await CommandLine.Run(await CommandLine.Against(app, "verify-audit"));
        Assert.Equal(AppCommandLine.Ok, verified.Exit);
        Assert.Contains("哈希链校验通过", verified.Output, StringComparison.Ordinal);
        // The newest entry is named, so that entries deleted from the end can be found by comparing with the last check.
        long last;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            last = await scope.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.MaxAsync(a => a.Seq, TestContext.Current.CancellationToken);
        }
        Assert.Contains($"最后一条为第{last}条", verified.Output, StringComparison.Ordinal);

        var folder = Path.Combine(Path.GetTempPath(), "tongxing-cli-backup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var backedUp = await CommandLine.Run(await CommandLine.Against(app, "backup", folder));
            Assert.True(backedUp.Exit == AppCommandLine.Ok, backedUp.Error);
            Assert.Contains($"已备份到 {folder}", backedUp.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, app.Provider == Provider.Sqlite ? Backup.SqliteFile : Backup.PostgresFile)));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TongxingDb>().Database
                .ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Details\" = 'tampered' WHERE \"Seq\" = 5", TestContext.Current.CancellationToken);
        }
        var broken = await CommandLine.Run(await CommandLine.Against(app, "verify-audit"));
        Assert.Equal(AppCommandLine.Failed, broken.Exit);
        Assert.Contains("第5条起链条断裂", broken.Output, StringComparison.Ordinal);
    }
}

/// <summary>Operator commands refuse what would leave an instance half-done or mislead, before changing anything.</summary>
public abstract class OperatorCommandTests(TestApp app)
{
    [Fact]
    public async Task Recount_refuses_a_code_that_is_no_district_and_check_names_the_places_and_measures()
    {
        foreach (var code in new[] { "450204", "999999999999", "450204101000" })
        {
            var refused = await CommandLine.Run(await CommandLine.Against(app, "recount", "--check", "--district", code));
            Assert.Equal(AppCommandLine.UsageError, refused.Exit);
            Assert.Contains("没有代码为", refused.Error, StringComparison.Ordinal);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // One kept count off by one, as a bulk write outside the product would leave it.
            await scope.ServiceProvider.GetRequiredService<TongxingDb>().Set<DashboardCount>()
                .Where(c => c.VillageCode == Tongxing.Web.Data.Seed.DemoData.LuomanVillage && c.Measure > 100 && c.Measure < 1000)
                .OrderBy(c => c.Measure).Take(1).ExecuteUpdateAsync(x => x.SetProperty(c => c.Count, c => c.Count + 1), TestContext.Current.CancellationToken);
        }
        var check = await CommandLine.Run(await CommandLine.Against(app, "recount", "--check", "--district", Tongxing.Web.Data.Seed.DemoData.LiunanDistrict));
        Assert.Equal(AppCommandLine.Failed, check.Exit);
        Assert.Contains("洛满村委会", check.Output, StringComparison.Ordinal);
        Assert.Contains("户数：记录的统计数", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("分）", check.Output, StringComparison.Ordinal);
        Assert.Equal(AppCommandLine.Ok, (await CommandLine.Run(await CommandLine.Against(app, "recount", "--district", Tongxing.Web.Data.Seed.DemoData.LiunanDistrict))).Exit);
        Assert.Equal(AppCommandLine.Ok, (await CommandLine.Run(await CommandLine.Against(app, "recount", "--check"))).Exit);
    }

    [Fact]
    public async Task Generate_refuses_a_database_in_use()
    {
        var refused = await CommandLine.Run(await CommandLine.Against(app, "generate", "100"));
        Assert.Equal(AppCommandLine.Failed, refused.Exit);
        Assert.Contains("数据库不是空的", refused.Error, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TongxingDb>().Areas.AnyAsync(a => a.Code == "460000000000", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Backup_refuses_a_folder_that_is_not_empty_and_leaves_it_as_it_was()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tongxing-cli-backup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "已有文件.txt"), "旧备份", TestContext.Current.CancellationToken);
        try
        {
            var refused = await CommandLine.Run(await CommandLine.Against(app, "backup", folder));
            Assert.Equal(AppCommandLine.Failed, refused.Exit);
            Assert.Contains("不是空的", refused.Error, StringComparison.Ordinal);
            Assert.Equal(["已有文件.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}

public sealed class OperatorCommandTests_Sqlite(SqliteApp app) : OperatorCommandTests(app), IClassFixture<SqliteApp>;

public sealed class OperatorCommandTests_Postgres(PostgresApp app) : OperatorCommandTests(app), IClassFixture<PostgresApp>;

public sealed class CommandLineDatabaseTests_Sqlite(SqliteApp app) : CommandLineDatabaseTests(app), IClassFixture<SqliteApp>;

public sealed class CommandLineDatabaseTests_Postgres(PostgresApp app) : CommandLineDatabaseTests(app), IClassFixture<PostgresApp>;

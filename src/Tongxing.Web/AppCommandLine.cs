using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Account;
using Tongxing.Web.Features.Areas;
using Tongxing.Web.Features.Bench;

namespace Tongxing.Web;

/// <summary>
/// The app's command line: with no command it runs the web app; otherwise one of the operator's commands runs against
/// the configured database and the process ends. Exit codes: 0 done, 1 failed, 2 the command line was wrong.
/// ASP.NET Core configuration travels alongside as <c>--节:键=值</c> (or <c>--节:键 值</c>) and the host's own keys
/// (<c>--urls</c>, <c>--contentRoot</c>, <c>--environment</c>…), anywhere on the line.
/// </summary>
public static class AppCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>Configuration keys without a section that the host reads from the command line.</summary>
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "contentRoot", "environment", "applicationName", "webroot", "http_ports", "https_ports",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "detailedErrors",
        "shutdownTimeoutSeconds", "AllowedHosts",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var culture = CultureInfo.CurrentUICulture;
        // The parser's own words (用法, 选项, its error messages) come from its zh-Hans resources.
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var configuration = new List<string>();
            var root = Create(configuration, output, error);
            var (commandLine, settings) = Separate(args, Options(root));
            configuration.AddRange(settings);
            var parsed = root.Parse(commandLine);
            if (parsed.Action is ParseErrorAction)
            {
                foreach (var e in parsed.Errors)
                {
                    await error.WriteLineAsync(e.Message);
                }
                await error.WriteLineAsync("用 --help 查看命令及其参数。");
                return UsageError;
            }
            if (parsed.Action is HelpAction)
            {
                return await HelpAsync(parsed, output);
            }
            // No handler of the parser's own: exceptions of the web host must reach its caller (the test host stops the
            // app that way), and the host handles SIGTERM itself so that systemd's stop drains requests.
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            }, ct);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>Every option name the commands know (--area, --dry-run, --help…): none of them is configuration.</summary>
    internal static HashSet<string> Options(Command command)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            names.UnionWith(option.Aliases);
        }
        foreach (var sub in command.Subcommands)
        {
            names.UnionWith(Options(sub));
        }
        return names;
    }

    /// <summary>
    /// Splits the configuration arguments from the command and its own arguments: <c>--key=value</c> for any key no
    /// command knows as an option (the test host passes <c>--Seed=</c> and the like), and <c>--key value</c> for section
    /// keys (<c>--Seed:Demo false</c>) and the host's own. Any other unknown option goes to the parser, which refuses it.
    /// </summary>
    internal static (string[] CommandLine, string[] Configuration) Separate(IReadOnlyList<string> args, IReadOnlySet<string> options)
    {
        var commandLine = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : null;
            var withValue = arg.Contains('=', StringComparison.Ordinal);
            if (key is { Length: > 0 } && !options.Contains("--" + key)
                && (withValue || key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key)))
            {
                configuration.Add(arg);
                // ASP.NET Core's rule: --key value takes the next argument as the value.
                if (!withValue && i + 1 < args.Count)
                {
                    configuration.Add(args[++i]);
                }
            }
            else
            {
                commandLine.Add(arg);
            }
        }
        return (commandLine.ToArray(), configuration.ToArray());
    }

    /// <param name="configuration">The configuration arguments, filled in once the line is split.</param>
    private static RootCommand Create(List<string> configuration, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("同行 Tongxing —— “党员扶残 温暖同行”信息系统。不带命令时启动网站；带命令时执行该命令后退出。\n" +
            "网站配置可随时附在命令行上，如 --Seed:Demo=false、--ConnectionStrings:Tongxing=…、--urls http://127.0.0.1:5000。\n" +
            "退出码：0 成功，1 失败，2 命令行有误。");
        root.SetAction(async (_, _) =>
        {
            var app = TongxingApp.Build(configuration.ToArray());
            await app.RunAsync();
            return Ok;
        });

        // Runs one command's work in a scope of the app's services; the web server is not started.
        async Task<int> InApp(Func<IServiceProvider, CancellationToken, Task<int>> work, bool migrate, CancellationToken ct)
        {
            try
            {
                await using var app = TongxingApp.Build(configuration.ToArray());
                await using var scope = app.Services.CreateAsyncScope();
                if (migrate)
                {
                    await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<TongxingDb>(), ct);
                }
                return await work(scope.ServiceProvider, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"失败：{e.Message}");
                return Failed;
            }
        }

        var userName = new Argument<string>("用户名") { Description = "新管理员的登录名" };
        var area = new Option<string>("--area") { Description = "必填：管理员所在区划的12位统计用区划代码（管理该区划及其下级）", HelpName = "区划代码" };
        var createAdmin = new Command("create-admin", "创建系统管理员，打印一次性密码（首次登录时必须修改）") { userName, area };
        // Checked here rather than with Required, whose message the parser has only in English.
        createAdmin.Validators.Add(r =>
        {
            if (r.GetResult(area) is null)
            {
                r.AddError("缺少必填的选项 --area <区划代码>。");
            }
        });
        createAdmin.SetAction((p, ct) => InApp((s, c) => CreateAdminCommand.RunAsync(s, p.GetRequiredValue(userName), p.GetRequiredValue(area), output, c), migrate: true, ct));

        var areaFile = new Argument<string>("文件") { Description = "统计用区划代码文件（CSV 或 .xlsx；12位代码、名称）" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并列出将新增、改名或撤销的区划，不写入" };
        var importAreas = new Command("import-areas", "导入行政区划（统计用区划代码），全部通过才写入") { areaFile, dryRun };
        importAreas.SetAction((p, ct) => InApp((s, c) => ImportAreasCommand.RunAsync(s, Path.GetFullPath(p.GetRequiredValue(areaFile)), p.GetValue(dryRun), output, c), migrate: true, ct));

        var backupFolder = new Argument<string>("目录") { Description = "备份存放的目录" };
        var backup = new Command("backup", "备份数据库和上传文件到一个目录") { backupFolder };
        backup.SetAction((p, ct) => InApp(async (s, c) =>
        {
            var folder = Path.GetFullPath(p.GetRequiredValue(backupFolder));
            await s.GetRequiredService<Backup>().CreateAsync(folder, c);
            await output.WriteLineAsync($"已备份到 {folder}（数据库及上传文件）。");
            return Ok;
        }, migrate: false, ct));

        var restoreFolder = new Argument<string>("目录") { Description = "backup 命令生成的备份目录" };
        var restore = new Command("restore", "把备份恢复到一个空的实例（之后请运行 verify-audit）") { restoreFolder };
        restore.SetAction((p, ct) => InApp(async (s, c) =>
        {
            var folder = Path.GetFullPath(p.GetRequiredValue(restoreFolder));
            await s.GetRequiredService<Backup>().RestoreAsync(folder, c);
            await output.WriteLineAsync($"已从 {folder} 恢复（数据库及上传文件）。请运行 verify-audit 校验审计日志。");
            return Ok;
        }, migrate: false, ct));

        var verifyAudit = new Command("verify-audit", "校验审计日志的哈希链：完整时退出码为 0，被篡改时为 1");
        verifyAudit.SetAction((_, ct) => InApp(async (s, c) =>
        {
            var verdict = await s.GetRequiredService<AuditVerifier>().VerifyAsync(c);
            await output.WriteLineAsync(verdict.Intact
                ? $"审计日志完整：共{verdict.Checked}条，哈希链校验通过。最后一条为第{verdict.LastSeq}条，哈希 {verdict.LastHash}。"
                    + "请记下并与下次核对的结果比对：末尾若干条被删除时，哈希链本身校验不出。"
                : $"审计日志被篡改：第{verdict.BrokenSeq}条起链条断裂——{verdict.Reason}（已校验{verdict.Checked}条）。");
            return verdict.Intact ? Ok : Failed;
        }, migrate: false, ct));

        var recountDistrict = new Option<string?>("--district") { Description = "只处理这个区（县）的代码（默认全部）" };
        var recountCheck = new Option<bool>("--check") { Description = "只核对：把维护的统计数与按记录重算的结果比较，不一致时退出码为 1，不作修改" };
        var recount = new Command("recount", "按记录重算工作进度的统计数（批量写入或恢复之后）；加 --check 只核对") { recountDistrict, recountCheck };
        recount.SetAction((p, ct) => InApp(async (s, c) =>
        {
            var db = s.GetRequiredService<TongxingDb>();
            var district = p.GetValue(recountDistrict);
            if (district is not null && !await db.Areas.AnyAsync(a => a.Code == district && a.Level == AreaLevel.District, c))
            {
                await error.WriteLineAsync($"没有代码为“{district}”的区（县）：--district 应为区（县）的12位区划代码，如 450204000000。");
                return UsageError;
            }
            if (p.GetValue(recountCheck))
            {
                var differ = await DashboardCounts.CheckAsync(db, district, c);
                var codes = differ.Take(20).SelectMany(d => new[] { d.Key.DistrictCode, d.Key.TownCode, d.Key.VillageCode }).Distinct().ToList();
                var names = await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Name, c);
                string Where(CountKey k) =>
                    names.GetValueOrDefault(k.DistrictCode, k.DistrictCode)
                    + (k.TownCode == DashboardCountRules.Total ? "（全区合计）" : names.GetValueOrDefault(k.TownCode, k.TownCode) + (k.VillageCode == DashboardCountRules.Total ? "（全镇合计）" : names.GetValueOrDefault(k.VillageCode, k.VillageCode)))
                    + $"（项目{k.ProgrammeId}）";
                foreach (var d in differ.Take(20))
                {
                    var money = DashboardMeasure.IsMoney(d.Key.Measure);
                    await output.WriteLineAsync($"不一致：{Where(d.Key)} {DashboardMeasure.Describe(d.Key.Measure)}：记录的统计数 {d.Count}"
                        + (money ? $"（{new Money(d.Amount)}）" : "") + $"，按记录重算 {d.Recounted}" + (money ? $"（{new Money(d.RecountedAmount)}）" : ""));
                }
                if (differ.Count > 20)
                {
                    await output.WriteLineAsync($"……另有{differ.Count - 20}项不一致未列出。");
                }
                await output.WriteLineAsync(differ.Count == 0 ? "工作进度统计数与记录一致。" : $"工作进度统计数有{differ.Count}项与记录不一致（运行 recount 重算）。");
                return differ.Count == 0 ? Ok : Failed;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var written = await DashboardCounts.RecountAsync(db, district, c);
            await output.WriteLineAsync($"已重算工作进度统计：{written}项，用时 {started.Elapsed.TotalSeconds:0.0} 秒。");
            return Ok;
        }, migrate: true, ct));

        var households = new Argument<int?>("户数")
        {
            Description = $"生成的户数（默认 {ProvinceGenerator.Province.Households}）",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r => Count(r),
        };
        var funds = new Option<bool>("--funds") { Description = "同时为已备案对象（约五分之四）生成资金：到账、下拨、代发批次、发放（含失败、冲销）与签收" };
        var full = new Option<bool>("--full") { Description = "生成2020年全年数据（以2020-12-15为“今天”）：调查审批、资金（含失败补发、冲销）、帮扶人与结对、协议、每月帮扶记录、定期回访（部分逾期）、帮扶成效、镇级季度报告" };
        var generate = new Command("generate", "在空数据库中生成一个省级规模的模拟项目（性能测试用，固定随机种子）") { households, funds, full };
        generate.SetAction((p, ct) => InApp(async (s, c) =>
        {
            var size = ProvinceGenerator.Province with { Households = p.GetValue(households) ?? ProvinceGenerator.Province.Households };
            var target = s.GetRequiredService<TongxingDb>();
            // Generated data comes with accounts whose password is published: never into a database already in use.
            if (await target.Programmes.AnyAsync(c) || await target.Users.AnyAsync(c))
            {
                await error.WriteLineAsync("数据库不是空的（已有项目或账号）：generate 只在空数据库中生成模拟数据，并建立公开密码的测试账号，不能用于正在使用的系统。");
                return Failed;
            }
            var started = System.Diagnostics.Stopwatch.StartNew();
            var generator = new ProvinceGenerator(s.GetRequiredService<TongxingDb>(), TimeProvider.System, s.GetRequiredService<UserManager<AppUser>>());
            var written = await generator.GenerateAsync(size, 1, output.WriteLine, c, p.GetValue(funds), p.GetValue(full));
            if (p.GetValue(full))
            {
                // For bench/generate.sh: rows per table and seconds per stage.
                await output.WriteLineAsync("RESULT " + string.Join(" ", generator.Counts.Rows.Select(r => $"rows.{r.Key}={r.Value}")
                    .Concat(generator.Counts.Seconds.Select(t => FormattableString.Invariant($"seconds.{t.Key}={t.Value:0.0}")))));
            }
            await output.WriteLineAsync($"已生成 {written} 户，用时 {started.Elapsed.TotalSeconds:0.0} 秒。");
            return Ok;
        }, migrate: true, ct));

        root.Subcommands.Add(createAdmin);
        root.Subcommands.Add(importAreas);
        root.Subcommands.Add(backup);
        root.Subcommands.Add(restore);
        root.Subcommands.Add(verifyAudit);
        root.Subcommands.Add(generate);
        root.Subcommands.Add(recount);
        foreach (var bench in BenchCommands.Create((work, ct) => InApp((s, _) => work(s), migrate: true, ct))
            .Concat(PaymentBenchCommands.Create((work, ct) => InApp((s, _) => work(s), migrate: true, ct)))
            .Concat(VisitBenchCommands.Create((work, ct) => InApp((s, _) => work(s), migrate: true, ct)))
            .Concat(ScaleBenchCommands.Create((work, ct) => InApp((s, _) => work(s), migrate: true, ct)))
            .Concat(LoadBenchCommands.Create((work, ct) => InApp((s, _) => work(s), migrate: true, ct))))
        {
            root.Subcommands.Add(bench);
        }
        root.Options.OfType<HelpOption>().Single().Description = "显示帮助和用法";
        return root;
    }

    /// <summary>A count given on the command line: a whole number above zero, or a Chinese error naming the argument.</summary>
    internal static int Count(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return n;
        }
        result.AddError($"{result.Argument.Name}应为大于0的整数，收到“{text}”。");
        return 0;
    }

    /// <summary>The parser's help page, with Chinese where its zh-Hans resources are still English.</summary>
    private static async Task<int> HelpAsync(ParseResult parsed, TextWriter output)
    {
        using var page = new StringWriter(CultureInfo.InvariantCulture);
        var exit = parsed.Invoke(new InvocationConfiguration { Output = page });
        await output.WriteAsync(page.ToString().Replace("Description:", "说明：", StringComparison.Ordinal));
        return exit;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Programmes;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The in-process benchmarks of issue #6 (import, export, screening), run as app commands against a database made by
/// <c>generate</c>; each prints one line <c>RESULT key=value …</c> that <c>bench/data.sh</c> collects. The process's
/// peak memory is read from outside (<c>/usr/bin/time -v</c>), so each measurement is its own process.
/// </summary>
public static class BenchCommands
{
    /// <summary>The commands, each running its work through <paramref name="inApp"/> (a scope of the app's services on a migrated database).</summary>
    public static IEnumerable<Command> Create(Func<Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> inApp)
    {
        var rows = new Argument<int>("行数") { Description = "附件1的行数", CustomParser = AppCommandLine.Count };
        var file = new Argument<string>("文件") { Description = "写入的 .xlsx 文件" };
        var importFile = new Command("bench-import-file", "性能测试：为 bench.town 的各村写一份有指定行数的附件1（先运行 generate）") { rows, file };
        importFile.SetAction((p, ct) => inApp(s => ImportFile(s, p.GetValue(rows), p.GetRequiredValue(file)), ct));

        var mode = new Argument<string>("方式") { Description = "raw：只读文件并批量写入；full：以 bench.town 身份走完整的导入任务" };
        mode.AcceptOnlyFromAmong("raw", "full");
        var source = new Argument<string>("文件") { Description = "bench-import-file 写的附件1" };
        var import = new Command("bench-import", "性能测试：导入附件1并计时") { mode, source };
        import.SetAction((p, ct) => inApp(s => Import(s, p.GetRequiredValue(mode), p.GetRequiredValue(source)), ct));

        var what = new Argument<string>("内容") { Description = "attachment1（附件1）或 ledger（工作台账）" };
        what.AcceptOnlyFromAmong("attachment1", "ledger");
        var households = new Argument<int>("户数") { Description = "导出的户数", CustomParser = AppCommandLine.Count };
        var target = new Argument<string>("文件") { Description = "写入的 .xlsx 文件" };
        var export = new Command("bench-export", "性能测试：从生成的数据导出附件1或工作台账并计时") { what, households, target };
        export.SetAction((p, ct) => inApp(s => Export(s, p.GetRequiredValue(what), p.GetValue(households), p.GetRequiredValue(target)), ct));

        var screen = new Command("bench-screen", "性能测试：把生成项目的基准日后移一年，重新筛查全部对象并计时");
        screen.SetAction((_, ct) => inApp(Screen, ct));
        return [importFile, import, export, screen];
    }

    private static void Result(params (string Key, object Value)[] values) =>
        Console.WriteLine("RESULT " + string.Join(" ", values.Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}")));

    internal static async Task<(AppUser User, Programme Programme, List<Area> Villages, Dictionary<string, Area> Chain)> BenchTown(IServiceProvider services)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("bench.town")
            ?? throw new InvalidOperationException("run `generate` first (it creates bench.town)");
        var town = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == user.AreaCode);
        var district = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == town.ParentCode);
        var city = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == district.ParentCode);
        var region = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == city.ParentCode);
        var villages = await db.Areas.AsNoTracking().Where(a => a.ParentCode == town.Code).OrderBy(a => a.Code).ToListAsync();
        var chain = villages.Concat([town, district, city, region]).ToDictionary(a => a.Code);
        var programme = await db.Programmes.AsNoTracking().SingleAsync(p => p.DistrictCode == district.Code);
        return (user, programme, villages, chain);
    }

    /// <summary>A filled-in 附件1 of <paramref name="rows"/> households for bench.town's villages, with IDs of an address code no generated person has (4601xx).</summary>
    private static async Task<int> ImportFile(IServiceProvider services, int rows, string path)
    {
        var (_, programme, villages, chain) = await BenchTown(services);
        var random = new Random(46);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var households = DemoData.Households(programme, villages, chain, rows, DateTimeOffset.UnixEpoch, random, [], ProvinceGenerator.MembersPerHousehold);
        var sheetRows = households.Select((h, i) =>
        {
            var row = Attachment1.RowOf(i + 1, h, villages.Single(v => v.Code == h.VillageCode).Name);
            var old = ResidentId.Parse(row.IdNumber).Value!;
            string id;
            do
            {
                id = DemoData.GenerateId("460199", old.BirthDate, old.Gender, random);
            }
            while (!used.Add(id));
            return row with { IdNumber = id, Certificate = row.Certificate is { } c ? id + c[18..] : null };
        });
        await using (var file = File.Create(path))
        {
            await Attachment1Workbook.WriteAsync(file, "模拟导入", sheetRows, CancellationToken.None);
        }
        Result(("rows", rows), ("bytes", new FileInfo(path).Length));
        return 0;
    }

    /// <summary>
    /// raw: MiniExcel reads the file and the same rows are bulk-inserted (mapped through the form's field rules, no
    /// screening, duplicate checks, audit entries or second pass). full: the real import job, as bench.town.
    /// </summary>
    private static async Task<int> Import(IServiceProvider services, string mode, string path)
    {
        var (user, programme, villages, chain) = await BenchTown(services);
        var db = services.GetRequiredService<TongxingDb>();
        var rows = 0;
        var watch = Stopwatch.StartNew();
        if (mode == "raw")
        {
            var byName = villages.ToDictionary(v => v.Name);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await using var file = File.OpenRead(path);
            foreach (var chunk in Attachment1Reader.Stream(file, int.MaxValue).Select(r => r.Row ?? throw new InvalidOperationException(r.Error)).Chunk(2000))
            {
                var created = new List<Household>(chunk.Length);
                foreach (var row in chunk)
                {
                    var input = Attachment1Import.ToInput(row, byName, []);
                    var (details, _) = HouseholdRegistration.Check(input, AreaPath.Of(input.VillageCode!, chain), today);
                    created.Add(Household.Propose(details!, programme.Id, user.Id, "bench", DateTimeOffset.UtcNow));
                }
                db.Households.AddRange(created);
                db.SkipAuditForBulk(null, null);
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                rows += chunk.Length;
            }
            // Written without the change tracker's deltas: the dashboard's counts are rebuilt from the records.
            await DashboardCounts.RecountAsync(db, programme.DistrictCode, CancellationToken.None);
            Result(("mode", "raw"), ("rows", rows), ("seconds", watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
                ("rowsPerSecond", (rows / watch.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)));
            return 0;
        }

        await services.GetRequiredService<CurrentUser>().RunAsAsync(user, services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>());
        // Uploaded as the app's upload is: streamed from the (here: local) file into the job's row.
        Guid jobId;
        await using (var upload = File.OpenRead(path))
        {
            jobId = (await services.GetRequiredService<ImportAttachment1>().Start(Path.GetFileName(path), upload, commit: true, CancellationToken.None)).Value!.Id;
        }
        db.ChangeTracker.Clear();
        using var stop = new CancellationTokenSource();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        // What the user's page would show every two seconds: the job's row, read by another connection, with this node's
        // fresher progress over it (what ImportAttachment1.Get shows).
        var board = services.GetRequiredService<ImportJobBoard>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(2000, CancellationToken.None);
                await using var s = scopes.CreateAsyncScope();
                var row = await s.ServiceProvider.GetRequiredService<TongxingDb>().ImportUploads.AsNoTracking().Where(u => u.Id == jobId)
                    .Select(u => new ImportJobView(u.Id, u.FileName, u.Status, u.Commit, u.Phase, u.ProcessedRows, u.TotalRows, null)).SingleAsync();
                var seen = board.Overlay(row);
                // The managed heap after the last collection against the whole process: what the code holds, and the rest.
                Console.WriteLine($"PROGRESS {watch.Elapsed.TotalSeconds:0}s {seen.Phase} {seen.Processed}/{seen.Total} " +
                    $"heap={GC.GetGCMemoryInfo().HeapSizeBytes / 1048576}MB rss={Environment.WorkingSet / 1048576}MB");
            }
        });
        var worker = services.GetServices<IHostedService>().OfType<ImportWorker>().Single();
        await worker.RunNextAsync(CancellationToken.None);
        var elapsed = watch.Elapsed;
        await stop.CancelAsync();
        await watcher;
        var view = await services.GetRequiredService<ImportAttachment1>().Get(jobId, CancellationToken.None);
        var report = view.Value!.Report!;
        Result(("mode", "full"), ("rows", report.TotalRows), ("imported", report.Imported), ("new", report.New),
            ("rejected", report.Rejected), ("error", report.FileError ?? "none"), ("seconds", elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
            ("rowsPerSecond", (report.New / elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)));
        return report.Imported ? 0 : 1;
    }

    /// <summary>附件1 or the work ledger of <paramref name="rows"/> households, streamed from the database into a file by the app's own writers.</summary>
    private static async Task<int> Export(IServiceProvider services, string what, int rows, string path)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var names = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Village).ToDictionaryAsync(a => a.Code, a => a.Name);
        // The first N households of the generated region in list order (a region-wide export of that size).
        var cut = await db.Households.AsNoTracking().Where(h => h.RegionCode == "460000000000").OrderBy(h => h.VillageCode)
            .Select(h => h.VillageCode).Skip(rows - 1).FirstOrDefaultAsync();
        var households = db.Households.AsNoTracking().Where(h => h.RegionCode == "460000000000" && (cut == null || string.Compare(h.VillageCode, cut) <= 0));
        rows = await households.CountAsync();
        var watch = Stopwatch.StartNew();
        await using (var file = File.Create(path))
        {
            if (what == "attachment1")
            {
                var export = services.GetRequiredService<ExportAttachment1>();
                await Attachment1Workbook.WriteAsync(file, "基准测试", export.Rows(households, names, CancellationToken.None), CancellationToken.None);
            }
            else
            {
                var ledger = services.GetRequiredService<Ledger.WorkLedger>();
                await Ledger.LedgerExport.WriteAsync(file, new Ledger.LedgerExportRows(rows, ledger.Chunks(households, CancellationToken.None), $"共{rows}户"), CancellationToken.None);
            }
        }
        Result(("what", what), ("rows", rows), ("seconds", watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
            ("rowsPerSecond", (rows / watch.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)), ("bytes", new FileInfo(path).Length));
        return 0;
    }

    /// <summary>
    /// Every member of the generated province screened twice: the rules alone over members in memory, and the app's
    /// re-screening after a parameter change (read in batches, evaluate, write changed outcomes with their history).
    /// </summary>
    private static async Task<int> Screen(IServiceProvider services)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var programmes = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode.StartsWith("46")).ToListAsync();
        var members = await db.Members.CountAsync(m => m.ProgrammeId > 0 && programmes.Select(p => p.Id).Contains(m.ProgrammeId));
        var rescreen = services.GetRequiredService<ChangeEligibility>();
        var watch = Stopwatch.StartNew();
        var (screened, changed) = (0, 0);
        foreach (var p in programmes)
        {
            // Move the reference date a year on: ages change, so outcomes change and are written.
            var tracked = await db.Programmes.SingleAsync(x => x.Id == p.Id);
            tracked.ReferenceDate = tracked.ReferenceDate.AddYears(1);
            db.SkipAuditForBulk(null, null);
            await db.SaveChangesAsync();
            var (s, c) = await rescreen.RescreenAsync(tracked, "基准测试：基准日后移一年", "bench", "bench", DateTimeOffset.UtcNow, CancellationToken.None);
            screened += s;
            changed += c;
            db.ChangeTracker.Clear();
        }
        Result(("households", screened), ("members", members), ("changed", changed), ("seconds", watch.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
            ("membersPerSecond", (members / watch.Elapsed.TotalSeconds).ToString("0", CultureInfo.InvariantCulture)));
        return 0;
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Funds.Payments;

namespace Tongxing.Web.Features.Bench;

/// <summary>
/// The payment-batch benchmark (bench/payment-batch.sh), each step its own process so that its peak memory is its own:
/// <c>setup</c> adds N filed households with accounts to bench.town, has the district federation allocate the town the money
/// they need, and builds, fills and sends a batch of them through the handlers (and makes bench.village, the branch of
/// the village with most of them); <c>export</c> writes the bank file; <c>result-file</c> writes the bank's answer (all paid);
/// <c>import</c> dry-runs and applies it; the baselines write the same rows with MiniExcel alone and read the batch's
/// rows with a bare query. Each prints <c>RESULT key=value …</c>.
/// </summary>
public static class PaymentBenchCommands
{
    public static IEnumerable<Command> Create(Func<Func<IServiceProvider, Task<int>>, CancellationToken, Task<int>> inApp)
    {
        var step = new Argument<string>("步骤") { Description = "setup / export / result-file / import / baseline-export / baseline-select" };
        step.AcceptOnlyFromAmong("setup", "export", "result-file", "import", "baseline-export", "baseline-select");
        var count = new Argument<int>("户数") { Description = "批次户数（setup 用）", CustomParser = AppCommandLine.Count };
        var file = new Argument<string>("文件") { Description = "读写的 .xlsx 文件" };
        var command = new Command("bench-payments", "性能测试：代发批次的建立、代发清单导出与银行结果导入（先运行 generate）") { step, count, file };
        command.SetAction((p, ct) => inApp(s => Run(s, p.GetRequiredValue(step), p.GetValue(count), p.GetRequiredValue(file)), ct));
        return [command];
    }

    private static void Result(params (string Key, object Value)[] values) =>
        Console.WriteLine("RESULT " + string.Join(" ", values.Select(v => $"{v.Key}={Convert.ToString(v.Value, CultureInfo.InvariantCulture)}")));

    private static string Seconds(Stopwatch w) => w.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static async Task<int> Run(IServiceProvider services, string step, int count, string path)
    {
        var db = services.GetRequiredService<TongxingDb>();
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("bench.town")
            ?? throw new InvalidOperationException("run `generate` first (it creates bench.town)");
        await services.GetRequiredService<CurrentUser>().RunAsAsync(user, services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>());
        var batchId = await db.PaymentBatches.Where(b => b.TownCode == user.AreaCode).OrderByDescending(b => b.Number).Select(b => (Guid?)b.Id).FirstOrDefaultAsync();
        var watch = Stopwatch.StartNew();
        switch (step)
        {
            case "setup":
                return await Setup(services, db, user, count);
            case "export":
                {
                    var outcome = await services.GetRequiredService<BankFiles>().Export(batchId!.Value, CancellationToken.None);
                    await using (var content = outcome.Value!.Content)
                    await using (var target = File.Create(path))
                    {
                        await content.CopyToAsync(target);
                    }
                    Result(("step", step), ("seconds", Seconds(watch)), ("bytes", new FileInfo(path).Length));
                    return 0;
                }
            case "result-file":
                {
                    var rows = db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Line)
                        .Select(p => new { p.Line, p.PayeeName, p.AccountNumber, p.Fen }).AsAsyncEnumerable().ToBlockingEnumerable()
                        .Select(p => new Dictionary<string, object?>
                        {
                            ["序号"] = p.Line,
                            ["户名"] = p.PayeeName,
                            ["银行账号"] = p.AccountNumber,
                            ["金额(元)"] = (p.Fen / 100m).ToString("0.00", CultureInfo.InvariantCulture),
                            ["结果"] = "成功",
                            ["发放日期"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            ["银行流水号"] = "B" + p.Line,
                            ["失败原因"] = "",
                        });
                    await using (var target = File.Create(path))
                    {
                        await MiniExcel.SaveAsAsync(target, rows);
                    }
                    Result(("step", step), ("seconds", Seconds(watch)), ("bytes", new FileInfo(path).Length));
                    return 0;
                }
            case "import":
                {
                    var files = services.GetRequiredService<BankFiles>();
                    var content = await File.ReadAllBytesAsync(path);
                    var dry = await files.Import(batchId!.Value, content, apply: false, null, CancellationToken.None);
                    var dryRun = Seconds(watch);
                    db.ChangeTracker.Clear();
                    watch.Restart();
                    var applied = await files.Import(batchId.Value, content, apply: true, dry.Value!.Fingerprint, CancellationToken.None);
                    if (!applied.Ok)
                    {
                        throw new InvalidOperationException(string.Join("; ", applied.Errors.Select(e => e.Message)));
                    }
                    Result(("step", step), ("rows", applied.Value!.PaidCount), ("dryRunSeconds", dryRun), ("applySeconds", Seconds(watch)), ("closed", applied.Value.Closed));
                    return 0;
                }
            case "baseline-export":
                {
                    // The same rows written by MiniExcel alone: no template, no audit, no app.
                    var rows = db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).OrderBy(p => p.Line)
                        .Select(p => new { p.Line, p.PayeeName, p.PayeeIdNumber, p.AccountNumber, p.BankName, p.Fen }).AsAsyncEnumerable().ToBlockingEnumerable();
                    await using (var target = File.Create(path))
                    {
                        await MiniExcel.SaveAsAsync(target, rows);
                    }
                    Result(("step", step), ("seconds", Seconds(watch)), ("bytes", new FileInfo(path).Length));
                    return 0;
                }
            default:
                {
                    var n = 0;
                    await foreach (var _ in db.Payments.AsNoTracking().Where(p => p.BatchId == batchId).Select(p => new { p.Line, p.AccountNumber, p.Fen, p.State }).AsAsyncEnumerable())
                    {
                        n++;
                    }
                    Result(("step", step), ("rows", n), ("seconds", Seconds(watch)));
                    return 0;
                }
        }
    }

    private static async Task<int> Setup(IServiceProvider services, TongxingDb db, AppUser user, int count)
    {
        var (_, programme, villages, chain) = await BenchCommands.BenchTown(services);
        var town = chain[user.AreaCode!];
        var actor = new Actor(user.Id, user.DisplayName, Role.TownCommittee, new AreaScope(AreaLevel.Town, town.Code));
        var random = new Random(23);
        var watch = Stopwatch.StartNew();
        var ids = new List<Guid>(count);
        var perVillage = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in DemoData.Households(programme, villages, chain, count, DateTimeOffset.UtcNow, random, used, (1, 1)).Chunk(2000))
        {
            foreach (var h in chunk)
            {
                h.ForceStatusForLoadTest(HouseholdStatus.Filed);
                h.SetBankAccount(actor, BankAccount.Check(h.HeadName, "6230" + random.NextInt64(100_000_000_000_000, 999_999_999_999_999), "柳州银行").Account!, DateTimeOffset.UtcNow);
                ids.Add(h.Id);
                perVillage[h.VillageCode] = perVillage.GetValueOrDefault(h.VillageCode) + 1;
            }
            db.Households.AddRange(chunk);
            db.SkipAuditForBulk(null, null);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        // Written without the change tracker's deltas: the dashboard's counts are rebuilt from the records.
        await DashboardCounts.RecountAsync(db, programme.DistrictCode, CancellationToken.None);
        var generated = Seconds(watch);
        // Sending is refused beyond what the town was allocated (ADR 0023): the district federation allocates the new
        // households' money first, through the allocation page's handler, then the town builds its batch.
        await AllocateFor(services, programme, town.Code, count);
        await services.GetRequiredService<CurrentUser>().RunAsAsync(user, services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>());
        db.ChangeTracker.Clear();
        var batches = services.GetRequiredService<PaymentBatches>();
        watch.Restart();
        var batch = (await batches.Create(new NewBatchInput { Title = $"性能测试{count}户" }, CancellationToken.None)).Value;
        db.ChangeTracker.Clear();
        var added = await batches.Add(batch, new AddEntriesInput { HouseholdIds = ids, Version = 1 }, CancellationToken.None);
        if (!added.Ok)
        {
            throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Message)));
        }
        var addSeconds = Seconds(watch);
        db.ChangeTracker.Clear();
        watch.Restart();
        var sent = await batches.Send(batch, added.Value, CancellationToken.None);
        // The village branch of the village with most of them, to record their receipts once they are paid.
        var village = perVillage.MaxBy(v => v.Value).Key;
        await Login(services, "bench.village", Role.VillageBranch, village);
        Result(("step", "setup"), ("households", count), ("generateSeconds", generated), ("buildSeconds", addSeconds), ("sendSeconds", Seconds(watch)), ("sent", sent.Ok),
            ("village", village), ("villageLogin", "bench.village"));
        return sent.Ok ? 0 : 1;
    }

    /// <summary>The benchmark's login of that name, made (with the demo password) on first use.</summary>
    private static async Task<AppUser> Login(IServiceProvider services, string name, Role role, string areaCode)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(name) is { } existing)
        {
            return existing;
        }
        var user = new AppUser { UserName = name, DisplayName = name, Role = role, AreaCode = areaCode, AreaLevel = role.HomeLevel(), LockoutEnabled = true };
        var made = await users.CreateAsync(user, DemoData.DemoPassword);
        return made.Succeeded ? user : throw new InvalidOperationException(string.Join("; ", made.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// 下拨 to the town of what <paramref name="households"/> more households need per source, as the district federation
    /// (bench.federation, made on first use) with a stated reason: the district received no arrival for them.
    /// </summary>
    private static async Task AllocateFor(IServiceProvider services, Programme programme, string townCode, int households)
    {
        var federation = await Login(services, "bench.federation", Role.DistrictFederation, programme.DistrictCode);
        await services.GetRequiredService<CurrentUser>().RunAsAsync(federation, services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>());
        var need = FundSplitRule.Budget(households, programme.SubsidyPerHousehold, programme.FundShares).ToDictionary(p => p.Source, p => p.Amount);
        string? Of(FundSource source) => need.GetValueOrDefault(source) is { Fen: > 0 } amount ? amount.ToYuanString() : null;
        var allocated = await services.GetRequiredService<MoneyIn>().Allocate(new TownAllocationInput
        {
            TownCode = townCode,
            Region = Of(FundSource.Region),
            City = Of(FundSource.City),
            District = Of(FundSource.District),
            DocumentNumber = "性能测试",
            Reason = $"性能测试：新增{households}户的代发批次",
        }, CancellationToken.None);
        if (!allocated.Ok)
        {
            throw new InvalidOperationException(string.Join("; ", allocated.Errors.Select(e => e.Message)));
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Survey;
using static Tongxing.IntegrationTests.PaymentBatchTests;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Long writes (ADR 0031): an import or a bank result is written in chunks, each committed with its checkpoint, so other
/// offices' saves do not wait for the whole file, and a job left by a node that died is continued by another node from
/// its last checkpoint — every row written once. Each test runs nodes of its own whose workers it drives by hand.
/// </summary>
public abstract class LongWriteTests(TestApp fixture)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private TestApp Node(TestApp? shareWith = null)
    {
        var node = new TestApp(fixture.Provider, shareWith);
        node.Settings["Jobs:Worker"] = "false";
        return node;
    }

    private static ImportWorker Worker(TestApp node) => node.Services.GetServices<IHostedService>().OfType<ImportWorker>().Single();

    private static async Task<T> Db<T>(TestApp node, Func<TongxingDb, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static async Task<ImportUpload> QueueImport(TestApp node, int rows, string prefix, string addressCode)
    {
        var userId = await Db(node, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync());
        var job = new ImportUpload
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FileName = $"{prefix}.xlsx",
            Content = await ImportJobTests.Rows(rows, prefix, addressCode),
            UploadedAt = node.Clock.GetUtcNow(),
            Commit = true,
        };
        await Db(node, async db =>
        {
            db.ImportUploads.Add(job);
            return await db.SaveChangesAsync();
        });
        return job;
    }

    /// <summary>Waits until the job has committed at least one chunk (or finished), and returns its checkpoint.</summary>
    private static async Task<(int Written, ImportJobStatus Status)> FirstChunk(TestApp node, Guid job)
    {
        for (var i = 0; i < 3000; i++)
        {
            var now = await Db(node, db => db.ImportUploads.Where(u => u.Id == job).Select(u => new { u.WrittenRows, u.Status }).SingleAsync());
            if (now.WrittenRows > 0 || now.Status is ImportJobStatus.Done or ImportJobStatus.Failed)
            {
                return (now.WrittenRows, now.Status);
            }
            await Task.Delay(10);
        }
        throw new TimeoutException("the import wrote nothing in 30 s");
    }

    [Fact]
    public async Task A_job_left_by_a_node_that_died_mid_import_is_continued_by_another_and_every_row_is_written_once()
    {
        await using var first = Node();
        await using var second = Node(first);
        const int rows = 2400;
        var job = await QueueImport(first, rows, "接续导入", "469011");

        // The first node claims the job and dies once its first chunk is committed.
        using var death = new CancellationTokenSource();
        var running = Task.Run(() => Worker(first).RunNextAsync(death.Token));
        var (written, status) = await FirstChunk(first, job.Id);
        await death.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(ImportJobStatus.Running, status);
        var left = await Db(first, db => db.ImportUploads.AsNoTracking().Where(u => u.Id == job.Id).Select(ImportUpload.WithoutContent).SingleAsync());
        Assert.Equal(ImportJobStatus.Running, left.Status);
        Assert.InRange(left.WrittenRows, written, rows); // at least the first chunk, not the whole file
        var before = await Db(first, db => db.Households.CountAsync(h => h.HeadName.StartsWith("接续导入")));
        Assert.True(before > 0 && before < rows, $"{before} of {rows} households written before the node died");

        // While its heartbeat is fresh the job is not taken from its node; once silent for Jobs:StaleSeconds it is.
        Assert.False(await Worker(second).RunNextAsync(CancellationToken.None));
        second.Clock.SetUtcNow(left.HeartbeatAt!.Value.AddSeconds(61));
        Assert.True(await Worker(second).RunNextAsync(CancellationToken.None));

        var done = await Db(second, db => db.ImportUploads.AsNoTracking().Where(u => u.Id == job.Id).Select(ImportUpload.WithoutContent).SingleAsync());
        Assert.Equal(ImportJobStatus.Done, done.Status);
        var report = JsonSerializer.Deserialize<ImportReport>(done.ReportJson!, WebJson)!;
        Assert.True(report.Imported);
        Assert.Null(report.FileError);
        Assert.Equal(rows, report.New); // the rows written before the death are counted from the checkpoint, not read as registered
        Assert.Equal(0, report.AlreadyRegistered);
        Assert.Equal(rows, await Db(second, db => db.Households.CountAsync(h => h.HeadName.StartsWith("接续导入"))));
        var ids = await Db(second, db => db.Members.Where(m => db.Households.Any(h => h.Id == m.HouseholdId && h.HeadName.StartsWith("接续导入"))).Select(m => m.IdNumber).ToListAsync());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Every household whole: its members and its history.
        Assert.Equal(0, await Db(second, db => db.Households.CountAsync(h => h.HeadName.StartsWith("接续导入") && (!h.Members.Any() || !db.HouseholdEvents.Any(e => e.HouseholdId == h.Id)))));
        Assert.True((await Db(second, db => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_save_in_another_town_does_not_wait_for_a_running_import()
    {
        await using var node = Node();
        // Small chunks, so that the import is still writing (many commits to come) when the other office's sign-in is done.
        node.Settings["Survey:ImportChunkRows"] = "20";
        var job = await QueueImport(node, 3000, "长导入", "469012");
        var running = Task.Run(() => Worker(node).RunNextAsync(CancellationToken.None));
        var (_, status) = await FirstChunk(node, job.Id);
        Assert.Equal(ImportJobStatus.Running, status);

        // 流山镇 signs in — a save: its audit entry and the account's sign-in time — and reads its list while the import
        // is still writing. Were the import one transaction, the sign-in would wait for all of it.
        var other = await node.SignIn("liushan.dangwei");
        var saved = await other.GetAsync("/api/v1/households?page=1");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stillRunning = await Db(node, db => db.ImportUploads.Where(u => u.Id == job.Id).Select(u => u.Status).SingleAsync());
        Assert.Equal(ImportJobStatus.Running, stillRunning);

        await running;
        Assert.Equal(ImportJobStatus.Done, await Db(node, db => db.ImportUploads.Where(u => u.Id == job.Id).Select(u => u.Status).SingleAsync()));
        // The sign-in's audit entry sits between the import's chunks in the one chain, which verifies.
        var signIn = await Db(node, db => db.AuditEntries.Where(a => a.Action == "登录" && a.UserName != "系统").OrderByDescending(a => a.Seq).Select(a => a.Seq).FirstAsync());
        var importSeqs = await Db(node, db => db.AuditEntries.Where(a => a.Entity == nameof(Household) && a.Action == "新增").Select(a => a.Seq).ToListAsync());
        Assert.Contains(importSeqs, s => s > signIn);
        Assert.True((await Db(node, db => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_bank_result_is_applied_in_chunks_and_a_file_cut_off_part_way_is_applied_again_for_the_rest()
    {
        await using var node = Node();
        node.Settings["Funds:BankResultChunk"] = "2";
        _ = node.Services;
        node.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 6, 2, 0, 0, TimeSpan.Zero));
        await FundMovements.AllocateAsync(node, Tongxing.Web.Data.Seed.DemoData.LiunanDistrict, Tongxing.Web.Data.Seed.DemoData.Luoman, 70_000, 10_000, 20_000);
        var ids = await FiledHouseholds.AddAsync(node, 5);
        var town = await node.SignIn("luoman.dangwei");
        var (batch, version) = await NewBatch(town);
        version = (await Json(await Add(town, batch, version, ids))).GetProperty("version").GetInt32();
        await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }));
        var rows = PaymentBatchTests.Rows(await BankFile(town, batch));
        var results = rows.Select((r, i) => i == 3 ? Result(r, "失败", "", "", "账户已销户") : Result(r, "成功", reference: $"BK{i}")).ToList();

        // The bank's answer for the first two rows arrived (or a node applying the whole file died after its first chunk).
        await Json(await Upload(town, batch, ResultFile(results.Take(2)), dryRun: false));
        // The whole file: the two rows already recorded are read as such, the other three applied, two chunks.
        var whole = ResultFile(results);
        var dry = await Json(await Upload(town, batch, whole, dryRun: true));
        Assert.True(dry.GetProperty("errorCount").GetInt32() == 0, dry.ToString());
        Assert.Equal((2, 1, 0), (dry.GetProperty("paidCount").GetInt32(), dry.GetProperty("failedCount").GetInt32(), dry.GetProperty("errorCount").GetInt32()));
        var done = await Json(await Upload(town, batch, whole, dryRun: false, dry.GetProperty("fingerprint").GetString()));
        Assert.True(done.GetProperty("closed").GetBoolean());
        // Once more: the batch is closed, and nothing is applied twice.
        var again = await Upload(town, batch, whole, dryRun: false);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("办结", await again.Content.ReadAsStringAsync());

        Assert.Equal(4, await Db(node, db => db.Payments.CountAsync(p => p.BatchId == batch && p.State == PaymentState.Paid)));
        Assert.Equal(4, await Db(node, db => db.Households.CountAsync(h => ids.Contains(h.Id) && h.Status == HouseholdStatus.Paid)));
        var perKind = await Db(node, db => db.FundEntries.Where(e => e.BatchId == batch).GroupBy(e => e.Kind).Select(g => new { g.Key, Fen = g.Sum(e => e.Fen) }).ToListAsync());
        Assert.Equal(400_000L, perKind.Single(k => k.Key == FundEntryKind.Payment).Fen);
        Assert.Equal(100_000L, perKind.Single(k => k.Key == FundEntryKind.PaymentFailed).Fen);
        Assert.True((await Db(node, db => new AuditVerifier(db).VerifyAsync(CancellationToken.None))).Intact);
    }
}

public sealed class LongWriteTests_Sqlite(SqliteApp app) : LongWriteTests(app), IClassFixture<SqliteApp>;

public sealed class LongWriteTests_Postgres(PostgresApp app) : LongWriteTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Survey;

namespace Tongxing.IntegrationTests;

/// <summary>附件1 imports as background jobs: progress the user sees, owner-only, and each job run once however many nodes.</summary>
public abstract class ImportJobTests(TestApp app)
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    internal static Task<byte[]> Rows(int count, string prefix, string addressCode = "469001")
    {
        // Distinct IDs of an address code no other test uses (4690xx), over 30 birth years: random IDs of one age and
        // place would collide with each other, and with people other tests registered, by the birthday paradox.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            var birth = new DateOnly(2020, 4, 2).AddYears(-Random.Shared.Next(20, 50)).AddDays(-Random.Shared.Next(0, 360));
            ids.Add(Tongxing.Web.Data.Seed.DemoData.GenerateId(addressCode, birth, Gender.Female, Random.Shared));
        }
        return Attachment1Tests.Workbook(ids.Select((id, i) => Attachment1Tests.Row(i + 1, prefix + Chinese(i + 1), id)).ToArray());
    }

    /// <summary>Names hold no digits: 123 → 一二三.</summary>
    internal static string Chinese(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => "零一二三四五六七八九"[c - '0']));

    private static async Task<T> Db<T>(TestApp node, Func<TongxingDb, Task<T>> read)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task A_long_check_answers_at_once_and_its_progress_can_be_followed_to_the_report()
    {
        var village = await app.SignIn("luoman.cun");
        var response = await Attachment1Tests.Upload(village, await Rows(3000, "进度"), dryRun: true, wait: false);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var seen = new List<JsonElement>();
        JsonElement job;
        do
        {
            job = await village.GetFromJsonAsync<JsonElement>(location);
            seen.Add(job);
            await Task.Delay(50);
        }
        while (job.GetProperty("status").GetString() is "Queued" or "Running");

        Assert.Equal("Done", job.GetProperty("status").GetString());
        Assert.Equal(3000, job.GetProperty("report").GetProperty("new").GetInt32());
        Assert.Equal(3000, job.GetProperty("total").GetInt32());
        Assert.Equal(100, job.GetProperty("percent").GetInt32());
        // The report lists at most its limit of rows and says how many it left out.
        Assert.Equal(ImportAttachment1.ReportRowLimit, job.GetProperty("report").GetProperty("rows").GetArrayLength());
        Assert.Equal(3000 - ImportAttachment1.ReportRowLimit, job.GetProperty("report").GetProperty("rowsOmitted").GetInt32());
        // Followed while it ran: it was seen unfinished, and what it had done never went backwards.
        Assert.Contains(seen, s => s.GetProperty("status").GetString() is "Queued" or "Running");
        var processed = seen.Select(s => s.GetProperty("processed").GetInt32()).ToList();
        Assert.Equal(processed.OrderBy(p => p), processed);

        // Only its owner sees it.
        var other = await app.SignIn("guzhou.cun");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(location + "/confirm", null)).StatusCode);
    }

    [Fact]
    public async Task The_page_shows_a_running_job_as_a_progress_bar_and_sends_the_user_to_the_report_when_done()
    {
        var village = await app.SignIn("luoman.cun");
        var userId = await Db(app, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync());
        var job = new ImportUpload
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FileName = "大文件.xlsx",
            Content = [1],
            UploadedAt = app.Clock.GetUtcNow(),
            Status = ImportJobStatus.Running,
            ClaimedBy = "另一节点",
            StartedAt = app.Clock.GetUtcNow(),
            Phase = "检查",
            ProcessedRows = 250,
            TotalRows = 1000,
        };
        await Db(app, async db =>
        {
            db.ImportUploads.Add(job);
            return await db.SaveChangesAsync();
        });

        var page = await village.GetStringAsync($"/Survey/Import?job={job.Id}");
        Assert.Contains("已处理 <strong>250</strong> 行，共约 1000 行", page, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"25\"", page, StringComparison.Ordinal);
        var poll = await village.GetAsync($"/Survey/Import?handler=Progress&job={job.Id}");
        Assert.False(poll.Headers.Contains("HX-Redirect"));

        var report = new ImportReport(job.FileName, job.Id, null, 1000, 0, 0, false, []);
        await Db(app, db => db.ImportUploads.Where(u => u.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Status, ImportJobStatus.Done).SetProperty(u => u.ProcessedRows, 1000).SetProperty(u => u.ReportJson, ImportAttachment1.Serialize(report))));
        poll = await village.GetAsync($"/Survey/Import?handler=Progress&job={job.Id}");
        Assert.Equal($"/Survey/Import?job={job.Id}", poll.Headers.GetValues("HX-Redirect").Single());
        Assert.Contains("确认导入 1000 户", await village.GetStringAsync($"/Survey/Import?job={job.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirms_sent_at_once_queue_the_import_once_and_each_answers_where_it_stands()
    {
        var village = await app.SignIn("luoman.cun");
        var dry = await Attachment1Tests.Upload(village, await Rows(4, "齐确"), dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var id = (await dry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadId").GetGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => village.PostAsync($"/api/v1/survey/imports/{id}/confirm?wait=true", null)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(4, await Db(app, db => db.Households.CountAsync(h => h.HeadName.StartsWith("齐确"))));
        var job = await Db(app, db => db.ImportUploads.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Status, u.Commit }).SingleAsync());
        Assert.Equal((ImportJobStatus.Done, true), (job.Status, job.Commit));
        // Queued once: one audit entry records the confirmation.
        Assert.Equal(1, await Db(app, db => db.AuditEntries.CountAsync(a => a.Entity == nameof(ImportUpload) && a.EntityId == id.ToString() && a.Details!.Contains("\"Commit\":[false,true]"))));
        // The households the job created are logged under the village official who sent the file, not 系统.
        var ids = (await Db(app, db => db.Households.Where(h => h.HeadName.StartsWith("齐确")).Select(h => h.Id).ToListAsync())).Select(h => h.ToString()).ToList();
        var by = await Db(app, db => db.AuditEntries.Where(a => a.Entity == nameof(Household) && ids.Contains(a.EntityId!)).Select(a => a.UserName).Distinct().ToListAsync());
        var uploader = await Db(app, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.DisplayName).SingleAsync());
        Assert.Equal([uploader], by);
    }

    [Fact]
    public async Task A_file_waiting_when_its_uploader_is_disabled_imports_nothing()
    {
        var userId = await Db(app, db => db.Users.Where(u => u.UserName == "guzhou.cun").Select(u => u.Id).SingleAsync());
        var content = await Rows(5, "停用", "450204");
        var job = new ImportUpload
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FileName = "停用前上传.xlsx",
            Content = content,
            UploadedAt = app.Clock.GetUtcNow(),
            Status = ImportJobStatus.Queued,
            Commit = true,
        };
        var before = await Db(app, db => db.Households.CountAsync(h => h.VillageCode == Tongxing.Web.Data.Seed.DemoData.GuzhouVillage));
        await Db(app, async db =>
        {
            db.ImportUploads.Add(job);
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.DisabledAt = app.Clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        try
        {
            await app.Services.GetServices<IHostedService>().OfType<ImportWorker>().Single().RunNextAsync(CancellationToken.None);
            var done = await Db(app, db => db.ImportUploads.AsNoTracking().SingleAsync(u => u.Id == job.Id));
            Assert.NotEqual(ImportJobStatus.Queued, done.Status);
            Assert.Contains("上传人的账号已停用", JsonDocument.Parse(done.ReportJson!).RootElement.GetProperty("fileError").GetString(), StringComparison.Ordinal);
            Assert.Equal(before, await Db(app, db => db.Households.CountAsync(h => h.VillageCode == Tongxing.Web.Data.Seed.DemoData.GuzhouVillage)));
        }
        finally
        {
            await Db(app, async db =>
            {
                (await db.Users.SingleAsync(u => u.Id == userId)).DisabledAt = null;
                return await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task Finished_jobs_and_their_files_are_deleted_after_the_keeping_period()
    {
        var userId = await Db(app, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync());
        var now = app.Clock.GetUtcNow();
        ImportUpload Finished(int daysAgo) => new()
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FileName = $"{daysAgo}天前.xlsx",
            Content = [1, 2, 3],
            UploadedAt = now.AddDays(-daysAgo),
            Status = ImportJobStatus.Done,
            FinishedAt = now.AddDays(-daysAgo),
            ReportJson = "{}",
        };
        var old = Finished(8);
        var recent = Finished(6);
        await Db(app, async db =>
        {
            db.ImportUploads.AddRange(old, recent);
            return await db.SaveChangesAsync();
        });
        await app.Services.GetServices<IHostedService>().OfType<ImportWorker>().Single().RunNextAsync(CancellationToken.None);
        var left = await Db(app, db => db.ImportUploads.Where(u => u.Id == old.Id || u.Id == recent.Id).Select(u => u.Id).ToListAsync());
        Assert.Equal([recent.Id], left);
    }

    [Fact]
    public async Task A_file_is_streamed_into_its_job_and_back_out_byte_for_byte()
    {
        // 3 MB: many blocks of each copy, on both databases' streaming paths.
        var file = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(file);
        var userId = await Db(app, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync());
        var id = Guid.NewGuid();
        await Db(app, async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ImportUploads.Add(new ImportUpload { Id = id, UserId = userId, FileName = "流.xlsx", UploadedAt = app.Clock.GetUtcNow(), Status = ImportJobStatus.Done });
            await db.SaveChangesAsync();
            await ImportUploadContent.WriteAsync(db, id, new MemoryStream(file), CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });

        Assert.Equal(file, await Db(app, db => db.ImportUploads.Where(u => u.Id == id).Select(u => u.Content).SingleAsync()));
        var copied = await Db(app, async db =>
        {
            await using var copy = await ImportUploadContent.CopyToTempFileAsync(db, id, CancellationToken.None);
            using var read = new MemoryStream();
            await copy.CopyToAsync(read);
            return read.ToArray();
        });
        Assert.Equal(file, copied);
        // Outside a transaction the file is refused: a job must never be kept without it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Db(app, async db =>
        {
            await ImportUploadContent.WriteAsync(db, id, new MemoryStream(file), CancellationToken.None);
            return 0;
        }));
    }

    [Fact]
    public async Task Each_queued_job_runs_once_when_two_nodes_compete_for_them()
    {
        await using var node2 = new TestApp(app.Provider, app);
        var userId = await Db(app, db => db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync());
        var jobs = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var job = new ImportUpload { Id = Guid.NewGuid(), UserId = userId, FileName = $"批次{i}.xlsx", Content = await Rows(20, $"双节点{Chinese(i)}批", "469002"), UploadedAt = app.Clock.GetUtcNow(), Commit = true };
            jobs.Add(job.Id);
            await Db(app, async db =>
            {
                db.ImportUploads.Add(job);
                return await db.SaveChangesAsync();
            });
        }
        // Both nodes' workers, and two extra claimers on each, race for the same six jobs.
        var workers = new[] { app, node2 }.Select(n => n.Services.GetServices<IHostedService>().OfType<ImportWorker>().Single()).ToList();
        await Task.WhenAll(workers.Concat(workers).Select(w => Task.Run(async () =>
        {
            while (await w.RunNextAsync(CancellationToken.None))
            {
            }
        })));
        for (var i = 0; i < 100 && await Db(app, db => db.ImportUploads.CountAsync(u => jobs.Contains(u.Id) && u.Status != ImportJobStatus.Done)) > 0; i++)
        {
            await Task.Delay(100);
        }

        var done = await Db(app, db => db.ImportUploads.Where(u => jobs.Contains(u.Id)).ToListAsync());
        Assert.All(done, j =>
        {
            Assert.Equal(ImportJobStatus.Done, j.Status);
            var report = JsonSerializer.Deserialize<ImportReport>(j.ReportJson!, WebJson)!;
            Assert.Null(report.FileError); // a second run would have met its own rows as "registered by someone else"
            Assert.True(report.Imported);
            Assert.Empty(j.Content); // an imported file is not kept
        });
        Assert.Equal(120, await Db(app, db => db.Households.CountAsync(h => h.HeadName.StartsWith("双节点"))));
    }
}

public sealed class ImportJobTests_Sqlite(SqliteApp app) : ImportJobTests(app), IClassFixture<SqliteApp>;

public sealed class ImportJobTests_Postgres(PostgresApp app) : ImportJobTests(app), IClassFixture<PostgresApp>;

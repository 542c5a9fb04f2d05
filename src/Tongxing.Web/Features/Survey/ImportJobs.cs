using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;

namespace Tongxing.Web.Features.Survey;

/// <summary>
/// This node's side of the import jobs: wakes the local worker when a job is queued here, and keeps the progress of
/// jobs this node runs (the database row carries it for the other nodes).
/// </summary>
public sealed class ImportJobBoard : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);
    private readonly ConcurrentDictionary<Guid, (string Phase, int Processed, int Total)> _progress = new();

    public void Signal() => _signal.Release();

    public void Dispose() => _signal.Dispose();

    public async Task WaitAsync(TimeSpan max, CancellationToken ct)
    {
        await _signal.WaitAsync(max, ct);
        while (_signal.CurrentCount > 0)
        {
            await _signal.WaitAsync(0, ct);
        }
    }

    public void Report(Guid job, string phase, int processed, int total) => _progress[job] = (phase, processed, total);

    public void Forget(Guid job) => _progress.TryRemove(job, out _);

    /// <summary>The job as the database has it, with this node's fresher progress when it is the one running it.</summary>
    public ImportJobView Overlay(ImportJobView view) =>
        !view.Finished && _progress.TryGetValue(view.Id, out var p) && p.Processed >= view.Processed && view.Status == ImportJobStatus.Running
            ? view with { Phase = p.Phase, Processed = p.Processed, Total = p.Total }
            : view;
}

/// <summary>
/// Runs queued import jobs. Every node runs one worker (unless <c>Jobs:Worker</c> is false); a job is claimed by a
/// conditional update (queued → running), so however many nodes there are, each job runs once. The node running a job
/// marks it alive every few seconds; a job silent for <c>Jobs:StaleSeconds</c> (60 by default: its node died or
/// stopped) is queued again and another node continues it from its last committed chunk (ADR 0031). Finished jobs are
/// deleted after <c>Survey:ImportKeepDays</c> (7).
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, ImportJobBoard queue, TimeProvider clock, IConfiguration config, ILogger<ImportWorker> log) : BackgroundService
{
    private readonly string _node = config["Node:Name"] is { Length: > 0 } n ? n : $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// The clock of a job's signs of life: the machine's, also in a demo, whose clock starts again at its set date on
    /// every start (a restarted demo node would otherwise find a dead node's last sign of life in its future, and wait).
    /// </summary>
    internal static TimeProvider HeartbeatClock(TimeProvider clock) => clock is Features.Shared.DemoClock ? TimeProvider.System : clock;

    /// <summary>How long a running job may go without a sign of life before another node takes it over.</summary>
    private TimeSpan Stale => TimeSpan.FromSeconds(Math.Max(5, config.GetValue("Jobs:StaleSeconds", 60)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Jobs:Worker", true))
        {
            return; // a node that serves pages only; the other nodes' workers run the jobs
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive a failed poll (database restarting, say); it logs and tries again.
            catch (Exception e)
            {
                log.LogWarning(e, "import worker poll failed");
            }
#pragma warning restore CA1031
            try
            {
                await queue.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and runs the oldest queued job; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        // Finished jobs (and the files and personal data they hold) are not kept beyond Survey:ImportKeepDays.
        var expired = clock.GetUtcNow().AddDays(-config.GetValue("Survey:ImportKeepDays", 7));
        await db.ImportUploads.Where(u => (u.Status == ImportJobStatus.Done || u.Status == ImportJobStatus.Failed) && u.FinishedAt < expired).ExecuteDeleteAsync(ct);
        var stale = HeartbeatClock(clock).GetUtcNow() - Stale;
        await db.ImportUploads.Where(u => u.Status == ImportJobStatus.Running && (u.HeartbeatAt ?? u.StartedAt) < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportJobStatus.Queued).SetProperty(u => u.ClaimedBy, (string?)null), ct);
        var id = await db.ImportUploads.Where(u => u.Status == ImportJobStatus.Queued).OrderBy(u => u.UploadedAt).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is null)
        {
            return false;
        }
        var claimed = await db.ImportUploads.Where(u => u.Id == id && u.Status == ImportJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportJobStatus.Running).SetProperty(u => u.ClaimedBy, _node)
                .SetProperty(u => u.StartedAt, clock.GetUtcNow()).SetProperty(u => u.HeartbeatAt, HeartbeatClock(clock).GetUtcNow()), ct);
        if (claimed == 0)
        {
            return true; // another node took it first: look for the next one
        }
        // The job without its file: the file is copied from the row into a temporary file, a chunk at a time, and read
        // from there, so the worker never holds the whole upload in memory.
        var job = await db.ImportUploads.AsNoTracking().Where(u => u.Id == id).Select(ImportUpload.WithoutContent).FirstAsync(ct);
        var status = ImportJobStatus.Done;
        ImportReport report;
        using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = Heartbeat(job.Id, running);
        try
        {
            await using var file = await ImportUploadContent.CopyToTempFileAsync(db, job.Id, running.Token);
            report = await RunAsUploader(scope.ServiceProvider, job, file, running.Token);
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // The node is stopping, or another node has taken the job over: it stays with whoever runs it now, and is
            // queued again once silent.
            throw;
        }
        catch (ImportTakenOverException)
        {
            return true; // silent too long: another node has the job now and finishes it
        }
#pragma warning disable CA1031 // A failed job is reported to its owner and the worker carries on.
        catch (Exception e)
        {
            log.LogError(e, "import job {Job} failed", job.Id);
            status = ImportJobStatus.Failed;
            var written = await db.ImportUploads.AsNoTracking().Where(u => u.Id == job.Id).Select(u => u.WrittenRows).FirstOrDefaultAsync(CancellationToken.None);
            report = new ImportReport(job.FileName, job.Id, written == 0
                ? "导入时发生系统错误，未导入任何数据。请稍后重试，或联系区残联。"
                : $"导入时发生系统错误，已导入至第{written}行，其余未导入。请稍后重新上传同一文件：已导入的户会识别为已登记并跳过，其余继续导入。", 0, 0, 0, false, []);
        }
#pragma warning restore CA1031
        finally
        {
            await running.CancelAsync();
            await heartbeat;
        }
        await using var after = scopes.CreateAsyncScope();
        var json = ImportAttachment1.Serialize(report);
        var done = after.ServiceProvider.GetRequiredService<TongxingDb>().ImportUploads.Where(u => u.Id == job.Id && u.ClaimedBy == _node);
        var rows = report.TotalRows;
        await done.ExecuteUpdateAsync(s =>
        {
            s.SetProperty(u => u.Status, status).SetProperty(u => u.Phase, "完成").SetProperty(u => u.ReportJson, json)
                .SetProperty(u => u.ProcessedRows, rows).SetProperty(u => u.TotalRows, rows).SetProperty(u => u.FinishedAt, clock.GetUtcNow());
            if (report.Imported)
            {
                s.SetProperty(u => u.Content, Array.Empty<byte>()); // an imported file is not kept: the households are the record now
            }
        }, ct);
        queue.Forget(job.Id);
        return true;
    }

    /// <summary>
    /// Marks the job alive every quarter of <see cref="Stale"/> until it ends; when the job is no longer this node's (it
    /// was silent too long and another node took it over), cancels this node's run, whose uncommitted chunk is then
    /// rolled back.
    /// </summary>
    private async Task Heartbeat(Guid id, CancellationTokenSource running)
    {
        while (!running.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Stale / 4, clock, running.Token);
                await using var scope = scopes.CreateAsyncScope();
                var mine = await scope.ServiceProvider.GetRequiredService<TongxingDb>().ImportUploads
                    .Where(u => u.Id == id && u.ClaimedBy == _node && u.Status == ImportJobStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.HeartbeatAt, HeartbeatClock(clock).GetUtcNow()), running.Token);
                if (mine == 0)
                {
                    log.LogWarning("import job {Job} was taken over by another node; stopping here", id);
                    await running.CancelAsync();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // A failed beat (the database restarting) is tried again; each chunk's checkpoint also marks the job alive.
            catch (Exception e)
            {
                log.LogWarning(e, "import job {Job} heartbeat failed", id);
            }
#pragma warning restore CA1031
        }
    }

    private static async Task<ImportReport> RunAsUploader(IServiceProvider services, ImportUpload job, Stream file, CancellationToken ct)
    {
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(job.UserId);
        if (user is null)
        {
            return new ImportReport(job.FileName, job.Id, "上传人的账号已不存在，未导入任何数据", 0, 0, 0, false, []);
        }
        // An account disabled while its file waited (or ran on a node that died) imports nothing more.
        if (user.DisabledAt is not null)
        {
            return new ImportReport(job.FileName, job.Id, "上传人的账号已停用，未继续导入", 0, 0, 0, false, []);
        }
        await services.GetRequiredService<CurrentUser>().RunAsAsync(user, services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>());
        return await services.GetRequiredService<ImportAttachment1>().Execute(job, file, ct);
    }
}

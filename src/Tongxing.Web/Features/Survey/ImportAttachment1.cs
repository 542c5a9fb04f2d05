using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public enum ImportRowStatus
{
    New = 1,
    /// <summary>Already on the register in the same village, and the row changes nothing: skipped.</summary>
    AlreadyRegistered = 2,
    Rejected = 3,
    /// <summary>Already on the register, the row changes some fields, and the village may still correct the household: it is updated.</summary>
    Changed = 4,
    /// <summary>Already on the register, the row changes some fields, but the household can no longer be corrected (the reason says why): left as it is.</summary>
    Unchangeable = 5,
}

public sealed record ImportCellError(string Column, string Message);

/// <param name="Changes">For a row of a registered household: each field it changes, old → new.</param>
/// <param name="Reason">For an <see cref="ImportRowStatus.Unchangeable"/> row: why the household cannot be corrected.</param>
public sealed record ImportRowResult(int RowNumber, string? Name, ImportRowStatus Status, IReadOnlyList<ImportCellError> Errors,
    IReadOnlyList<FieldChange>? Changes = null, string? Reason = null);

/// <summary>
/// What a check (or import) found. <see cref="Rows"/> lists problem rows first, then changed ones, at most
/// <see cref="ImportAttachment1.ReportRowLimit"/>; <see cref="RowsOmitted"/> says how many more there were.
/// <see cref="AlreadyRegistered"/> counts registered households the file leaves as they are; <see cref="Changed"/> those it
/// updates; <see cref="Unchangeable"/> those it would change but may not.
/// </summary>
public sealed record ImportReport(string FileName, Guid? UploadId, string? FileError, int New, int AlreadyRegistered, int Rejected,
    bool Imported, IReadOnlyList<ImportRowResult> Rows, int RowsOmitted = 0, int Changed = 0, int Unchangeable = 0)
{
    public bool CanImport => FileError is null && Rejected == 0 && New + Changed > 0 && !Imported;

    public int TotalRows => New + AlreadyRegistered + Rejected + Changed + Unchangeable;
}

/// <summary>An import job as its owner sees it: where it is, how far, and the report once done.</summary>
public sealed record ImportJobView(Guid Id, string FileName, ImportJobStatus Status, bool Commit, string Phase, int Processed, int Total, ImportReport? Report)
{
    public bool Finished => Status is ImportJobStatus.Done or ImportJobStatus.Failed;
    public int Percent => Finished ? 100 : Total <= 0 ? 0 : (int)Math.Min(99, 100L * Processed / Total);
}

/// <summary>
/// Imports a filled-in 附件1 as a background job (issue #6): the upload is kept in the database, one worker on one node
/// claims it, checks every row with the same rules as the form (streaming, in chunks, so memory does not grow with the
/// file) and reports progress the user sees; a dry run keeps the file for the user's decision. An import first checks
/// the whole file and writes nothing unless every row passes; it then writes in chunks, each checked again and
/// committed with the job's checkpoint, so a long import never holds other offices' saves and a job left by a node that
/// died is continued by another (ADR 0031). A row of a household already registered in the same village that changes
/// nothing is skipped, so re-importing a file adds nothing; one that changes fields lists each change, old → new, and
/// updates the household (screened again, in its history) when the village may still correct it
/// (<see cref="Household.CanCorrect"/>), or says why not and leaves it.
/// </summary>
public sealed class ImportAttachment1(TongxingDb db, CurrentUser me, AreaDirectory areas, HouseholdChecks checks, Screener screener,
    TimeProvider clock, IConfiguration config, ImportJobBoard queue, IServiceScopeFactory scopes)
{
    public const int ReportRowLimit = 1000;
    /// <summary>Rows checked and written per transaction (<c>Survey:ImportChunkRows</c>, 500).</summary>
    private int Chunk => Math.Max(1, config.GetValue("Survey:ImportChunkRows", 500));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long MaxBytes => config.GetValue("Survey:ImportMaxBytes", 16L * 1024 * 1024);
    private int MaxRows => config.GetValue("Survey:ImportMaxRows", 100_000);

    /// <summary>Keeps the file and queues its check (and, with <paramref name="commit"/>, its import when every row passes).</summary>
    /// <param name="content">The uploaded file, seekable; streamed into the job's row, never held whole in memory.</param>
    public async Task<Outcome<ImportJobView>> Start(string fileName, Stream content, bool commit, CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Outcome<ImportJobView>.Forbidden("只有村（社区）党组织和镇党委可以导入汇总表");
        }
        var name = PlainText.Clean(fileName) is { Length: > 0 and <= 200 } clean ? clean : "附件1.xlsx";
        var job = new ImportUpload { Id = Guid.NewGuid(), UserId = me.Id, FileName = name, UploadedAt = clock.GetUtcNow(), Commit = commit };
        // The job and its file in one transaction: a job is never queued without its file.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.ImportUploads.Add(job);
            db.Audit(commit ? "上传并导入附件1" : "上传附件1试运行", nameof(ImportUpload), job.Id.ToString(), details: $"{name}，{content.Length - content.Position}字节");
            await db.SaveChangesAsync(ct);
            await ImportUploadContent.WriteAsync(db, job.Id, content, ct);
            await transaction.CommitAsync(ct);
        }
        queue.Signal();
        return Outcome<ImportJobView>.Success(View(job));
    }

    /// <summary>The user confirms a checked file: it is checked again against today's register and imported whole, or not at all.</summary>
    public async Task<Outcome<ImportJobView>> Confirm(Guid jobId, CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Outcome<ImportJobView>.Forbidden("只有村（社区）党组织和镇党委可以导入汇总表");
        }
        // Without its file (megabytes); attached, so that only what changes below is written.
        var job = await db.ImportUploads.AsNoTracking().Where(u => u.Id == jobId && u.UserId == me.Id).Select(ImportUpload.WithoutContent).FirstOrDefaultAsync(ct);
        if (job is { Commit: true })
        {
            // Confirmed already (a second click, a retried request): where the import stands.
            return Outcome<ImportJobView>.Success(queue.Overlay(View(job)));
        }
        if (job is null || job.Status != ImportJobStatus.Done || Report(job) is not { CanImport: true })
        {
            return Outcome<ImportJobView>.NotFound();
        }
        db.ImportUploads.Attach(job);
        job.Commit = true;
        job.Status = ImportJobStatus.Queued;
        job.Phase = "排队";
        job.ProcessedRows = 0;
        job.ReportJson = null;
        job.ClaimedBy = null;
        try
        {
            // Commit is the job's concurrency token: of confirms sent at once, one queues the job.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await Get(jobId, ct);
        }
        queue.Signal();
        return Outcome<ImportJobView>.Success(View(job));
    }

    /// <summary>Where the user's job is (any node may be running it).</summary>
    public async Task<Outcome<ImportJobView>> Get(Guid jobId, CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Outcome<ImportJobView>.Forbidden("只有村（社区）党组织和镇党委可以导入汇总表");
        }
        var job = await db.ImportUploads.AsNoTracking().Where(u => u.Id == jobId && u.UserId == me.Id)
            .Select(ImportUpload.WithoutContent).FirstOrDefaultAsync(ct);
        return job is null ? Outcome<ImportJobView>.NotFound() : Outcome<ImportJobView>.Success(queue.Overlay(View(job)));
    }

    /// <summary>Waits (polling, at most <paramref name="max"/>) for the job to finish; returns it as it then stands.</summary>
    public async Task<Outcome<ImportJobView>> Wait(Guid jobId, TimeSpan max, CancellationToken ct)
    {
        var until = DateTime.UtcNow + max;
        while (true)
        {
            var outcome = await Get(jobId, ct);
            if (!outcome.Ok || outcome.Value!.Finished || DateTime.UtcNow >= until)
            {
                return outcome;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private static ImportJobView View(ImportUpload job) =>
        new(job.Id, job.FileName, job.Status, job.Commit, job.Phase, job.ProcessedRows, job.TotalRows, Report(job));

    private static ImportReport? Report(ImportUpload job) => job.ReportJson is null ? null : JsonSerializer.Deserialize<ImportReport>(job.ReportJson, Json);

    public static string Serialize(ImportReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>Runs a claimed job as its uploader (the worker signs <see cref="CurrentUser"/> in as them).</summary>
    /// <param name="content">The uploaded file, seekable (the worker copies it from the job's row into a temporary file).</param>
    public async Task<ImportReport> Execute(ImportUpload job, Stream content, CancellationToken ct)
    {
        if (!me.Can(Capability.ImportSurvey))
        {
            return Failed(job, "您的岗位已无权导入汇总表，未导入任何数据");
        }
        if (content.Length > MaxBytes)
        {
            return Failed(job, $"文件大小为{content.Length / 1024.0 / 1024:0.0}MB，超过{MaxBytes / 1024 / 1024}MB的上限，请分批导入");
        }
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme is null)
        {
            return Failed(job, "本区尚未配置帮扶项目");
        }
        if (me.Actor is not { } actor)
        {
            return Failed(job, "您的岗位已无权导入汇总表，未导入任何数据");
        }
        var within = await areas.WithinAsync(me.Scope, ct);
        var context = new Context(programme, within.Where(a => a.Level == AreaLevel.Village).GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.First()),
            [], clock.Today(), actor, Track: job.Commit);

        // No counting pass (it would read the file twice): the bar's total is the sheet's row count less the lines above
        // the first data row, read from the sheet's XML without parsing cells. A fault of the file met on the way stops
        // the job before anything is written.
        var sheetRows = Attachment1Reader.LastRowNumber(content);
        var tally = new Tally();
        // The rows seen, by ID (its first 17 digits as a number: the 18th is their check character), so a duplicate in the
        // file is named: 100,000 rows take ~3 MB instead of ~10 MB as strings.
        var seen = new Dictionary<long, int>();
        var processed = 0;
        string? fileError = null;
        IEnumerable<SheetRow[]> Chunks(int after = 0) => Attachment1Reader.Stream(content, MaxRows)
            .TakeWhile(r => (fileError = r.Error) is null).Select(r => r.Row!).Where(r => r.RowNumber > after).Chunk(Chunk);
        // Once the check has counted the rows, the import's bar has its exact total (kept with the job for a node taking it over).
        var counted = 0;
        int Total(SheetRow[] chunk) => Math.Max(counted, Math.Max(processed + chunk.Length, sheetRows - (chunk[0].RowNumber - 1 - processed)));

        // Every row is checked first and nothing is written: a dry run stops here; an import goes on only when the whole
        // file passes. A job taken over from a node that died part-way through writing has passed this already.
        if (job.WrittenRows == 0)
        {
            await Progress(job, "检查", 0, 0, ct);
            foreach (var chunk in Chunks())
            {
                tally.Add(await CheckChunk(chunk, context with { Track = false }, seen, ct));
                var total = Total(chunk);
                processed += chunk.Length;
                await Progress(job, "检查", processed, total, ct);
            }
            if (fileError is not null)
            {
                return Failed(job, fileError);
            }
            var found = tally.Report(job);
            if (!job.Commit || !found.CanImport)
            {
                return found; // nothing written
            }
            counted = tally.Rows;
            tally = new Tally();
            processed = 0;
        }
        else
        {
            tally = Tally.Restore(job.CheckpointJson);
            processed = tally.Rows;
            counted = job.TotalRows;
        }

        // The import (ADR 0031): in chunks, each checked again against the register as it now stands and committed in a
        // short transaction of its own together with the job's checkpoint (the row written up to, and the tally). Other
        // offices' saves wait for one chunk at most, not for the file; a node that takes over a job left by a dead one
        // continues after the checkpoint, so no row is written twice or lost. A row that fails now (someone registered
        // the person since the check) is reported and not written; the others are.
        var cause = $"导入附件1（{job.FileName}）时自动筛查";
        var correctedCause = $"导入附件1（{job.FileName}）修改登记信息后重新筛查";
        var written = job.WrittenRows;
        foreach (var chunk in Chunks(written))
        {
            var total = Total(chunk);
            for (var attempt = 1; ; attempt++)
            {
                var before = tally.Save();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                // Duplicates within the file were refused by the check; each attempt starts afresh.
                var rows = await CheckChunk(chunk, context, new Dictionary<long, int>(), ct);
                tally.Add(rows);
                var now = clock.GetUtcNow();
                var created = rows.Where(r => r.Result.Status == ImportRowStatus.New)
                    .Select(r => Household.Propose(r.Details!, programme.Id, me.Id, me.DisplayName, now)).ToList();
                await screener.ScreenAsync(created, programme, cause, me.Id, me.DisplayName, now, ct);
                db.Households.AddRange(created);
                var corrected = new List<Household>();
                foreach (var r in rows.Where(r => r.Result.Status == ImportRowStatus.Changed))
                {
                    var comment = $"导入附件1（{job.FileName}）修改登记信息：" + string.Join("；", r.Result.Changes!);
                    var result = r.Existing!.Correct(r.Details!, actor, now, comment);
                    if (!result.Succeeded)
                    {
                        // Checked with the same rule a moment ago, in this transaction: not expected.
                        throw new InvalidOperationException($"第{r.Result.RowNumber}行：{result.Errors[0].Message}");
                    }
                    corrected.Add(r.Existing);
                }
                await screener.ScreenAsync(corrected, programme, correctedCause, me.Id, me.DisplayName, now, ct);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (attempt < 3 && (e is DbUpdateConcurrencyException || HouseholdChecks.IsDuplicatePerson(e)))
                {
                    // Someone changed a household or registered a person of this chunk meanwhile: the chunk is checked again.
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    tally = Tally.Restore(before);
                    continue;
                }
                var last = chunk[^1].RowNumber;
                var done = processed + chunk.Length;
                var checkpoint = tally.Save();
                var mine = await db.ImportUploads.Where(u => u.Id == job.Id && u.ClaimedBy == job.ClaimedBy && u.WrittenRows == written)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.WrittenRows, last).SetProperty(u => u.CheckpointJson, checkpoint)
                        .SetProperty(u => u.Phase, "导入").SetProperty(u => u.ProcessedRows, done).SetProperty(u => u.TotalRows, total)
                        .SetProperty(u => u.HeartbeatAt, ImportWorker.HeartbeatClock(clock).GetUtcNow()), ct);
                if (mine == 0)
                {
                    throw new ImportTakenOverException(job.Id); // rolled back: the node that has the job now writes this chunk
                }
                await tx.CommitAsync(ct);
                written = last;
                processed = done;
                queue.Report(job.Id, "导入", processed, total);
                // Households loaded to compare with their rows are not kept from one chunk to the next.
                db.ChangeTracker.Clear();
                break;
            }
        }
        return tally.Report(job) with { Imported = true };
    }

    /// <param name="Track">Whether registered households are loaded to be changed (an import) or only compared (a dry run).</param>
    private sealed record Context(Programme Programme, Dictionary<string, Area> VillageByName, Dictionary<string, AreaPath?> Paths, DateOnly Today,
        Actor Actor, bool Track);

    /// <param name="Details">What to write: a new household's, or a registered one's as the row corrects it.</param>
    /// <param name="Existing">The registered household a <see cref="ImportRowStatus.Changed"/> row corrects.</param>
    private sealed record CheckedRow(ImportRowResult Result, HouseholdDetails? Details, Household? Existing = null);

    /// <summary>Checks a chunk of rows with the form's rules, duplicates within the file, and the register.</summary>
    private async Task<List<CheckedRow>> CheckChunk(SheetRow[] chunk, Context context, Dictionary<long, int> seen, CancellationToken ct)
    {
        var checkedRows = new List<(SheetRow Row, HouseholdInput Input, HouseholdDetails? Details, List<ImportCellError> Errors)>(chunk.Length);
        foreach (var row in chunk)
        {
            var errors = new List<ImportCellError>();
            var input = Attachment1Import.ToInput(row, context.VillageByName, errors);
            AreaPath? path = null;
            if (input.VillageCode is { } code && !context.Paths.TryGetValue(code, out path))
            {
                path = context.Paths[code] = await areas.PathOfAsync(code, ct);
            }
            HouseholdDetails? details = null;
            if (errors.Count == 0)
            {
                var (d, result) = HouseholdRegistration.Check(input, path, context.Today);
                errors.AddRange(result.Errors.Select(e => new ImportCellError(Attachment1Import.ColumnOf(e.Field), e.Message)));
                details = d;
            }
            if (details is not null)
            {
                var id = long.Parse(details.Members[0].IdNumber.AsSpan(0, 17), System.Globalization.CultureInfo.InvariantCulture);
                if (seen.TryGetValue(id, out var first))
                {
                    errors.Add(new ImportCellError("身份证号码", $"与第{first}行的身份证号码重复"));
                    details = null;
                }
                else
                {
                    seen[id] = row.RowNumber;
                }
            }
            checkedRows.Add((row, input, details, errors));
        }

        var registered = await screener.RegisteredAsync(context.Programme.Id, checkedRows.Where(r => r.Details is not null).Select(r => r.Details!.Members[0].IdNumber), null, ct);
        var sameVillage = checkedRows.Where(r => r.Details is not null && r.Errors.Count == 0)
            .Select(r => (Where: registered.GetValueOrDefault(r.Details!.Members[0].IdNumber), r.Details))
            .Where(x => x.Where is not null && x.Where.VillageCode == x.Details.Area.VillageCode).Select(x => x.Where!.HouseholdId).Distinct().ToList();
        var households = await RegisteredHouseholdsAsync(sameVillage, context.Track, ct);
        var results = new List<CheckedRow>(chunk.Length);
        foreach (var (row, input, details, errors) in checkedRows)
        {
            var name = row["户主姓名"];
            if (details is null || errors.Count > 0)
            {
                results.Add(new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Rejected, errors), null));
            }
            else if (!registered.TryGetValue(details.Members[0].IdNumber, out var where))
            {
                if (DisabledPerson.HolderNamedIn(row["残疾人证号"], row["身份证号码"]) is { } holder)
                {
                    // A new household whose disabled person is another member: 附件1 carries the head alone.
                    errors.Add(new ImportCellError("残疾人证号", $"此证号属于户内其他成员（{holder}），附件1只能登记户主；此户请由村（社区）党组织在“登记帮扶对象”中连同家庭成员一并登记"));
                    results.Add(new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Rejected, errors), null));
                    continue;
                }
                results.Add(new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.New, errors), details));
            }
            else if (where.VillageCode != details.Area.VillageCode)
            {
                errors.Add(new ImportCellError("身份证号码", await checks.DuplicateMessageAsync(where, ct)));
                results.Add(new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Rejected, errors), null));
            }
            else if (households.TryGetValue(where.HouseholdId, out var household))
            {
                results.Add(Compare(row, input, details, household, context));
            }
            else
            {
                // Found a moment ago, gone now (another office removed it): this file no longer matches the register.
                errors.Add(new ImportCellError("身份证号码", "该户刚被他人修改，请重新试运行"));
                results.Add(new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Rejected, errors), null));
            }
        }
        return results;
    }

    /// <summary>Registered households (with their members) by id: tracked when an import will change them.</summary>
    private async Task<Dictionary<Guid, Household>> RegisteredHouseholdsAsync(List<Guid> ids, bool track, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Household>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var query = db.Households.Include(h => h.Members).Where(h => chunk.Contains(h.Id));
            foreach (var h in await (track ? query : query.AsNoTracking()).ToListAsync(ct))
            {
                result[h.Id] = h;
            }
        }
        return result;
    }

    /// <summary>
    /// A row of a household already registered in the same village, against the register: the household as the row
    /// corrects it (its 附件1 fields; the address and the other members stay) is checked with the form's rules, and
    /// is skipped when it changes nothing, updated when the village may still correct it, or left with the reason.
    /// </summary>
    private static CheckedRow Compare(SheetRow row, HouseholdInput rowInput, HouseholdDetails rowDetails, Household household, Context context)
    {
        var name = row["户主姓名"];
        if (household.HeadIdNumber != rowDetails.Members[0].IdNumber)
        {
            return new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Unchangeable, [],
                Reason: $"此人已作为{household.HeadName}户的家庭成员登记（不是户主），本行未作修改"), null);
        }
        var (details, result) = HouseholdRegistration.Check(Attachment1Import.Merge(HouseholdCorrection.InputOf(household), rowInput), rowDetails.Area, context.Today);
        var may = household.CanCorrect(context.Actor);
        if (details is null)
        {
            // The row does not fit the household as registered: an error to fix where the household could be corrected;
            // otherwise it would not be written anyway, and the reason says why.
            var errors = result.Errors.Select(e => new ImportCellError(Attachment1Import.ColumnOf(e.Field), e.Message)).ToList();
            return may.Succeeded
                ? new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Rejected, errors), null)
                : new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Unchangeable, errors, Reason: may.Errors[0].Message), null);
        }
        var changes = HouseholdCorrection.Changes(household, details);
        if (changes.Count == 0)
        {
            return new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.AlreadyRegistered, []), null);
        }
        return may.Succeeded
            ? new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Changed, [], changes), details, household)
            : new CheckedRow(new ImportRowResult(row.RowNumber, name, ImportRowStatus.Unchangeable, [], changes, may.Errors[0].Message), null);
    }

    /// <summary>Counts every row and keeps at most <see cref="ReportRowLimit"/> of them for the report: problems first, then changes, then the rest.</summary>
    private sealed class Tally
    {
        private readonly List<ImportRowResult> _problems = [];
        private readonly List<ImportRowResult> _changes = [];
        private readonly List<ImportRowResult> _others = [];
        private int _new, _registered, _rejected, _changed, _unchangeable;

        public int Rejected => _rejected;

        public int Rows => _new + _registered + _rejected + _changed + _unchangeable;

        private sealed record State(int New, int Registered, int Rejected, int Changed, int Unchangeable,
            List<ImportRowResult> Problems, List<ImportRowResult> Changes, List<ImportRowResult> Others);

        /// <summary>The tally as JSON, kept with each chunk's checkpoint so that a node taking the job over reports every row.</summary>
        public string Save() => JsonSerializer.Serialize(new State(_new, _registered, _rejected, _changed, _unchangeable, _problems, _changes, _others), Json);

        public static Tally Restore(string? json)
        {
            var tally = new Tally();
            if (json is not null && JsonSerializer.Deserialize<State>(json, Json) is { } s)
            {
                (tally._new, tally._registered, tally._rejected, tally._changed, tally._unchangeable) = (s.New, s.Registered, s.Rejected, s.Changed, s.Unchangeable);
                tally._problems.AddRange(s.Problems);
                tally._changes.AddRange(s.Changes);
                tally._others.AddRange(s.Others);
            }
            return tally;
        }

        public void Add(IEnumerable<CheckedRow> rows)
        {
            foreach (var r in rows.Select(r => r.Result))
            {
                switch (r.Status)
                {
                    case ImportRowStatus.New: _new++; break;
                    case ImportRowStatus.AlreadyRegistered: _registered++; break;
                    case ImportRowStatus.Changed: _changed++; break;
                    case ImportRowStatus.Unchangeable: _unchangeable++; break;
                    default: _rejected++; break;
                }
                var list = r.Status switch
                {
                    ImportRowStatus.Rejected => _problems,
                    ImportRowStatus.Changed or ImportRowStatus.Unchangeable => _changes,
                    _ => _others,
                };
                if (list.Count < ReportRowLimit)
                {
                    list.Add(r);
                }
            }
        }

        public ImportReport Report(ImportUpload job)
        {
            var rows = _problems.Concat(_changes).Concat(_others).Take(ReportRowLimit).ToList();
            var all = _new + _registered + _rejected + _changed + _unchangeable;
            return new ImportReport(job.FileName, job.Id, null, _new, _registered, _rejected, false, rows, all - rows.Count, _changed, _unchangeable);
        }
    }

    private static ImportReport Failed(ImportUpload job, string error) => new(job.FileName, job.Id, error, 0, 0, 0, false, []);

    /// <summary>Shows progress while checking: in this node's memory, and in the job's row (with a sign of life) for the other nodes.</summary>
    private async Task Progress(ImportUpload job, string phase, int processed, int total, CancellationToken ct)
    {
        queue.Report(job.Id, phase, processed, total);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TongxingDb>().ImportUploads.Where(u => u.Id == job.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Phase, phase).SetProperty(u => u.ProcessedRows, processed).SetProperty(u => u.TotalRows, total)
                .SetProperty(u => u.HeartbeatAt, ImportWorker.HeartbeatClock(clock).GetUtcNow()), ct);
    }
}

/// <summary>The job's checkpoint had moved on: another node took the job over while this one was silent, and runs it now.</summary>
public sealed class ImportTakenOverException(Guid job) : Exception($"import job {job} was taken over by another node");

using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Reports;

/// <summary>What the town federation sends for its report: the written part, the rules adopted (year-end only), the version read.</summary>
public sealed class ReportInput
{
    public string? Text { get; set; }
    public string? Rules { get; set; }
    /// <summary>The version read with the form; 0 when the report is not yet created.</summary>
    public int Version { get; set; }
}

/// <summary>The district's decision: the version read and, to send it back, the reason.</summary>
public sealed class ReportDecision
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed record ReportFileView(Guid Id, string FileName, string ContentType, string UploadedAt);

public sealed record ReportRow(Guid? Id, string TownCode, string TownName, string Kind, string KindLabel, string State, string StateLabel, string DueOn,
    string Timeliness, string TimelinessLabel, string? SubmittedAt, string? ReturnReason);

public sealed record ReportList(string ProgrammeName, string Today, IReadOnlyList<ReportRow> Rows, bool CanPrepare, bool CanReview);

public sealed record ReportView(Guid? Id, string TownCode, string TownName, string DistrictName, string ProgrammeName, int Year, string Kind, string KindLabel,
    string Title, string State, string StateLabel, string? LockedReason, string Text, string? Rules, TownReportFigures Figures, bool FiguresFrozen,
    string DueOn, string Timeliness, string TimelinessLabel, string? SubmittedByName, string? SubmittedAt, string? DecidedByName, string? DecidedAt,
    string? ReturnReason, int Version, bool CanWrite, bool CanReview, IReadOnlyList<ReportFileView> Files)
{
    public bool IsYearEnd => Kind == TownReportKinds.Slug(TownReportKind.YearEnd);
}

public sealed record CompletenessCell(Guid? Id, string Kind, string Timeliness, string TimelinessLabel);

public sealed record CompletenessTown(string TownCode, string TownName, IReadOnlyList<CompletenessCell> Cells, int Expected, int Received, int OnTime,
    int? Completeness, int? Timeliness);

public sealed record CompletenessKind(string Kind, string KindLabel, string DueOn, int Expected, int Received, int OnTime, int? Completeness, int? Timeliness);

public sealed record CompletenessView(string ProgrammeName, string Today, IReadOnlyList<CompletenessKind> Kinds, IReadOnlyList<CompletenessTown> Towns,
    int? Completeness, int? Timeliness);

/// <summary>
/// 季度反馈 and 年度工作总结 (SPEC §5; ADR 0030): the town federation (<see cref="Capability.PrepareReports"/>) writes and
/// submits its own town's report, the figures read live and frozen at submission; the district federation
/// (<see cref="Capability.ReviewReports"/>) accepts (locking it) or sends it back with a reason; the offices with
/// <see cref="Capability.ViewReports"/> read them and the district's completeness and timeliness. Every query is scoped
/// to the user's area; the one-per-town-and-kind index and the version token turn races into 409s.
/// </summary>
public sealed class TownReports(TongxingDb db, CurrentUser me, AreaDirectory areas, ReportFigures figures, PhotoUploads photos, FileStore files,
    IConfiguration config, TimeProvider clock)
{
    public const string NotAllowed = "季度反馈和年度总结由镇残联填报";
    public const string NotReviewer = "季度反馈和年度总结由区残联审核";
    public const string Stale = "报告刚被他人修改或审核，请刷新页面后重试";
    public const int MaxFiles = 10;

    public long MaxPdfBytes => config.GetValue("Uploads:MaxPdfBytes", 10L * 1024 * 1024);

    private bool MayRead => me.Can(Capability.ViewReports);

    public async Task<Outcome<ReportList>> List(CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<ReportList>.Forbidden("您的岗位无权查看季度反馈");
        }
        var (programme, towns) = await ProgrammeAndTownsAsync(ct);
        if (programme is null)
        {
            return Outcome<ReportList>.Success(new ReportList("", clock.Today().ToString("yyyy-MM-dd"), [], false, false));
        }
        var today = clock.Today();
        var reports = await Reports(programme.Id, ct);
        var rows = new List<ReportRow>();
        foreach (var kind in ReportSchedule.Kinds(programme))
        {
            foreach (var town in towns)
            {
                var r = reports.GetValueOrDefault((town.Code, kind));
                var t = Timeliness(kind, programme, r?.State, r?.SubmittedAt, today);
                rows.Add(new ReportRow(r?.Id, town.Code, town.Name, TownReportKinds.Slug(kind), ReportSchedule.Label(kind), (r?.State ?? ReportState.Draft).ToString(),
                    r is null ? "未填报" : ReportSchedule.Label(r.State), ReportSchedule.DueOn(kind, programme)!.Value.ToString("yyyy-MM-dd"), t.ToString(),
                    ReportSchedule.Label(t), r?.SubmittedAt is { } s ? Clock.Local(s) : null, r?.State == ReportState.Returned ? r.ReturnReason : null));
            }
        }
        return Outcome<ReportList>.Success(new ReportList(programme.Name, today.ToString("yyyy-MM-dd"), rows, me.Can(Capability.PrepareReports), me.Can(Capability.ReviewReports)));
    }

    /// <summary>A town's report of a kind as it stands (figures live for a draft); one not yet written reads as an empty draft.</summary>
    public async Task<Outcome<ReportView>> Get(string town, string kind, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<ReportView>.Forbidden("您的岗位无权查看季度反馈");
        }
        var (programme, path, k) = await OpenAsync(town, kind, ct);
        if (programme is null || path is null || k is null)
        {
            return Outcome<ReportView>.NotFound();
        }
        var report = await db.TownReports.AsNoTracking().FirstOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.TownCode == path.TownCode && r.Kind == k, ct);
        return Outcome<ReportView>.Success(await ViewAsync(programme, path, k.Value, report, ct));
    }

    public async Task<Outcome<ReportView>> Get(Guid id, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<ReportView>.Forbidden("您的岗位无权查看季度反馈");
        }
        var report = await db.TownReports.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Outcome<ReportView>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == report.ProgrammeId, ct);
        var path = await TownPathAsync(report.TownCode, ct);
        return Outcome<ReportView>.Success(await ViewAsync(programme, path!, report.Kind, report, ct));
    }

    /// <summary>Writes the report's text (creating the draft the first time); with <paramref name="submit"/> also sends it, in one save.</summary>
    public async Task<Outcome<ReportSaved>> Save(string town, string kind, ReportInput input, bool submit, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.PrepareReports))
        {
            return Outcome<ReportSaved>.Forbidden(NotAllowed);
        }
        var (programme, path, k) = await OpenAsync(town, kind, ct);
        if (programme is null || path is null || k is null)
        {
            return Outcome<ReportSaved>.NotFound();
        }
        var text = Normalise(input.Text) ?? "";
        var rules = Normalise(input.Rules);
        var check = TownReport.CheckText(k.Value, text, rules);
        if (!check.Succeeded)
        {
            return Outcome<ReportSaved>.Refused(check);
        }
        var now = clock.GetUtcNow();
        var report = await db.TownReports.FirstOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.TownCode == path.TownCode && r.Kind == k, ct);
        var created = report is null;
        if ((report?.Version ?? 0) != input.Version)
        {
            return Outcome<ReportSaved>.Conflict(report?.LockedReason ?? Stale);
        }
        if (report is null)
        {
            report = new TownReport(Guid.NewGuid(), programme.Id, path, k.Value, now);
            db.TownReports.Add(report);
        }
        var written = report.Write(text, rules, now);
        if (!written.Succeeded)
        {
            return Outcome<ReportSaved>.Refused(written);
        }
        if (submit)
        {
            if (ReportSchedule.MaySubmit(k.Value, programme, clock.Today()) is { Succeeded: false } early)
            {
                return Outcome<ReportSaved>.Refused(early);
            }
            var sent = report.Submit((await figures.CountAsync(programme, path.TownCode, k.Value, clock.Today(), ct)).ToJson(), actor, now);
            if (!sent.Succeeded)
            {
                return Outcome<ReportSaved>.Refused(sent);
            }
        }
        return await SaveAsync(report, created, ct);
    }

    /// <summary>Sends the report as it is written, its figures frozen.</summary>
    public async Task<Outcome<ReportSaved>> Submit(Guid id, ReportDecision input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.PrepareReports))
        {
            return Outcome<ReportSaved>.Forbidden(NotAllowed);
        }
        var report = await db.TownReports.Within(me.Scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Outcome<ReportSaved>.NotFound();
        }
        if (report.Version != input.Version)
        {
            return Outcome<ReportSaved>.Conflict(report.LockedReason ?? Stale);
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == report.ProgrammeId, ct);
        if (ReportSchedule.MaySubmit(report.Kind, programme, clock.Today()) is { Succeeded: false } early)
        {
            return Outcome<ReportSaved>.Refused(early);
        }
        var sent = report.Submit((await figures.CountAsync(programme, report.TownCode, report.Kind, clock.Today(), ct)).ToJson(), actor, clock.GetUtcNow());
        return sent.Succeeded ? await SaveAsync(report, false, ct) : Outcome<ReportSaved>.Refused(sent);
    }

    public Task<Outcome<ReportSaved>> Accept(Guid id, ReportDecision input, CancellationToken ct) =>
        Decide(id, input, (r, a) => r.Accept(a, clock.GetUtcNow()), ct);

    public Task<Outcome<ReportSaved>> Return(Guid id, ReportDecision input, CancellationToken ct)
    {
        var reason = Normalise(input.Reason) ?? "";
        if (reason.Length > TownReport.MaxReasonLength || Invisible(reason))
        {
            return Task.FromResult(Outcome<ReportSaved>.Invalid([new FieldError(nameof(TownReport.ReturnReason),
                $"退回原因不能超过{TownReport.MaxReasonLength}个字，且不能含有不可见的控制字符")]));
        }
        return Decide(id, input, (r, a) => r.Return(reason, a, clock.GetUtcNow()), ct);
    }

    private async Task<Outcome<ReportSaved>> Decide(Guid id, ReportDecision input, Func<TownReport, Actor, Result> decide, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.ReviewReports))
        {
            return Outcome<ReportSaved>.Forbidden(NotReviewer);
        }
        var report = await db.TownReports.Within(me.Scope).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Outcome<ReportSaved>.NotFound();
        }
        if (report.Version != input.Version)
        {
            return Outcome<ReportSaved>.Conflict(Stale);
        }
        var decided = decide(report, actor);
        return decided.Succeeded ? await SaveAsync(report, false, ct) : Outcome<ReportSaved>.Refused(decided);
    }

    private async Task<Outcome<ReportSaved>> SaveAsync(TownReport report, bool created, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            // A stale version, or a second official creating the same report at the same moment (the unique index).
            return Outcome<ReportSaved>.Conflict(created ? "该报告刚由他人创建，请刷新页面后重试" : Stale);
        }
        return Outcome<ReportSaved>.Success(new ReportSaved(report.Id, report.Version, report.State.ToString()));
    }

    /// <summary>Completeness and timeliness per town and per kind (DHIS2's measures), each cell naming the report.</summary>
    public async Task<Outcome<CompletenessView>> Completeness(CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<CompletenessView>.Forbidden("您的岗位无权查看季度反馈");
        }
        var today = clock.Today();
        var (programme, towns) = await ProgrammeAndTownsAsync(ct);
        if (programme is null)
        {
            return Outcome<CompletenessView>.Success(new CompletenessView("", today.ToString("yyyy-MM-dd"), [], [], null, null));
        }
        var reports = await Reports(programme.Id, ct);
        var kinds = ReportSchedule.Kinds(programme);
        var grid = towns.Select(t => (Town: t, Cells: kinds.Select(k =>
        {
            var r = reports.GetValueOrDefault((t.Code, k));
            return (Kind: k, Report: r, Timeliness: Timeliness(k, programme, r?.State, r?.SubmittedAt, today));
        }).ToList())).ToList();
        static (int Expected, int Received, int OnTime, int? C, int? T) Measure(IReadOnlyCollection<ReportTimeliness> all)
        {
            var (c, t) = ReportSchedule.Rates(all);
            return (all.Count(x => x is ReportTimeliness.OnTime or ReportTimeliness.Late or ReportTimeliness.Missing), all.Count(x => x is ReportTimeliness.OnTime or ReportTimeliness.Late), all.Count(x => x == ReportTimeliness.OnTime), c, t);
        }
        var byTown = grid.Select(g =>
        {
            var m = Measure(g.Cells.Select(c => c.Timeliness).ToList());
            return new CompletenessTown(g.Town.Code, g.Town.Name,
                g.Cells.Select(c => new CompletenessCell(c.Report?.Id, TownReportKinds.Slug(c.Kind), c.Timeliness.ToString(), ReportSchedule.Label(c.Timeliness))).ToList(),
                m.Expected, m.Received, m.OnTime, m.C, m.T);
        }).ToList();
        var byKind = kinds.Select((k, i) =>
        {
            var m = Measure(grid.Select(g => g.Cells[i].Timeliness).ToList());
            return new CompletenessKind(TownReportKinds.Slug(k), ReportSchedule.Label(k), ReportSchedule.DueOn(k, programme)!.Value.ToString("yyyy-MM-dd"),
                m.Expected, m.Received, m.OnTime, m.C, m.T);
        }).ToList();
        var (all, timely) = ReportSchedule.Rates(grid.SelectMany(g => g.Cells.Select(c => c.Timeliness)).ToList());
        return Outcome<CompletenessView>.Success(new CompletenessView(programme.Name, today.ToString("yyyy-MM-dd"), byKind, byTown, all, timely));
    }

    /// <summary>Attaches a document to a year-end summary the town may still change: a PDF (checked by its first bytes) or a photo.</summary>
    public async Task<Outcome<ReportSaved>> Attach(string town, string kind, byte[] content, string? fileName, int version, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.PrepareReports))
        {
            return Outcome<ReportSaved>.Forbidden(NotAllowed);
        }
        var (programme, path, k) = await OpenAsync(town, kind, ct);
        if (programme is null || path is null || k is null)
        {
            return Outcome<ReportSaved>.NotFound();
        }
        if (k != TownReportKind.YearEnd)
        {
            return Outcome<ReportSaved>.Invalid([new FieldError("File", "只有年度工作总结可以附上制度文件")]);
        }
        var report = await db.TownReports.FirstOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.TownCode == path.TownCode && r.Kind == k, ct);
        if (report is null)
        {
            return Outcome<ReportSaved>.Invalid([new FieldError("File", "请先保存总结的文字部分，再上传制度文件")]);
        }
        if (report.Version != version)
        {
            return Outcome<ReportSaved>.Conflict(report.LockedReason ?? Stale);
        }
        if (report.LockedReason is { } locked)
        {
            return Outcome<ReportSaved>.Conflict(locked);
        }
        if (content.Length == 0)
        {
            return Outcome<ReportSaved>.Invalid([new FieldError("File", "请选择要上传的PDF文件或照片")]);
        }
        var count = await db.OversightFiles.CountAsync(f => f.OwnerId == report.Id, ct);
        if (count >= MaxFiles)
        {
            return Outcome<ReportSaved>.Invalid([new FieldError("File", $"最多上传{MaxFiles}个文件")]);
        }
        string stored, contentType, name;
        if (IsPdf(content))
        {
            if (content.LongLength > MaxPdfBytes)
            {
                return Outcome<ReportSaved>.Invalid([new FieldError("File", $"PDF文件不能超过{MaxPdfBytes / 1024 / 1024}MB")]);
            }
            stored = await files.SaveAsync(content, ".pdf", ct);
            contentType = "application/pdf";
            name = CleanName(fileName, ".pdf");
        }
        else
        {
            var photo = await photos.SaveAsync(content, fileName, "File", ct);
            if (photo.Value is not { } p)
            {
                // A picture that cannot be used is said as such; anything else is told what may be attached.
                var picture = Documents.ImageSanitizer.IsPicture(content);
                return new Outcome<ReportSaved>(photo.Status, default, [.. photo.Errors.Select(e => picture ? e : e with { Message = "请上传PDF文件或JPG、PNG照片：" + e.Message })]);
            }
            (stored, contentType, name) = (p.StoredName, p.ContentType, CleanName(p.OriginalName, p.ContentType == "image/png" ? ".png" : ".jpg"));
        }
        var seq = (await db.OversightFiles.Where(f => f.OwnerId == report.Id).MaxAsync(f => (int?)f.Seq, ct) ?? 0) + 1;
        db.OversightFiles.Add(new OversightFile(report.Id, seq, stored, contentType, name, actor, clock.GetUtcNow()));
        report.Write(report.Text, report.Rules, clock.GetUtcNow());
        return await SaveAsync(report, false, ct);
    }

    /// <summary>A report's attached file, for those who may read the report; every view is audited.</summary>
    public async Task<Funds.StoredFile?> File(Guid reportId, Guid fileId, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }
        var report = await db.TownReports.AsNoTracking().Within(me.Scope).Where(r => r.Id == reportId).Select(r => new { r.Id, r.TownCode, r.Kind }).FirstOrDefaultAsync(ct);
        var file = report is null ? null : await db.OversightFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.OwnerId == report.Id, ct);
        var stream = file is null ? null : files.Open(file.StoredName);
        if (stream is null)
        {
            return null;
        }
        db.Audit("查看报告附件", nameof(TownReport), report!.Id.ToString(), details: $"{ReportSchedule.Label(report.Kind)}：{file!.FileName}");
        await db.SaveChangesAsync(ct);
        return new Funds.StoredFile(stream, file.ContentType, file.FileName);
    }

    /// <summary>The report for an export (the same reading as the page) and an audit line for the download.</summary>
    public async Task<Outcome<ReportView>> ForExport(string town, string kind, string format, CancellationToken ct)
    {
        var view = await Get(town, kind, ct);
        if (view.Value is { } v)
        {
            db.Audit("下载季度反馈", nameof(TownReport), v.Id?.ToString(), details: $"{v.TownName}{v.KindLabel}（{format}）");
            await db.SaveChangesAsync(ct);
        }
        return view;
    }

    private static bool IsPdf(byte[] content) => content.Length >= 5 && content[0] == '%' && content[1] == 'P' && content[2] == 'D' && content[3] == 'F' && content[4] == '-';

    private static string CleanName(string? fileName, string extension) => PlainText.FileName(fileName, "制度文件", extension, OversightFile.MaxFileNameLength);

    private async Task<ReportView> ViewAsync(Programme programme, AreaPath path, TownReportKind kind, TownReport? report, CancellationToken ct)
    {
        var today = clock.Today();
        var frozen = TownReportFigures.FromJson(report?.FiguresJson);
        var table = frozen ?? await figures.CountAsync(programme, path.TownCode, kind, today, ct);
        var names = await areas.NamesAsync([path.TownCode, path.DistrictCode], ct);
        var town = names.GetValueOrDefault(path.TownCode, path.TownCode);
        var district = names.GetValueOrDefault(path.DistrictCode, "");
        var fileRows = report is null ? [] : await db.OversightFiles.AsNoTracking().Where(f => f.OwnerId == report.Id).OrderBy(f => f.Seq)
            .Select(f => new { f.Id, f.FileName, f.ContentType, f.UploadedAt }).ToListAsync(ct);
        var t = Timeliness(kind, programme, report, today);
        var ownTown = me.Scope is { Level: AreaLevel.Town } s && s.Code == path.TownCode;
        return new ReportView(report?.Id, path.TownCode, town, district, programme.Name, programme.Year, TownReportKinds.Slug(kind), ReportSchedule.Label(kind),
            Title(district, town, programme.Year, kind), (report?.State ?? ReportState.Draft).ToString(), report is null ? "未填报" : ReportSchedule.Label(report.State),
            report?.LockedReason, report?.Text ?? "", report?.Rules, table, frozen is not null, ReportSchedule.DueOn(kind, programme)!.Value.ToString("yyyy-MM-dd"),
            t.ToString(), ReportSchedule.Label(t), report?.SubmittedByName, report?.SubmittedAt is { } sa ? Clock.Local(sa) : null, report?.DecidedByName,
            report?.DecidedAt is { } da ? Clock.Local(da) : null, report?.ReturnReason, report?.Version ?? 0,
            ownTown && me.Can(Capability.PrepareReports) && report?.LockedReason is null, me.Can(Capability.ReviewReports) && report?.State == ReportState.Submitted,
            fileRows.Select(f => new ReportFileView(f.Id, f.FileName, f.ContentType, Clock.Local(f.UploadedAt))).ToList());
    }

    /// <summary>柳南区洛满镇2020年第二季度“党员扶残 温暖同行”工作进展情况报告 / …年度工作总结.</summary>
    public static string Title(string district, string town, int year, TownReportKind kind) => kind == TownReportKind.YearEnd
        ? $"{district}{town}{year}年“党员扶残 温暖同行”活动年度工作总结"
        : $"{district}{town}{year}年{ReportSchedule.Label(kind)}“党员扶残 温暖同行”工作进展情况报告";

    private static ReportTimeliness Timeliness(TownReportKind kind, Programme programme, TownReport? r, DateOnly today) =>
        Timeliness(kind, programme, r?.State, r?.SubmittedAt, today);

    private static ReportTimeliness Timeliness(TownReportKind kind, Programme programme, ReportState? state, DateTimeOffset? submittedAt, DateOnly today) =>
        ReportSchedule.Timeliness(kind, programme, state, submittedAt is { } at ? Clock.Date(at) : null, today);

    /// <summary>What the list and the completeness grid need of a report: not its text, rules or frozen figures.</summary>
    private sealed record ReportMark(Guid Id, string TownCode, TownReportKind Kind, ReportState State, DateTimeOffset? SubmittedAt, string? ReturnReason);

    /// <summary>The programme's reports in the user's area by town and kind (one per town and kind: a unique index).</summary>
    private async Task<Dictionary<(string Town, TownReportKind Kind), ReportMark>> Reports(int programmeId, CancellationToken ct) =>
        (await db.TownReports.AsNoTracking().Within(me.Scope).Where(r => r.ProgrammeId == programmeId)
            .Select(r => new ReportMark(r.Id, r.TownCode, r.Kind, r.State, r.SubmittedAt, r.ReturnReason)).ToListAsync(ct))
        .ToDictionary(r => (r.TownCode, r.Kind));

    /// <summary>The current programme of the user's district and the towns of the user's area.</summary>
    private async Task<(Programme? Programme, IReadOnlyList<Area> Towns)> ProgrammeAndTownsAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        var towns = (await areas.InUseWithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Town).ToList();
        return (programme, towns);
    }

    /// <summary>The programme, the town's path (only a town inside the user's area) and the kind the programme expects; nulls otherwise.</summary>
    private async Task<(Programme? Programme, AreaPath? Path, TownReportKind? Kind)> OpenAsync(string town, string kind, CancellationToken ct)
    {
        var k = TownReportKinds.Parse(kind);
        var path = k is null ? null : await TownPathAsync(town, ct);
        if (path is null || me.Scope is not { } scope || scope.Level > AreaLevel.Town || !scope.Covers(path))
        {
            return (null, null, null);
        }
        var programme = await HouseholdChecks.CurrentProgrammeAsync(db, path.DistrictCode, clock.Today(), ct);
        return programme is null || !ReportSchedule.Kinds(programme).Contains(k!.Value) ? (null, null, null) : (programme, path, k);
    }

    private async Task<AreaPath?> TownPathAsync(string? town, CancellationToken ct)
    {
        if (QueryScope.FilterCode(town) is not { Length: 12 } code)
        {
            return null;
        }
        var t = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code && a.Level == AreaLevel.Town, ct);
        var d = t?.ParentCode is { } dc ? await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == dc, ct) : null;
        var c = d?.ParentCode is { } cc ? await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == cc, ct) : null;
        return t is null || d is null || c?.ParentCode is null ? null : new AreaPath(c.ParentCode, c.Code, d.Code, t.Code, "");
    }

    private static string? Normalise(string? s) => s?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static bool Invisible(string s) => PlainText.HasInvisible(TownReport.Visible(s));
}

public sealed record ReportSaved(Guid Id, int Version, string State);


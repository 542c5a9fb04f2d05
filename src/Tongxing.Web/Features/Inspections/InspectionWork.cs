using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Inspections;

public sealed class StartInspectionInput
{
    public string? TownCode { get; set; }
    /// <summary>yyyy-MM-dd; today when empty.</summary>
    public string? On { get; set; }
    public string? Inspectors { get; set; }
}

public sealed class CheckInput
{
    public bool? Met { get; set; }
    public string? Note { get; set; }
}

public sealed class SampleInput
{
    public int? Size { get; set; }
}

public sealed class FindingInput
{
    public bool? Satisfactory { get; set; }
    public string? Finding { get; set; }
}

public sealed class RectificationInput
{
    public string? Text { get; set; }
    public string? OwnerUserId { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? DueOn { get; set; }
}

public sealed class ConcludeInput
{
    /// <summary>Pass (合格) or Fail (不合格).</summary>
    public string? Result { get; set; }
    public string? Findings { get; set; }
}

public sealed record InspectionRow(string TownCode, string TownName, Guid? Id, string State, string Result, int OpenRectifications, string Summary);

public sealed record InspectionList(string ProgrammeName, string Deadline, bool CanStart, string Today, IReadOnlyList<InspectionRow> Towns);

public sealed record CheckView(string Key, string Label, string RecordValue, bool RecordMet, bool? Met, string? Note, string Link);

public sealed record SampleView(Guid HouseholdId, int Seq, string HeadName, string VillageName, string Status, bool? Satisfactory, string SatisfactoryLabel, string? Finding);

public sealed record RectificationView(Guid Id, string Text, string OwnerName, string DueOn, string State, bool Overdue, string? DoneNote);

public sealed record OwnerOption(string UserId, string Name);

public sealed record InspectionView(Guid Id, string ProgrammeName, int Year, string DistrictName, string TownCode, string TownName, string On, string Inspectors,
    string State, string Result, string? Findings, string? ConcludedAt, string? ConcludedByName, string? LockedReason, string Deadline,
    IReadOnlyList<CheckView> Checks, int SampleSeed, int SampleSize, int DefaultSampleSize, int Supported, bool MayRedraw, IReadOnlyList<SampleView> Samples,
    IReadOnlyList<RectificationView> Rectifications, IReadOnlyList<OwnerOption> Owners, bool CanEdit, string Today);

/// <summary>
/// 检查验收 (SPEC §4 phase 5): the organisation department and the district federation (<see cref="Capability.InspectTowns"/>
/// at district level) inspect each town of the current programme — the checklist pre-filled from the records, a
/// reproducible random sample of its households for the field check, a result and rectification items. A town's offices
/// read their own town's inspection; nobody else sees one. One handler for the pages and the API.
/// </summary>
public sealed class InspectionWork(TongxingDb db, CurrentUser me, AreaDirectory areas, FundBalances balances, TimeProvider clock, IConfiguration config)
{
    public const string NotAllowed = "检查验收由区委组织部、区残联进行";
    private const string Started = "该镇的检查验收已由他人开始";

    private bool MayInspect => me.Can(Capability.InspectTowns) && me.Scope?.Level == AreaLevel.District;
    private bool MayRead => MayInspect || me.Scope?.Level == AreaLevel.Town;
    private int DefaultSampleSize => Math.Clamp(config.GetValue("Inspection:DefaultSampleSize", 5), 1, Inspection.MaxSampleSize);

    private async Task<Programme?> ProgrammeAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        return district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
    }

    private static string DeadlineOf(Programme p, DateOnly today) =>
        p.Phase(ProgrammePhase.Inspection) is { } phase ? NextActions.DeadlineText(phase.Deadline ?? phase.End, today) : "";

    public async Task<Outcome<InspectionList>> List(CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<InspectionList>.Forbidden("您的岗位无权查看检查验收");
        }
        var programme = await ProgrammeAsync(ct);
        if (programme is null)
        {
            return Outcome<InspectionList>.NotFound();
        }
        var today = clock.Today();
        var towns = (await areas.InUseWithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Town).ToList();
        var inspections = await db.Inspections.AsNoTracking().Within(me.Scope).Where(i => i.ProgrammeId == programme.Id)
            .Select(i => new { i.Id, i.TownCode, i.State, i.Result }).ToListAsync(ct);
        var open = await db.ActionItems.AsNoTracking().Within(me.Scope)
            .Where(a => a.ProgrammeId == programme.Id && a.Source == ActionSource.Inspection && a.State == ActionState.Open)
            .GroupBy(a => a.TownCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var summaries = await db.TownReports.AsNoTracking().Within(me.Scope).Where(r => r.ProgrammeId == programme.Id && r.Kind == TownReportKind.YearEnd)
            .Select(r => new { r.TownCode, r.State }).ToListAsync(ct);
        var rows = towns.Select(t =>
        {
            var i = inspections.FirstOrDefault(x => x.TownCode == t.Code);
            var s = summaries.FirstOrDefault(x => x.TownCode == t.Code);
            return new InspectionRow(t.Code, t.Name, i?.Id, i is null ? "未开始" : Inspection.Label(i.State), i is null ? "" : Inspection.Label(i.Result),
                open.FirstOrDefault(o => o.Key == t.Code)?.N ?? 0, s is null ? "未报送" : ReportSchedule.Label(s.State));
        }).ToList();
        return Outcome<InspectionList>.Success(new InspectionList(programme.Name, DeadlineOf(programme, today), MayInspect, today.ToString("yyyy-MM-dd"), rows));
    }

    /// <summary>Starts a town's inspection with its checklist drawn up from the records; an inspection already started is returned as it is.</summary>
    public async Task<Outcome<Guid>> Start(StartInspectionInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayInspect)
        {
            return Outcome<Guid>.Forbidden(NotAllowed);
        }
        var programme = await ProgrammeAsync(ct);
        var town = (await areas.InUseWithinAsync(me.Scope, ct)).FirstOrDefault(a => a.Level == AreaLevel.Town && a.Code == input.TownCode);
        if (programme is null || town is null)
        {
            return Outcome<Guid>.Refused(Result.Refused("请选择本区的一个镇（街道）", nameof(input.TownCode)));
        }
        var existing = await db.Inspections.Where(i => i.ProgrammeId == programme.Id && i.TownCode == town.Code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return Outcome<Guid>.Success(id);
        }
        var today = clock.Today();
        var on = today;
        if (!string.IsNullOrWhiteSpace(input.On) && !DateOnly.TryParseExact(input.On.Trim(), "yyyy-MM-dd", out on))
        {
            return Outcome<Guid>.Refused(Result.Refused("检查日期格式应为 yyyy-MM-dd", nameof(input.On)));
        }
        var path = await TownPathAsync(town.Code, ct);
        if (path is null)
        {
            return Outcome<Guid>.Refused(Result.Refused("该镇下没有村（社区），无法检查验收", nameof(input.TownCode)));
        }
        var (inspection, result) = Inspection.Start(programme.Id, path, on, input.Inspectors ?? "", today, actor, clock.GetUtcNow());
        if (inspection is null)
        {
            return Outcome<Guid>.Refused(result);
        }
        db.Inspections.Add(inspection);
        inspection.Refresh(InspectionChecklist.Build(await FactsAsync(programme, town.Code, ct)), [], c => db.InspectionChecks.Add(c));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            // Two inspectors started the same town at once: the unique index let one in; answer with that one.
            db.ChangeTracker.Clear();
            var winner = await db.Inspections.Where(i => i.ProgrammeId == programme.Id && i.TownCode == town.Code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
            return winner is { } w ? Outcome<Guid>.Success(w) : Outcome<Guid>.Conflict(Started);
        }
        return Outcome<Guid>.Success(inspection.Id);
    }

    public async Task<Outcome<InspectionView>> Get(Guid id, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<InspectionView>.Forbidden("您的岗位无权查看检查验收");
        }
        var i = await db.Inspections.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return Outcome<InspectionView>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == i.ProgrammeId, ct);
        var today = clock.Today();
        var town = TownOf(i);
        var checks = await db.InspectionChecks.AsNoTracking().Where(c => c.InspectionId == id).OrderBy(c => c.Seq).ToListAsync(ct);
        var links = InspectionChecklist.Build(EmptyFacts(i.TownCode)).ToDictionary(l => l.Key, l => l.Link);
        var samples = await (from s in db.InspectionSamples.AsNoTracking()
                             join h in db.Households.AsNoTracking() on s.HouseholdId equals h.Id
                             where s.InspectionId == id
                             orderby s.Seq
                             select new { s.HouseholdId, s.Seq, h.HeadName, h.VillageCode, h.Status, s.Satisfactory, s.Finding }).ToListAsync(ct);
        var supported = await Supported(i.ProgrammeId, i.TownCode).CountAsync(ct);
        var actions = await db.ActionItems.AsNoTracking().Where(a => a.Source == ActionSource.Inspection && a.SourceId == id).OrderBy(a => a.CreatedAt).ToListAsync(ct);
        var owners = MayInspect && i.State == InspectionState.Open ? await OwnersAsync(i.TownCode, ct) : [];
        var names = await areas.NamesAsync(samples.Select(s => s.VillageCode).Append(i.TownCode).Append(i.DistrictCode).Distinct(), ct);
        return Outcome<InspectionView>.Success(new InspectionView(i.Id, programme.Name, programme.Year, names.GetValueOrDefault(i.DistrictCode, ""), i.TownCode,
            names.GetValueOrDefault(town, town), i.On.ToString("yyyy-MM-dd"), i.Inspectors, Inspection.Label(i.State), Inspection.Label(i.Result), i.Findings,
            i.ConcludedAt is { } c ? Clock.Local(c) : null, i.ConcludedByName, i.LockedReason, DeadlineOf(programme, today),
            checks.Select(c => new CheckView(c.Key, InspectionChecklist.Label(c.Key), c.RecordValue, c.RecordMet, c.Met, c.Note, links.GetValueOrDefault(c.Key, ""))).ToList(),
            i.SampleSeed, i.SampleSize, Math.Min(DefaultSampleSize, Math.Max(1, supported)), supported, samples.All(s => s.Satisfactory is null),
            samples.Select(s => new SampleView(s.HouseholdId, s.Seq, NoticeMasks.Name(s.HeadName), names.GetValueOrDefault(s.VillageCode, ""), Labels.Of(s.Status),
                s.Satisfactory, InspectionSample.Label(s.Satisfactory), s.Finding)).ToList(),
            actions.Select(a => new RectificationView(a.Id, a.Text, a.OwnerName, a.DueOn.ToString("yyyy-MM-dd"), a.State == ActionState.Done ? "已办结" : "办理中",
                a.OverdueOn(today), a.DoneNote)).ToList(),
            owners, MayInspect && i.State == InspectionState.Open, today.ToString("yyyy-MM-dd")));
    }

    /// <summary>The inspectors confirm or override one checklist line.</summary>
    public Task<Outcome<bool>> SaveCheck(Guid id, string key, CheckInput input, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            var check = await db.InspectionChecks.FirstOrDefaultAsync(c => c.InspectionId == id && c.Key == key, ct);
            if (check is null)
            {
                return Result.Refused("没有这一检查项目", "Key");
            }
            if (input.Met is not { } met)
            {
                return Result.Refused("请选择该项是否符合要求", nameof(input.Met));
            }
            return i.Confirm(check, met, input.Note);
        }, ct);

    /// <summary>Re-reads the records into the checklist while the inspection is open.</summary>
    public Task<Outcome<bool>> Refresh(Guid id, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == i.ProgrammeId, ct);
            var checks = await db.InspectionChecks.Where(c => c.InspectionId == id).ToListAsync(ct);
            return i.Refresh(InspectionChecklist.Build(await FactsAsync(programme, i.TownCode, ct)), checks, c => db.InspectionChecks.Add(c));
        }, ct);

    /// <summary>Draws (or re-draws, before any finding) the sample from a new seed.</summary>
    public Task<Outcome<bool>> Sample(Guid id, SampleInput input, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            var current = await db.InspectionSamples.Where(s => s.InspectionId == id).ToListAsync(ct);
            var households = await Supported(i.ProgrammeId, i.TownCode).Select(h => h.Id).ToListAsync(ct);
            var seed = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            var (drawn, result) = i.Draw(seed, input.Size ?? DefaultSampleSize, households, current);
            if (result.Succeeded)
            {
                // A household drawn again keeps its row (one row per household and inspection); the others go.
                db.InspectionSamples.RemoveRange(current.Where(c => drawn.All(d => d.HouseholdId != c.HouseholdId)));
                foreach (var d in drawn)
                {
                    if (current.FirstOrDefault(c => c.HouseholdId == d.HouseholdId) is { } kept)
                    {
                        kept.DrawnAgain(d.Seq);
                    }
                    else
                    {
                        db.InspectionSamples.Add(d);
                    }
                }
            }
            return result;
        }, ct);

    /// <summary>Records the field check's finding at a sampled household.</summary>
    public Task<Outcome<bool>> Finding(Guid id, Guid householdId, FindingInput input, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            var sample = await db.InspectionSamples.FirstOrDefaultAsync(s => s.InspectionId == id && s.HouseholdId == householdId, ct);
            if (sample is null)
            {
                return Result.Refused("该户不在本次抽查样本中", "HouseholdId");
            }
            if (input.Satisfactory is not { } ok)
            {
                return Result.Refused("请选择抽查结果：符合或不符合", nameof(input.Satisfactory));
            }
            return i.Record(sample, ok, input.Finding, actor, clock.GetUtcNow());
        }, ct);

    /// <summary>Adds a rectification item (整改事项) owned by an account of the inspected town.</summary>
    public Task<Outcome<bool>> AddRectification(Guid id, RectificationInput input, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            if (i.MayAddRectification() is { Succeeded: false } locked)
            {
                return locked;
            }
            var owner = (await OwnersAsync(i.TownCode, ct)).FirstOrDefault(o => o.UserId == input.OwnerUserId);
            if (!string.IsNullOrEmpty(input.OwnerUserId) && owner is null)
            {
                return Result.Refused("责任人应是被检查镇的账号", nameof(ActionItem.OwnerUserId));
            }
            if (!DateOnly.TryParseExact(input.DueOn?.Trim(), "yyyy-MM-dd", out var due))
            {
                return Result.Refused("请填写整改期限（yyyy-MM-dd）", nameof(ActionItem.DueOn));
            }
            var path = await TownPathAsync(i.TownCode, ct);
            var (action, result) = ActionItem.Create(ActionSource.Inspection, i.Id, i.ProgrammeId, path!, input.Text ?? "", owner?.UserId ?? "",
                OwnerName(owner), due, clock.Today(), actor, clock.GetUtcNow());
            if (action is not null)
            {
                db.ActionItems.Add(action);
            }
            return result;
        }, ct);

    /// <summary>Records the result (合格/不合格) with findings; the inspection is locked.</summary>
    public Task<Outcome<bool>> Conclude(Guid id, ConcludeInput input, CancellationToken ct) =>
        Change(id, async (i, actor) =>
        {
            InspectionResult? result = input.Result switch
            {
                "Pass" or "合格" => InspectionResult.Pass,
                "Fail" or "不合格" => InspectionResult.Fail,
                _ => null,
            };
            var checks = await db.InspectionChecks.AsNoTracking().Where(c => c.InspectionId == id).ToListAsync(ct);
            var samples = await db.InspectionSamples.AsNoTracking().Where(s => s.InspectionId == id).ToListAsync(ct);
            var rectifications = await db.ActionItems.CountAsync(a => a.Source == ActionSource.Inspection && a.SourceId == id, ct);
            return i.Conclude(result, input.Findings, checks, samples, rectifications, actor, clock.GetUtcNow());
        }, ct);

    /// <summary>One change of an open inspection by an inspector: found in the area, changed by the rule, saved once (a race → 409).</summary>
    private async Task<Outcome<bool>> Change(Guid id, Func<Inspection, Actor, Task<Result>> change, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !MayRead)
        {
            return Outcome<bool>.Forbidden(NotAllowed);
        }
        var i = await db.Inspections.Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return Outcome<bool>.NotFound();
        }
        if (!MayInspect)
        {
            return Outcome<bool>.Forbidden(NotAllowed);
        }
        var result = await change(i, actor);
        if (!result.Succeeded)
        {
            return Outcome<bool>.Refused(result);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            return Outcome<bool>.Conflict("检查验收记录刚被他人修改，请刷新页面后重试");
        }
        return Outcome<bool>.Success(true);
    }

    /// <summary>The inspection report (.docx) of one town; the download is audited.</summary>
    public async Task<Outcome<(byte[] Bytes, string FileName)>> Report(Guid id, CancellationToken ct)
    {
        var view = await Get(id, ct);
        if (!view.Ok)
        {
            return new(view.Status, default, view.Errors);
        }
        var v = view.Value!;
        db.Audit("下载检查验收表", nameof(Inspection), id.ToString(), v.TownName);
        await db.SaveChangesAsync(ct);
        return Outcome<(byte[], string)>.Success((Documents.InspectionReportDocument.Build(v), $"{v.Year}年{v.TownName}检查验收表.docx"));
    }

    private IQueryable<Household> Supported(int programmeId, string townCode) =>
        db.Households.AsNoTracking().Where(h => h.ProgrammeId == programmeId && h.TownCode == townCode
            && h.Status >= FundBalances.FirstFiled && h.Status <= FundBalances.LastFiled);

    /// <summary>Every figure of the checklist for one town, each one count in SQL.</summary>
    internal async Task<InspectionFacts> FactsAsync(Programme programme, string townCode, CancellationToken ct)
    {
        var today = clock.Today();
        var scope = new AreaScope(AreaLevel.Town, townCode);
        var supported = Supported(programme.Id, townCode);
        var count = await supported.CountAsync(ct);
        var perVillage = await supported.GroupBy(h => h.VillageCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var villages = (await areas.InUseWithinAsync(scope, ct)).Where(a => a.Level == AreaLevel.Village).ToList();
        var villagesShort = villages.Where(v => perVillage.GetValueOrDefault(v.Code) < Math.Max(1, programme.MinHouseholdsPerVillage)).Select(v => v.Name).ToList();
        var withoutNotice = await supported.CountAsync(h => h.NoticeId == null, ct);
        var notices = db.Notices.AsNoTracking().Where(n => n.ProgrammeId == programme.Id && n.TownCode == townCode);
        var noticeCount = await notices.CountAsync(ct);
        var noticesWithoutPhotos = await notices.CountAsync(n => !n.Photos.Any(), ct);
        var pending = await db.Households.AsNoTracking().CountAsync(h => h.ProgrammeId == programme.Id && h.TownCode == townCode
            && h.Status >= HouseholdStatus.ReviewedByDistrict && h.Status < FundBalances.FirstFiled && !h.IsReserve, ct);

        var figures = await balances.FiguresAsync(programme, scope, [townCode], ct);
        var counts = figures.Counts.FirstOrDefault(c => c.TownCode == townCode) ?? TownCounts.None(townCode);
        var flags = Reconciliation.Check(figures.Sources, figures.Towns, figures.Counts, new FundsDeadline(programme.Phase(ProgrammePhase.Funds)?.Deadline, today), c => c);

        var paired = supported.Where(h => h.VisitsFrom != null);
        var pairedCount = await paired.CountAsync(ct);
        var withoutAgreement = await paired.CountAsync(h => !db.Pairings.Any(p => p.HouseholdId == h.Id && p.EndedOn == null && p.AgreementStoredName != null), ct);
        var overdueFrom = VisitSchedule.Of(programme).OverdueIfFromOnOrBefore(today);
        var overdue = await paired.CountAsync(h => h.VisitsFrom <= overdueFrom, ct);
        var neverVisited = await paired.CountAsync(h => !db.Visits.Any(v => v.HouseholdId == h.Id && v.Kind == VisitKind.ReturnVisit), ct);

        var reports = await db.TownReports.AsNoTracking().Where(r => r.ProgrammeId == programme.Id && r.TownCode == townCode)
            .Select(r => new { r.Kind, r.State, r.SubmittedAt }).ToListAsync(ct);
        var timeliness = ReportSchedule.ExpectedBy(programme, today).Select(k =>
        {
            var r = reports.FirstOrDefault(x => x.Kind == k);
            return ReportSchedule.Timeliness(k, programme, r?.State, r?.SubmittedAt is { } at ? Clock.Date(at) : null, today);
        }).Where(t => t is not ReportTimeliness.NotDue and not ReportTimeliness.Pending).ToList();

        return new InspectionFacts(townCode, programme.QuotaOf(townCode), count, programme.MinHouseholdsPerVillage, villages.Count, villagesShort,
            withoutNotice, noticeCount, noticesWithoutPhotos, pending, counts.Unpaid, counts.PaidWithoutReceipt, Reconciliation.Balanced(townCode, flags),
            pairedCount, withoutAgreement, overdue, neverVisited, timeliness.Count, timeliness.Count(t => t == ReportTimeliness.OnTime),
            timeliness.Count(t => t == ReportTimeliness.Late), timeliness.Count(t => t == ReportTimeliness.Missing));
    }

    private static InspectionFacts EmptyFacts(string townCode) => new(townCode, 0, 0, 0, 0, [], 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, 0);

    private static string TownOf(Inspection i) => i.TownCode;

    private async Task<AreaPath?> TownPathAsync(string townCode, CancellationToken ct)
    {
        var village = (await areas.WithinAsync(new AreaScope(AreaLevel.Town, townCode), ct)).FirstOrDefault(a => a.Level == AreaLevel.Village);
        return village is null ? null : await areas.PathOfAsync(village.Code, ct) is { } p ? p with { VillageCode = "" } : null;
    }

    /// <summary>The inspected town's own accounts (not disabled): who may own a rectification item.</summary>
    private async Task<List<OwnerOption>> OwnersAsync(string townCode, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.AreaCode == townCode && u.DisabledAt == null).OrderBy(u => u.Role).ThenBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct))
        .Select(u => new OwnerOption(u.Id, $"{u.DisplayName}（{u.Role.Label()}）")).ToList();

    private static string OwnerName(OwnerOption? o) => o is null ? "" : TextCut.Shorten(o.Name, 50);
}

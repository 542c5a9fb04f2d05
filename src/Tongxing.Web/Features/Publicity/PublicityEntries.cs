using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Publicity;

/// <summary>What an office sends for a publicity entry; ids and dates as text so a bad one gets a clear message.</summary>
public sealed class PublicityInput
{
    /// <summary>AdvancedCollective, AdvancedIndividual or GoodPractice.</summary>
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Text { get; set; }
    public string? HouseholdId { get; set; }
    public string? HelperId { get; set; }
    public string? BranchVillageCode { get; set; }
    /// <summary>The date the linked household agreed in writing to be named (yyyy-MM-dd); empty: it is not named outside.</summary>
    public string? ConsentOn { get; set; }
    public int Version { get; set; }
}

/// <summary>A decision on an entry: the reason (to return or withdraw) and the version read with the page.</summary>
public sealed class PublicityDecisionInput
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed record PublicityRow(Guid Id, string Kind, string KindLabel, string Title, string State, string StateLabel, string UpdatedAt, int Photos);

public sealed record PublicityList(IReadOnlyList<PublicityRow> Entries, int Page, bool HasMore, bool CanWrite, bool CanApprove);

public sealed record PublicityPhoto(int Seq, string FileName);

public sealed record PublicityChoice(string Value, string Label);

public sealed record PublicityView(Guid Id, string Kind, string KindLabel, string Title, string Text, Guid? HouseholdId, string? HouseholdName,
    string? PublicHouseholdName, string? ConsentOn, Guid? HelperId, string? HelperName, string? BranchVillageCode, string? BranchName, string State,
    string StateLabel, string? ReturnReason, string CreatedByName, string? DecidedAt, string? ApproverName, IReadOnlyList<PublicityPhoto> Photos, int Version,
    bool CanEdit, bool CanApprove);

/// <summary>The scoped choices a writer may link an entry to.</summary>
public sealed record PublicityChoices(IReadOnlyList<PublicityChoice> Households, IReadOnlyList<PublicityChoice> Helpers, IReadOnlyList<PublicityChoice> Branches,
    int MaxPhotos);

/// <summary>
/// 宣传: entries about advanced collectives and individuals and good practices, written by the offices that hold
/// <see cref="Capability.WritePublicity"/> in their own area, approved (or returned, or later withdrawn) by the district
/// federation (<see cref="Capability.ApprovePublicity"/>). Only approved entries go into the export for publicity, and a
/// linked household is named there only with its recorded consent.
/// </summary>
public sealed class PublicityEntries(TongxingDb db, CurrentUser me, TimeProvider clock, PhotoUploads photos, AreaDirectory areas, IConfiguration config)
{
    public const int PageSize = 20;
    public const string Stale = "该宣传材料刚被他人修改，请刷新页面后重试";

    public int MaxPhotos => Math.Clamp(config.GetValue("Publicity:MaxPhotos", 6), 1, 20);
    public long MaxPhotoBytes => photos.MaxBytes;

    /// <summary>The households an entry may name: filed and on in the programme.</summary>
    private static readonly HouseholdStatus[] Linked = [HouseholdStatus.Filed, HouseholdStatus.Paid, HouseholdStatus.Paired, HouseholdStatus.Assessed];

    private bool MayRead => me.Can(Capability.WritePublicity) || me.Can(Capability.ApprovePublicity);

    public async Task<Outcome<PublicityList>> List(string? kind, string? state, int page, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<PublicityList>.Forbidden("您的岗位无权查看宣传材料");
        }
        page = Math.Clamp(page, 1, 10_000);
        var q = db.PublicityItems.AsNoTracking().Within(me.Scope);
        if (Enum.TryParse<PublicityKind>(kind, out var k) && Enum.IsDefined(k))
        {
            q = q.Where(p => p.Kind == k);
        }
        if (Enum.TryParse<PublicityState>(state, out var s) && Enum.IsDefined(s))
        {
            q = q.Where(p => p.State == s);
        }
        var rows = await q.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new { p.Id, p.Kind, p.Title, p.State, p.UpdatedAt, Photos = db.OversightFiles.Count(f => f.OwnerId == p.Id) }).ToListAsync(ct);
        return Outcome<PublicityList>.Success(new PublicityList(rows.Take(PageSize).Select(r => new PublicityRow(r.Id, r.Kind.ToString(), PublicityRules.Label(r.Kind),
            r.Title, r.State.ToString(), PublicityRules.Label(r.State), Clock.Local(r.UpdatedAt), r.Photos)).ToList(), page, rows.Count > PageSize,
            me.Can(Capability.WritePublicity), me.Can(Capability.ApprovePublicity)));
    }

    public async Task<Outcome<PublicityView>> Get(Guid id, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<PublicityView>.Forbidden("您的岗位无权查看宣传材料");
        }
        var p = await db.PublicityItems.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? Outcome<PublicityView>.NotFound() : Outcome<PublicityView>.Success(await ViewOf(p, ct));
    }

    /// <summary>What an entry may be linked to in the writer's area; <paramref name="q"/> narrows households and helpers by name (300 of each at most).</summary>
    public async Task<Outcome<PublicityChoices>> Choices(string? q, CancellationToken ct)
    {
        if (!me.Can(Capability.WritePublicity))
        {
            return Outcome<PublicityChoices>.Forbidden("您的岗位无权撰写宣传材料");
        }
        var term = q?.Trim() is { Length: > 0 and <= 30 } t && !PlainText.HasInvisible(t) ? t : null;
        var households = await db.Households.AsNoTracking().Within(me.Scope).Where(h => Linked.Contains(h.Status) && (term == null || h.HeadName.Contains(term)))
            .OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).Take(300).Select(h => new { h.Id, h.HeadName }).ToListAsync(ct);
        var helpers = await db.Helpers.AsNoTracking().Within(me.Scope).Where(h => term == null || h.Name.Contains(term)).OrderBy(h => h.VillageCode).ThenBy(h => h.Name)
            .Take(300).Select(h => new { h.Id, h.Name }).ToListAsync(ct);
        var branches = (await areas.InUseWithinAsync(me.Scope, ct)).Where(a => a.Level == AreaLevel.Village)
            .Select(a => new PublicityChoice(a.Code, a.Name + "党组织")).ToList();
        return Outcome<PublicityChoices>.Success(new PublicityChoices(households.Select(h => new PublicityChoice(h.Id.ToString(), h.HeadName + "户")).ToList(),
            helpers.Select(h => new PublicityChoice(h.Id.ToString(), h.Name)).ToList(), branches, MaxPhotos));
    }

    /// <summary>Writes a new entry (<paramref name="id"/> null) or corrects a draft or returned one; returns its id.</summary>
    public async Task<Outcome<Guid>> Save(Guid? id, PublicityInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.WritePublicity) || me.Scope is not { } scope)
        {
            return Outcome<Guid>.Forbidden("宣传材料由村（社区）党组织、镇党委、镇残联、区委组织部或区残联撰写");
        }
        PublicityItem? item = null;
        if (id is { } existing)
        {
            item = await db.PublicityItems.Within(scope).FirstOrDefaultAsync(p => p.Id == existing, ct);
            if (item is null)
            {
                return Outcome<Guid>.NotFound();
            }
            // An entry is rewritten only by the unit that wrote it; the district federation returns or withdraws it instead.
            if (WriterOf(item) != scope.Code)
            {
                return Outcome<Guid>.Forbidden("宣传材料由撰写单位修改；区残联可退回修改或撤回");
            }
            if (item.Version != input.Version)
            {
                return Outcome<Guid>.Conflict(Stale);
            }
        }
        var errors = new List<FieldError>();
        var household = await Link(input.HouseholdId, nameof(PublicityInput.HouseholdId), "帮扶对象户", g => db.Households.Within(scope).AnyAsync(h => h.Id == g, ct), errors);
        var helper = await Link(input.HelperId, nameof(PublicityInput.HelperId), "帮扶人", g => db.Helpers.Within(scope).AnyAsync(h => h.Id == g, ct), errors);
        string? branch = null;
        if (!string.IsNullOrWhiteSpace(input.BranchVillageCode))
        {
            branch = input.BranchVillageCode.Trim();
            if (!(await areas.InUseWithinAsync(scope, ct)).Any(a => a.Level == AreaLevel.Village && a.Code == branch))
            {
                errors.Add(new(nameof(PublicityInput.BranchVillageCode), "请从列表中选择本辖区的村（社区）党组织"));
            }
        }
        var today = clock.Today();
        var (details, check) = PublicityRules.Check(input.Kind, input.Title, input.Text, input.ConsentOn, household is not null, today);
        errors.AddRange(check.Errors);
        if (household is { } linked && details is { ConsentOn: null })
        {
            // Without the household's consent its name may not stand in the title or the text either.
            var name = await db.Households.AsNoTracking().Where(h => h.Id == linked).Select(h => h.HeadName).FirstAsync(ct);
            if (PublicityRules.Names(details.Title, name) || PublicityRules.Names(details.Text, name))
            {
                errors.Add(new(PublicityRules.Names(details.Title, name) ? nameof(PublicityInput.Title) : nameof(PublicityInput.Text),
                    $"未登记该户同意公开的日期，标题和正文中不能出现户主姓名“{name}”"));
            }
        }
        var unit = await UnitPathAsync(scope, ct);
        var programme = unit is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, unit.DistrictCode, today, ct);
        if (programme is null)
        {
            errors.Add(new("", "本区尚未配置帮扶项目，请联系区残联"));
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        if (item is null)
        {
            item = PublicityItem.Create(Guid.NewGuid(), programme!.Id, unit!, details!, household, helper, branch, actor, now);
            db.PublicityItems.Add(item);
        }
        else if (item.Edit(details!, household, helper, branch, now) is { Succeeded: false } locked)
        {
            return Outcome<Guid>.Refused(locked);
        }
        return await SaveAsync(item.Id, ct);
    }

    /// <summary>Adds a photo to a draft or returned entry (checked before anything is saved); returns the photo's number.</summary>
    public async Task<Outcome<int>> AddPhoto(Guid id, byte[] content, string? fileName, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.WritePublicity))
        {
            return Outcome<int>.Forbidden("您的岗位无权撰写宣传材料");
        }
        var item = await db.PublicityItems.Within(me.Scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (item is null)
        {
            return Outcome<int>.NotFound();
        }
        if (WriterOf(item) != me.Scope?.Code)
        {
            return Outcome<int>.Forbidden("宣传材料由撰写单位修改；区残联可退回修改或撤回");
        }
        if (item.PhotoAdded(clock.GetUtcNow()) is { Succeeded: false } locked)
        {
            return Outcome<int>.Refused(locked);
        }
        var seqs = await db.OversightFiles.Where(f => f.OwnerId == id).Select(f => f.Seq).ToListAsync(ct);
        if (seqs.Count >= MaxPhotos)
        {
            return Outcome<int>.Invalid([new FieldError("photo", $"每份宣传材料最多{MaxPhotos}张照片")]);
        }
        var stored = await photos.SaveAsync(content, fileName, "photo", ct);
        if (!stored.Ok)
        {
            return new(stored.Status, default, stored.Errors);
        }
        var seq = seqs.Count == 0 ? 1 : seqs.Max() + 1;
        var s = stored.Value!;
        db.OversightFiles.Add(new OversightFile(id, seq, s.StoredName, s.ContentType, TextCut.Shorten(s.OriginalName, OversightFile.MaxFileNameLength), actor, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            return Outcome<int>.Conflict(Stale);
        }
        return Outcome<int>.Success(seq);
    }

    /// <summary>One photo of an entry in the user's area; every view is audited.</summary>
    public async Task<StoredFile?> Photo(Guid id, int seq, CancellationToken ct)
    {
        if (!MayRead)
        {
            return null;
        }
        var item = await db.PublicityItems.AsNoTracking().Within(me.Scope).Where(p => p.Id == id).Select(p => new { p.Id, p.Title }).FirstOrDefaultAsync(ct);
        var file = item is null ? null : await db.OversightFiles.AsNoTracking().FirstOrDefaultAsync(f => f.OwnerId == id && f.Seq == seq, ct);
        if (file is null || photos.Open(file.StoredName) is not { } content)
        {
            return null;
        }
        db.Audit("查看宣传照片", nameof(PublicityItem), id.ToString(), details: $"{item!.Title} 第{seq}张");
        await db.SaveChangesAsync(ct);
        return new StoredFile(content, file.ContentType, file.FileName);
    }

    public Task<Outcome<Guid>> Submit(Guid id, PublicityDecisionInput input, CancellationToken ct) =>
        Decide(id, input, Capability.WritePublicity, (p, _) => p.Submit(clock.GetUtcNow()), ct);

    public Task<Outcome<Guid>> Approve(Guid id, PublicityDecisionInput input, CancellationToken ct) =>
        Decide(id, input, Capability.ApprovePublicity, (p, who) => p.Approve(who, clock.GetUtcNow()), ct);

    public Task<Outcome<Guid>> Return(Guid id, PublicityDecisionInput input, CancellationToken ct) =>
        Decide(id, input, Capability.ApprovePublicity, (p, who) => p.Return(input.Reason, who, clock.GetUtcNow()), ct);

    public Task<Outcome<Guid>> Withdraw(Guid id, PublicityDecisionInput input, CancellationToken ct) =>
        Decide(id, input, Capability.ApprovePublicity, (p, who) => p.Withdraw(input.Reason, who, clock.GetUtcNow()), ct);

    /// <summary>The approved entries of the user's area as a Word document for publicity: photos, approver and date; households named only with consent.</summary>
    public async Task<Outcome<(byte[] Docx, string FileName)>> Export(CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<(byte[], string)>.Forbidden("您的岗位无权导出宣传材料");
        }
        var items = await db.PublicityItems.AsNoTracking().Within(me.Scope).Where(p => p.State == PublicityState.Approved).OrderBy(p => p.Kind)
            .ThenBy(p => p.DecidedAt).Take(200).ToListAsync(ct);
        var entries = new List<PublicityEntry>();
        foreach (var p in items)
        {
            var v = await ViewOf(p, ct);
            var pictures = new List<(byte[], string)>();
            // A household named only with consent is shown only with consent: without it, the entry goes out without its photos.
            var shown = p.HouseholdId is null || p.ConsentOn is not null;
            foreach (var f in shown ? await db.OversightFiles.AsNoTracking().Where(f => f.OwnerId == p.Id).OrderBy(f => f.Seq).ToListAsync(ct) : [])
            {
                await using var s = photos.Open(f.StoredName);
                if (s is not null)
                {
                    using var m = new MemoryStream();
                    await s.CopyToAsync(m, ct);
                    pictures.Add((m.ToArray(), f.ContentType));
                }
            }
            entries.Add(new PublicityEntry(v.KindLabel, v.Title, v.Text, v.PublicHouseholdName, v.HelperName, v.BranchName, v.ApproverName ?? "区残联",
                v.DecidedAt ?? "", pictures));
        }
        var unitName = await db.Areas.AsNoTracking().Where(a => a.Code == me.Scope!.Code).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "";
        db.Audit("导出宣传材料", nameof(PublicityItem), details: $"{entries.Count}份");
        await db.SaveChangesAsync(ct);
        return Outcome<(byte[], string)>.Success((PublicityDocument.Docx(unitName, entries), $"宣传材料_{unitName}_{clock.Today():yyyyMMdd}.docx"));
    }

    private async Task<Outcome<Guid>> Decide(Guid id, PublicityDecisionInput input, Capability capability, Func<PublicityItem, Actor, Result> move, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(capability))
        {
            return Outcome<Guid>.Forbidden(capability == Capability.ApprovePublicity ? "宣传材料由区残联审核" : "您的岗位无权报送宣传材料");
        }
        var item = await db.PublicityItems.Within(me.Scope).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (item is null)
        {
            return Outcome<Guid>.NotFound();
        }
        if (item.Version != input.Version)
        {
            return Outcome<Guid>.Conflict(Stale);
        }
        var moved = move(item, actor);
        return moved.Succeeded ? await SaveAsync(id, ct) : Outcome<Guid>.Refused(moved);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict(Stale);
        }
        return Outcome<Guid>.Success(id);
    }

    private static async Task<Guid?> Link(string? value, string field, string label, Func<Guid, Task<bool>> inScope, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Guid.TryParse(value.Trim(), out var g) || !await inScope(g))
        {
            errors.Add(new(field, $"请从列表中选择本辖区的{label}"));
            return null;
        }
        return g;
    }

    /// <summary>The unit that wrote an entry (its deepest code): only its offices rewrite it or add photos.</summary>
    private static string WriterOf(PublicityItem p) => p.VillageCode.Length > 0 ? p.VillageCode : p.TownCode.Length > 0 ? p.TownCode : p.DistrictCode;

    private async Task<PublicityView> ViewOf(PublicityItem p, CancellationToken ct)
    {
        var household = p.HouseholdId is { } h ? await db.Households.AsNoTracking().Where(x => x.Id == h).Select(x => x.HeadName).FirstOrDefaultAsync(ct) : null;
        var helper = p.HelperId is { } hp ? await db.Helpers.AsNoTracking().Where(x => x.Id == hp).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var branch = p.BranchVillageCode is { } b ? await db.Areas.AsNoTracking().Where(a => a.Code == b).Select(a => a.Name + "党组织").FirstOrDefaultAsync(ct) : null;
        var approver = p.State is PublicityState.Approved or PublicityState.Withdrawn && p.DecidedBy is { } d
            ? await db.Users.AsNoTracking().Where(u => u.Id == d).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var files = await db.OversightFiles.AsNoTracking().Where(f => f.OwnerId == p.Id).OrderBy(f => f.Seq).Select(f => new PublicityPhoto(f.Seq, f.FileName)).ToListAsync(ct);
        var writerHere = me.Can(Capability.WritePublicity) && p.LockedReason is null && WriterOf(p) == me.Scope?.Code;
        return new PublicityView(p.Id, p.Kind.ToString(), PublicityRules.Label(p.Kind), p.Title, p.Text, p.HouseholdId, household is null ? null : household + "户",
            household is null ? null : PublicityRules.PublicHouseholdName(household, p.ConsentOn), p.ConsentOn?.ToString("yyyy-MM-dd"), p.HelperId, helper,
            p.BranchVillageCode, branch, p.State.ToString(), PublicityRules.Label(p.State), p.ReturnReason, p.CreatedByName,
            p.DecidedAt is { } at ? Clock.Local(at) : null, approver, files, p.Version, writerHere, me.Can(Capability.ApprovePublicity));
    }

    /// <summary>The writer's own unit with the codes above it (those below empty).</summary>
    private async Task<AreaPath?> UnitPathAsync(AreaScope scope, CancellationToken ct)
    {
        var codes = new Dictionary<AreaLevel, string>();
        string? code = scope.Code;
        for (var i = 0; i < 5 && code is not null; i++)
        {
            var area = await db.Areas.AsNoTracking().Where(a => a.Code == code).Select(a => new { a.Code, a.Level, a.ParentCode }).FirstOrDefaultAsync(ct);
            if (area is null)
            {
                break;
            }
            codes[area.Level] = area.Code;
            code = area.ParentCode;
        }
        return codes.TryGetValue(AreaLevel.District, out var district)
            ? new AreaPath(codes.GetValueOrDefault(AreaLevel.Region, ""), codes.GetValueOrDefault(AreaLevel.City, ""), district,
                codes.GetValueOrDefault(AreaLevel.Town, ""), codes.GetValueOrDefault(AreaLevel.Village, ""))
            : null;
    }
}

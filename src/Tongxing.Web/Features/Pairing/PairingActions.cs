using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;
using PairingRecord = Tongxing.Web.Domain.Pairing;

namespace Tongxing.Web.Features.Pairing;

/// <summary>What the branch sends to pair a household with a helper; the date as text so that an impossible date gets a clear message.</summary>
public sealed class PairInput
{
    public Guid? HelperId { get; set; }
    public string? On { get; set; }
    /// <summary>The household's version read (optional for API clients; the pages send it).</summary>
    public int? Version { get; set; }
}

/// <summary>Ending a pairing (解除结对), or replacing its helper (更换帮扶人) when a replacement is named.</summary>
public sealed class EndPairingInput
{
    public string? Reason { get; set; }
    public string? On { get; set; }
    public Guid? ReplacementHelperId { get; set; }
    /// <summary>The pairing's version read.</summary>
    public int Version { get; set; }
}

public sealed record PairingRow(Guid Id, Guid HelperId, string HelperName, string HelperKind, string HelperPhone, string? HelperUnit, string StartedOn, string StartedBy,
    string? EndedOn, string? EndReason, bool Replaced, bool Active, bool AgreementSigned, string AgreementState, string? AgreementSignedOn, int Version);

public sealed record HelperChoice(Guid Id, string Name, string Kind, string VillageName, int Households);

public sealed record HouseholdPairings(Guid HouseholdId, string HeadName, string TownName, string VillageName, string Status, int HelperCount, int MaxHelpers,
    bool MayBePaired, int Version, IReadOnlyList<PairingRow> Pairings, IReadOnlyList<HelperChoice> Candidates, bool CanPair, string? Deadline, string Today);

/// <summary>
/// 结对帮扶 on one household: its pairings (every one, ended ones too), pairing it with a helper of its town, ending a
/// pairing with a reason, and replacing a helper (end and new pairing in one save) — by the village branch or the town
/// committee (<see cref="Capability.PairHouseholds"/>) inside their area. The rules are <see cref="PairingRules"/>; the
/// household's and helper's version tokens refuse the second of two requests racing for the last place.
/// </summary>
public sealed class PairingActions(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const string Raced = "该户或该帮扶人的结对情况刚被他人修改，请刷新页面后重试";

    private bool MayRead => me.Can(Capability.PairHouseholds) || me.Can(Capability.ViewHouseholds);

    public async Task<Outcome<HouseholdPairings>> Of(Guid householdId, CancellationToken ct)
    {
        if (!MayRead)
        {
            return Outcome<HouseholdPairings>.Forbidden("您的岗位无权查看结对帮扶");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope).Where(x => x.Id == householdId)
            .Select(x => new { x.Id, x.HeadName, x.TownCode, x.VillageCode, x.Status, x.HelperCount, x.ProgrammeId, x.Version }).FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<HouseholdPairings>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == h.ProgrammeId, ct);
        var pairings = await db.Pairings.AsNoTracking().Where(p => p.HouseholdId == householdId)
            .Join(db.Helpers.AsNoTracking(), p => p.HelperId, x => x.Id, (p, x) => new { P = p, x.Name, x.Kind, x.Phone, x.WorkUnit })
            .OrderBy(r => r.P.EndedOn != null).ThenBy(r => r.P.StartedOn).ThenBy(r => r.P.StartedAt).ToListAsync(ct);
        var canPair = me.Can(Capability.PairHouseholds);
        var fullPhone = me.Can(Capability.ManageHelpers);
        var rows = pairings.Select(r => new PairingRow(r.P.Id, r.P.HelperId, r.Name, PairingLabels.Of(r.Kind), fullPhone ? r.Phone : UserAdministration.MaskPhone(r.Phone), r.WorkUnit,
            Day(r.P.StartedOn), r.P.StartedByName, r.P.EndedOn is { } e ? Day(e) : null, r.P.EndReason, r.P.ReplacedById is not null, r.P.IsActive,
            r.P.AgreementSigned, AgreementState(r.P.AgreementSigned), r.P.AgreementSignedOn is { } s ? Day(s) : null, r.P.Version)).ToList();
        var candidates = new List<HelperChoice>();
        if (canPair && PairingRules.CanBePaired(h.Status))
        {
            var paired = rows.Where(r => r.Active).Select(r => r.HelperId).ToList();
            var max = programme.MaxHouseholdsPerHelper;
            var found = await db.Helpers.AsNoTracking().Within(me.Scope)
                .Where(x => x.TownCode == h.TownCode && x.ActiveHouseholds < max && !paired.Contains(x.Id))
                .OrderBy(x => x.VillageCode != h.VillageCode).ThenBy(x => x.VillageCode).ThenBy(x => x.Name).Take(200)
                .Select(x => new { x.Id, x.Name, x.Kind, x.VillageCode, x.ActiveHouseholds }).ToListAsync(ct);
            var villageNames = await areas.NamesAsync(found.Select(x => x.VillageCode), ct);
            candidates = found.Select(x => new HelperChoice(x.Id, x.Name, PairingLabels.Of(x.Kind), villageNames.GetValueOrDefault(x.VillageCode, ""), x.ActiveHouseholds)).ToList();
        }
        var names = await areas.NamesAsync([h.TownCode, h.VillageCode], ct);
        return Outcome<HouseholdPairings>.Success(new HouseholdPairings(h.Id, h.HeadName, names.GetValueOrDefault(h.TownCode, ""), names.GetValueOrDefault(h.VillageCode, ""),
            Labels.Of(h.Status), h.HelperCount, programme.MaxHelpers, PairingRules.CanBePaired(h.Status), h.Version, rows, candidates, canPair,
            programme.Phase(ProgrammePhase.Pairing)?.Deadline is { } d ? Day(d) : null, Day(clock.Today())));
    }

    public static string AgreementState(bool hasScan) => hasScan ? "协议已签订" : "协议未签订";

    public async Task<Outcome<Guid>> Pair(Guid householdId, PairInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !actor.Role.Can(Capability.PairHouseholds))
        {
            return Outcome<Guid>.Forbidden(PairingRules.NotAllowed);
        }
        var household = await db.Households.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return Outcome<Guid>.NotFound();
        }
        if (input.Version is { } v && v != household.Version)
        {
            return Outcome<Guid>.Conflict(Raced);
        }
        var errors = new List<FieldError>();
        var on = ParseDay(input.On, "On", "结对日期", errors);
        var helper = input.HelperId is { } helperId ? await db.Helpers.Within(me.Scope).FirstOrDefaultAsync(x => x.Id == helperId, ct) : null;
        if (helper is null)
        {
            errors.Add(new FieldError("HelperId", input.HelperId is null ? "请选择帮扶人" : "所选帮扶人不存在或不在您的管辖范围内"));
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        if (await db.Pairings.AnyAsync(p => p.HouseholdId == householdId && p.HelperId == helper!.Id && p.EndedOn == null, ct))
        {
            return Outcome<Guid>.Conflict($"帮扶人{helper!.Name}已与{household.HeadName}户结对");
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == household.ProgrammeId, ct);
        var filedAt = await db.HouseholdEvents.Where(e => e.HouseholdId == householdId && e.To == HouseholdStatus.Filed && e.From != HouseholdStatus.Filed)
            .OrderByDescending(e => e.At).Select(e => (DateTimeOffset?)e.At).FirstOrDefaultAsync(ct);
        var notBefore = PairingRules.MayStartOn(on!.Value, programme.Year, filedAt is { } f ? Features.Shared.Clock.Date(f) : null);
        if (!notBefore.Succeeded)
        {
            return Outcome<Guid>.Refused(notBefore);
        }
        var (pairing, result) = PairingRecord.Start(household, helper!, programme, on!.Value, actor, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<Guid>.Refused(result);
        }
        db.Pairings.Add(pairing!);
        return await SaveAsync(pairing!.Id, ct);
    }

    public async Task<Outcome<Guid>> End(Guid pairingId, EndPairingInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !actor.Role.Can(Capability.PairHouseholds))
        {
            return Outcome<Guid>.Forbidden(PairingRules.NotAllowed);
        }
        var pairing = await db.Pairings.Within(me.Scope).FirstOrDefaultAsync(p => p.Id == pairingId, ct);
        if (pairing is null)
        {
            return Outcome<Guid>.NotFound();
        }
        if (pairing.Version != input.Version || !pairing.IsActive)
        {
            return Outcome<Guid>.Conflict(pairing.IsActive ? Raced : "该结对已解除，请刷新页面");
        }
        var errors = new List<FieldError>();
        var on = ParseDay(input.On, "On", "解除日期", errors);
        var reason = PlainText.Clean(input.Reason);
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(new FieldError("Reason", input.ReplacementHelperId is null ? "请填写解除结对的原因" : "请填写更换帮扶人的原因"));
        }
        else if (reason.Length > PairingRecord.MaxReasonLength)
        {
            errors.Add(new FieldError("Reason", $"原因不能超过{PairingRecord.MaxReasonLength}个字"));
        }
        else if (PlainText.HasInvisible(reason) || reason[0] is '=' or '+' or '-' or '@')
        {
            errors.Add(new FieldError("Reason", "原因含有无法识别的字符，或以 = + - @ 开头，请重新输入"));
        }
        var next = input.ReplacementHelperId is { } nextId ? await db.Helpers.Within(me.Scope).FirstOrDefaultAsync(x => x.Id == nextId, ct) : null;
        if (input.ReplacementHelperId is not null && next is null)
        {
            errors.Add(new FieldError("ReplacementHelperId", "所选新帮扶人不存在或不在您的管辖范围内"));
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        var household = await db.Households.FirstAsync(h => h.Id == pairing.HouseholdId, ct);
        var helper = await db.Helpers.FirstAsync(h => h.Id == pairing.HelperId, ct);
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == household.ProgrammeId, ct);
        var may = PairingRules.MayEnd(household, programme.Phase(ProgrammePhase.Pairing)?.Deadline, clock.Today(), next is not null);
        if (!may.Succeeded)
        {
            return Outcome<Guid>.Refused(may);
        }
        var at = clock.GetUtcNow();
        PairingRecord? replacement = null;
        if (next is not null)
        {
            if (next.Id == helper.Id || await db.Pairings.AnyAsync(p => p.HouseholdId == household.Id && p.HelperId == next.Id && p.EndedOn == null, ct))
            {
                return Outcome<Guid>.Invalid([new FieldError("ReplacementHelperId", $"帮扶人{next.Name}已与{household.HeadName}户结对，请选择其他帮扶人")]);
            }
            var (started, ok) = PairingRecord.Start(household, next, programme, on!.Value, actor, at, replacing: pairing);
            if (!ok.Succeeded)
            {
                return Outcome<Guid>.Refused(ok);
            }
            replacement = started;
            db.Pairings.Add(started!);
        }
        var ended = pairing.End(household, helper, reason!, on!.Value, replacement, actor, at);
        if (!ended.Succeeded)
        {
            return Outcome<Guid>.Refused(ended);
        }
        return await SaveAsync(replacement?.Id ?? pairing.Id, ct);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict(Raced);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            // SQLite answers a write that lost the race for the database lock this way.
            return Outcome<Guid>.Conflict(Raced);
        }
        return Outcome<Guid>.Success(id);
    }

    /// <summary>A date typed as yyyy-MM-dd, not in the future; today when left out.</summary>
    private DateOnly? ParseDay(string? text, string field, string what, List<FieldError> errors) => PastDay(text, field, what, clock.Today(), errors, today: true);

    /// <summary>A date typed as yyyy-MM-dd, not after <paramref name="latest"/>; blank is <paramref name="latest"/> when <paramref name="today"/>, else an error.</summary>
    internal static DateOnly? PastDay(string? text, string field, string what, DateOnly latest, List<FieldError> errors, bool today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (today)
            {
                return latest;
            }
            errors.Add(new FieldError(field, $"请填写{what}，格式如 2020-05-20"));
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2000)
        {
            errors.Add(new FieldError(field, $"{what}应为有效日期，格式如 2020-05-20"));
            return null;
        }
        if (day > latest)
        {
            errors.Add(new FieldError(field, $"{what}不能晚于今天"));
            return null;
        }
        return day;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class PairingProgressQuery
{
    public string? Village { get; set; }
    public int? Page { get; set; }
}

public sealed record TownPairing(string TownCode, string TownName, int Filed, int Paired, int Unpaired, int WithoutAgreement, DeadlineStanding Deadline);

public sealed record OutstandingHousehold(Guid Id, string HeadName, string VillageName, string Status, int HelperCount, int WithoutAgreement);

public sealed record PairingProgressView(IReadOnlyList<TownPairing> Towns, string? Deadline, int Page, int PageSize, int Total,
    IReadOnlyList<OutstandingHousehold> Outstanding, IReadOnlyList<Area> Villages, string? Village);

/// <summary>
/// 结对帮扶进度: per town of the user's area, the filed households, how many are paired, unpaired, and pairings without a
/// signed agreement, against the pairing deadline (27 May) — counted in SQL; and the households still to do (paged).
/// </summary>
public sealed class PairingProgress(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const int PageSize = 30;

    public async Task<Outcome<PairingProgressView>> Handle(PairingProgressQuery query, CancellationToken ct)
    {
        if (!(me.Can(Capability.PairHouseholds) || me.Can(Capability.ViewHouseholds)) || me.Scope is null)
        {
            return Outcome<PairingProgressView>.Forbidden("您的岗位无权查看结对帮扶进度");
        }
        var today = clock.Today();
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, today, ct);
        var pid = programme?.Id ?? 0;
        var deadline = programme?.Phase(ProgrammePhase.Pairing)?.Deadline;
        var filed = db.Households.AsNoTracking().Within(me.Scope)
            .Where(h => h.ProgrammeId == pid && (h.Status == HouseholdStatus.Filed || h.Status == HouseholdStatus.Paid || h.Status == HouseholdStatus.Paired));
        var unsigned = db.Pairings.AsNoTracking().Within(me.Scope).Where(p => p.ProgrammeId == pid && p.EndedOn == null && p.AgreementStoredName == null);
        var counts = await filed.GroupBy(h => h.TownCode)
            .Select(g => new { Town = g.Key, Filed = g.Count(), Paired = g.Count(h => h.HelperCount > 0) }).ToListAsync(ct);
        var missing = await unsigned.GroupBy(p => p.TownCode).Select(g => new { Town = g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Town, x => x.N, ct);
        var within = await areas.WithinAsync(me.Scope, ct);
        // A village's user sees its own town's row too: its name lies above the user's area.
        var names = within.ToDictionary(a => a.Code, a => a.Name);
        foreach (var (code, name) in await areas.NamesAsync(counts.Select(c => c.Town), ct))
        {
            names[code] = name;
        }
        var towns = counts.Select(c =>
        {
            var without = missing.GetValueOrDefault(c.Town);
            var standing = DeadlineStanding.Of(deadline, today, c.Filed - c.Paired + without);
            return new TownPairing(c.Town, names.GetValueOrDefault(c.Town, c.Town), c.Filed, c.Paired, c.Filed - c.Paired, without,
                c.Filed - c.Paired + without == 0 ? standing with { Text = "已全部结对并签订协议" } : standing);
        }).OrderBy(t => t.TownCode).ToList();

        var todo = filed.Where(h => h.HelperCount == 0 || unsigned.Any(p => p.HouseholdId == h.Id));
        if (!string.IsNullOrEmpty(query.Village))
        {
            todo = todo.Where(h => h.VillageCode == QueryScope.FilterCode(query.Village));
        }
        var total = await todo.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await todo.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(h => new { h.Id, h.HeadName, h.VillageCode, h.Status, h.HelperCount, Without = unsigned.Count(p => p.HouseholdId == h.Id) }).ToListAsync(ct);
        return Outcome<PairingProgressView>.Success(new PairingProgressView(towns, deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page, PageSize, total,
            rows.Select(r => new OutstandingHousehold(r.Id, r.HeadName, names.GetValueOrDefault(r.VillageCode, ""), Labels.Of(r.Status), r.HelperCount, r.Without)).ToList(),
            within.Where(a => a.Level == AreaLevel.Village).ToList(), query.Village));
    }
}

using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class ProgressQuery
{
    /// <summary>A town of the user's district: its villages, and its unpaid households.</summary>
    public string? Town { get; set; }
    public int? Page { get; set; }
}

/// <summary>
/// One unit's payment figures: filed households (filed or any later state), paid (a live paid payment), unpaid (filed but
/// no live paid payment, failed payments included), in a batch (a live payment waiting for the bank: draft or sent),
/// receipted, not yet receipted, project started.
/// </summary>
public sealed record PaymentProgress(string Code, string Name, int Filed, int Paid, int Unpaid, int InBatch, int Receipted, int NotReceipted, int ProjectStarted);

public sealed record UnpaidRow(Guid HouseholdId, string HeadName, string VillageName, string State);

public sealed record ProgressView(string ProgrammeName, string ScopeName, string ChildLevel, string? Town, string? TownName,
    DeadlineStanding Deadline, string Today, PaymentProgress Total, IReadOnlyList<PaymentProgress> Units,
    IReadOnlyList<UnpaidRow> Unpaid, int UnpaidTotal, int Page, int PageSize, IReadOnlyList<Area> Towns);

/// <summary>
/// The funds phase per town (and per village under a town) against its deadline: counted in SQL with GROUP BY over the
/// households, the live payments and the project starts — three grouped queries, never a household loaded — plus, for a
/// town, one page of its unpaid households. The district's offices see every town; a town its own villages.
/// </summary>
public sealed class FundsProgress(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public const int PageSize = 30;

    public async Task<Outcome<ProgressView>> Handle(ProgressQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds) || me.Scope is not { } scope || scope.Level is not (AreaLevel.District or AreaLevel.Town))
        {
            return Outcome<ProgressView>.Forbidden("您的岗位无权查看资金发放进度");
        }
        var district = await areas.DistrictOfAsync(scope, ct);
        var today = clock.Today();
        var programme = district is null ? null : await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, today, ct);
        if (programme is null)
        {
            return Outcome<ProgressView>.NotFound();
        }
        var within = await areas.InUseWithinAsync(scope, ct);
        var towns = within.Where(a => a.Level == AreaLevel.Town).ToList();
        var town = scope.Level == AreaLevel.Town ? scope.Code : towns.FirstOrDefault(t => t.Code == query.Town)?.Code;
        var byVillage = town is not null;

        var households = db.Households.AsNoTracking().Within(scope)
            .Where(h => h.ProgrammeId == programme.Id && h.Status >= HouseholdStatus.Filed && h.Status <= HouseholdStatus.Assessed);
        var payments = db.Payments.AsNoTracking().Within(scope).Where(p => p.ProgrammeId == programme.Id && p.LiveHouseholdId != null);
        var starts = db.ProjectStarts.AsNoTracking().Within(scope).Where(s => s.ProgrammeId == programme.Id);
        if (town is not null)
        {
            households = households.Where(h => h.TownCode == town);
            payments = payments.Where(p => p.TownCode == town);
            starts = starts.Where(s => s.TownCode == town);
        }
        var filed = byVillage
            ? await households.GroupBy(h => h.VillageCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct)
            : await households.GroupBy(h => h.TownCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var paid = byVillage
            ? await payments.GroupBy(p => new { Unit = p.VillageCode, p.State }).Select(g => new { g.Key.Unit, g.Key.State, N = g.Count(), R = g.Count(p => p.ReceiptKind != null) }).ToListAsync(ct)
            : await payments.GroupBy(p => new { Unit = p.TownCode, p.State }).Select(g => new { g.Key.Unit, g.Key.State, N = g.Count(), R = g.Count(p => p.ReceiptKind != null) }).ToListAsync(ct);
        var started = byVillage
            ? await starts.GroupBy(s => s.VillageCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct)
            : await starts.GroupBy(s => s.TownCode).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);

        var units = within.Where(a => byVillage ? a.Level == AreaLevel.Village && a.ParentCode == town : a.Level == AreaLevel.Town)
            .Select(a => (a.Code, a.Name)).ToList();
        // A unit retired or outside the list that still has figures is shown too, so the totals add up.
        units.AddRange(filed.Keys.Concat(paid.Select(p => p.Unit)).Distinct().Where(c => units.All(u => u.Code != c)).Select(c => (c, c)));
        var rows = units.Select(u =>
        {
            var f = filed.GetValueOrDefault(u.Code);
            var p = paid.Where(x => x.Unit == u.Code && x.State == PaymentState.Paid).Sum(x => x.N);
            var r = paid.Where(x => x.Unit == u.Code && x.State == PaymentState.Paid).Sum(x => x.R);
            var b = paid.Where(x => x.Unit == u.Code && x.State is PaymentState.Pending or PaymentState.Sent).Sum(x => x.N);
            return new PaymentProgress(u.Code, u.Name, f, p, Math.Max(f - p, 0), b, r, p - r, started.GetValueOrDefault(u.Code));
        }).ToList();
        var total = new PaymentProgress(scope.Code, "合计", rows.Sum(x => x.Filed), rows.Sum(x => x.Paid), rows.Sum(x => x.Unpaid), rows.Sum(x => x.InBatch),
            rows.Sum(x => x.Receipted), rows.Sum(x => x.NotReceipted), rows.Sum(x => x.ProjectStarted));
        var window = programme.Phase(ProgrammePhase.Funds);
        var deadline = DeadlineStanding.Of(window?.Deadline ?? window?.End, today, total.Unpaid);

        IReadOnlyList<UnpaidRow> unpaid = [];
        var unpaidTotal = 0;
        var page = 1;
        if (town is not null)
        {
            var open = households.Where(h => !db.Payments.Any(p => p.LiveHouseholdId == h.Id && p.State == PaymentState.Paid));
            unpaidTotal = await open.CountAsync(ct);
            page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (unpaidTotal + PageSize - 1) / PageSize));
            var list = await open.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Skip((page - 1) * PageSize).Take(PageSize)
                .Select(h => new
                {
                    h.Id,
                    h.HeadName,
                    h.VillageCode,
                    Live = db.Payments.Where(p => p.LiveHouseholdId == h.Id).Select(p => (PaymentState?)p.State).FirstOrDefault(),
                    Failed = db.Payments.Any(p => p.HouseholdId == h.Id && p.State == PaymentState.Failed),
                })
                .ToListAsync(ct);
            var names = within.ToDictionary(a => a.Code, a => a.Name);
            unpaid = list.Select(h => new UnpaidRow(h.Id, h.HeadName, names.GetValueOrDefault(h.VillageCode, ""),
                h.Live is { } s ? "批次中（" + Labels.Of(s) + "）" : h.Failed ? "发放失败，待重新发放" : "待发放")).ToList();
        }
        var self = within.FirstOrDefault(a => a.Code == scope.Code)?.Name ?? "";
        return Outcome<ProgressView>.Success(new ProgressView(programme.Name, self, byVillage ? "村（社区）" : "乡镇", town,
            town is null ? null : within.FirstOrDefault(a => a.Code == town)?.Name, deadline, today.ToString("yyyy-MM-dd"),
            total, rows, unpaid, unpaidTotal, page, PageSize, scope.Level == AreaLevel.District ? towns : []));
    }
}

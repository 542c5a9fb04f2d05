using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed record NoticeRow(Guid Id, string TownName, string VillageName, string Period, int Households, int Photos, int OpenObjections, string State);

public sealed record ReadyHousehold(Guid Id, string HeadName, string Group);

/// <param name="OverTowns">The user sees several towns' notices: the list names each one's town.</param>
public sealed record NoticeList(IReadOnlyList<NoticeRow> Notices, IReadOnlyList<ReadyHousehold> Ready, bool CanCreate, string Today, bool OverTowns);

/// <summary>The notices of the user's area, and (for a village) the households the district accepted that wait for a notice.</summary>
public sealed class ListNotices(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public async Task<Outcome<NoticeList>> Handle(CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return Outcome<NoticeList>.Forbidden("您的岗位无权查看公示");
        }
        var today = clock.Today();
        var notices = await db.Notices.AsNoTracking().Within(me.Scope).OrderByDescending(n => n.StartDate).Take(500)
            .Select(n => new { n.Id, n.VillageCode, n.StartDate, n.EndDate, Entries = n.Entries.Count, Photos = n.Photos.Count, Open = n.Objections.Count(o => o.Resolution == null && o.WithdrawnReason == null), Late = n.StartDate < n.EnteredOn })
            .ToListAsync(ct);
        string Town(string village) => DivisionCodes.ParentOf(village, AreaLevel.Village) ?? "";
        var names = await areas.NamesAsync(notices.Select(n => n.VillageCode).Concat(notices.Select(n => Town(n.VillageCode))).Distinct(), ct);
        // By town and village (codes: the areas' own order), each village's newest first (the sort is stable).
        var rows = notices.OrderBy(n => n.VillageCode, StringComparer.Ordinal).Select(n => new NoticeRow(n.Id, names.GetValueOrDefault(Town(n.VillageCode), ""), names.GetValueOrDefault(n.VillageCode, ""), $"{n.StartDate:yyyy-MM-dd} 至 {n.EndDate:yyyy-MM-dd}",
            n.Entries, n.Photos, n.Open, (today < n.StartDate ? "未开始" : today <= n.EndDate ? "公示中" : "已期满") + (n.Late ? " · 补录" : ""))).ToList();
        var canCreate = me.Can(Capability.RegisterHousehold) && me.Scope?.Level == AreaLevel.Village;
        var ready = canCreate
            ? await db.Households.AsNoTracking().Within(me.Scope).Where(h => h.Status == HouseholdStatus.ReviewedByDistrict)
                .OrderBy(h => h.Group).ThenBy(h => h.HeadName).Select(h => new ReadyHousehold(h.Id, h.HeadName, h.Group ?? "")).ToListAsync(ct)
            : [];
        return Outcome<NoticeList>.Success(new NoticeList(rows, ready, canCreate, today.ToString("yyyy-MM-dd"), me.Scope?.Level < AreaLevel.Town));
    }
}

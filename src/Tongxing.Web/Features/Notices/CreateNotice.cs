using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed class CreateNoticeCommand
{
    public List<Guid> Households { get; set; } = [];
    /// <summary>The day the notice is posted; today when empty.</summary>
    public DateOnly? StartDate { get; set; }
}

/// <summary>
/// The village posts its public notice of the households the district accepted: the end date is the programme's
/// Nth working day on the official calendar, names and ID numbers are masked, a public link is made.
/// </summary>
public sealed class CreateNotice(TongxingDb db, CurrentUser me, AreaDirectory areas, CalendarStore calendar, TimeProvider clock, IConfiguration config)
{
    public async Task<Outcome<Guid>> Handle(CreateNoticeCommand command, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RegisterHousehold) || actor.Scope.Level != AreaLevel.Village)
        {
            return Outcome<Guid>.Forbidden("公示由村（社区）党组织发布");
        }
        var ids = command.Households.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome<Guid>.Invalid([new FieldError("Households", "请至少选择一户公示")]);
        }
        var households = await db.Households.Within(me.Scope).Include(h => h.Members).Where(h => ids.Contains(h.Id)).ToListAsync(ct);
        if (households.Count != ids.Count)
        {
            return Outcome<Guid>.NotFound();
        }
        var path = households[0].Area;
        var programme = await db.Programmes.FirstAsync(p => p.Id == households[0].ProgrammeId, ct);
        var today = clock.Today();
        var start = command.StartDate ?? today;
        var acceptances = await db.HouseholdEvents.Where(e => ids.Contains(e.HouseholdId) && e.To == HouseholdStatus.ReviewedByDistrict)
            .Select(e => new { e.HouseholdId, e.At }).ToListAsync(ct);
        var accepted = acceptances.GroupBy(a => a.HouseholdId)
            .Select(g => (households.First(h => h.Id == g.Key).HeadName, Clock.Date(g.Max(a => a.At))));
        var posting = Notice.CheckPostingDate(start, today, accepted, config.GetValue("Notices:MaxDaysLate", 7), config.GetValue("Notices:MaxDaysAhead", 30));
        if (!posting.Succeeded)
        {
            return Outcome<Guid>.Refused(posting);
        }
        var end = (await calendar.LoadAsync(ct)).PeriodEnd(start, programme.NoticeWorkingDays);
        if (!end.Ok)
        {
            return Outcome<Guid>.Invalid([new FieldError("StartDate", end.Error!)]);
        }
        var names = await areas.NamesAsync([path.VillageCode], ct);
        var village = Area.NoticeName(names.GetValueOrDefault(path.VillageCode, ""));
        var now = clock.GetUtcNow();
        var notice = Notice.ForVillage(programme, path, village, start, end.Value, me.Id, me.DisplayName, now, today);
        var errors = new List<FieldError>();
        foreach (var h in households.OrderBy(h => h.Group).ThenBy(h => h.HeadName))
        {
            var result = h.PutOnNotice(actor, notice.Id, now);
            errors.AddRange(result.Errors.Select(e => e with { Field = "Households" }));
            notice.Add(h, programme);
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        db.Notices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict("名单中有对象刚被他人修改，请刷新后重试");
        }
        return Outcome<Guid>.Success(notice.Id);
    }
}

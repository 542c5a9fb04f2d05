using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Admin;

public sealed record HolidayYearView(int Year, int Days, string LoadedAt, string LoadedBy);

/// <summary>The official holiday tables behind every working-day computation: which years are loaded, and loading a new one from CSV.</summary>
public sealed class HolidayTables(TongxingDb db, CurrentUser me, CalendarStore store, TimeProvider clock)
{
    public async Task<IReadOnlyList<HolidayYearView>> List(CancellationToken ct)
    {
        var years = await db.HolidayYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(ct);
        var counts = await db.HolidayDays.AsNoTracking().GroupBy(d => d.TableYear).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return years.Select(y => new HolidayYearView(y.Year, counts.GetValueOrDefault(y.Year), Clock.Local(y.LoadedAt), y.LoadedBy)).ToList();
    }

    public async Task<Outcome<int>> Load(int year, string csv, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageCalendar))
        {
            return Outcome<int>.Forbidden("节假日安排由国务院统一公布，全区通用，只能由自治区残联导入");
        }
        if (year is < 2000 or > 2100)
        {
            return Outcome<int>.Invalid([new FieldError("Year", "年份应在2000至2100之间")]);
        }
        var (days, result) = WorkingDayCalendar.ParseTable(year, csv);
        if (!result.Succeeded)
        {
            return Outcome<int>.Invalid(result.Errors.Select(e => e with { Field = "Csv", Message = e.Field + e.Message }).ToList());
        }
        await store.ReplaceAsync(year, days, me.DisplayName, clock.GetUtcNow(), ct);
        return Outcome<int>.Success(days.Count);
    }
}

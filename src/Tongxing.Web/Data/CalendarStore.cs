using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>A stored day of an official holiday table.</summary>
public sealed class HolidayDay
{
    public DateOnly Date { get; set; }
    public bool IsOffDay { get; set; }
    public string Name { get; set; } = "";
    public int TableYear { get; set; }
}

/// <summary>A year whose official table is loaded, and who loaded it.</summary>
public sealed class HolidayYear
{
    public int Year { get; set; }
    public DateTimeOffset LoadedAt { get; set; }
    public string LoadedBy { get; set; } = "";
}

/// <summary>Reads and replaces the holiday tables behind <see cref="WorkingDayCalendar"/>.</summary>
public sealed class CalendarStore(TongxingDb db)
{
    public async Task<WorkingDayCalendar> LoadAsync(CancellationToken ct)
    {
        var days = await db.HolidayDays.AsNoTracking().Select(d => new CalendarDay(d.Date, d.IsOffDay, d.Name)).ToListAsync(ct);
        var years = await db.HolidayYears.AsNoTracking().Select(y => y.Year).ToListAsync(ct);
        return new WorkingDayCalendar(days, years);
    }

    /// <summary>Replaces one year's table (all or nothing).</summary>
    public async Task ReplaceAsync(int year, IReadOnlyList<CalendarDay> days, string loadedBy, DateTimeOffset at, CancellationToken ct)
    {
        db.HolidayDays.RemoveRange(await db.HolidayDays.Where(d => d.TableYear == year).ToListAsync(ct));
        db.HolidayDays.AddRange(days.Select(d => new HolidayDay { Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name, TableYear = year }));
        var existing = await db.HolidayYears.FindAsync([year], ct);
        if (existing is null)
        {
            db.HolidayYears.Add(new HolidayYear { Year = year, LoadedAt = at, LoadedBy = loadedBy });
        }
        else
        {
            existing.LoadedAt = at;
            existing.LoadedBy = loadedBy;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Loads the official 2019–2026 tables shipped with the app into an empty database.</summary>
    public async Task SeedAsync(DateTimeOffset at, CancellationToken ct)
    {
        if (await db.HolidayYears.AnyAsync(ct))
        {
            return;
        }
        foreach (var (year, days) in Shipped())
        {
            db.HolidayDays.AddRange(days.Select(d => new HolidayDay { Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name, TableYear = year }));
            db.HolidayYears.Add(new HolidayYear { Year = year, LoadedAt = at, LoadedBy = "系统内置（国务院办公厅通知）" });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The official tables shipped with the app, per table year, as checked by <see cref="WorkingDayCalendar.ParseTable"/>.</summary>
    public static IReadOnlyList<(int Year, IReadOnlyList<CalendarDay> Days)> Shipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tongxing.Web.Data.Seed.holidays.csv")
            ?? throw new InvalidOperationException("holidays.csv is not embedded");
        var lines = new StreamReader(stream).ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var tables = new List<(int, IReadOnlyList<CalendarDay>)>();
        foreach (var group in lines.Skip(1).Where(l => l.Length >= 10).GroupBy(l => WorkingDayCalendar.TableYearOf(DateOnly.Parse(l[..10], System.Globalization.CultureInfo.InvariantCulture))))
        {
            var (days, result) = WorkingDayCalendar.ParseTable(group.Key, lines[0] + "\n" + string.Join('\n', group));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"shipped holiday table {group.Key} is invalid: {result.Errors[0].Field}{result.Errors[0].Message}");
            }
            tables.Add((group.Key, days.ToList()));
        }
        return tables;
    }

    /// <summary>The calendar of the shipped tables alone (the demo's dates before any database has one).</summary>
    public static WorkingDayCalendar ShippedCalendar()
    {
        var tables = Shipped();
        return new WorkingDayCalendar(tables.SelectMany(t => t.Days), tables.Select(t => t.Year));
    }
}

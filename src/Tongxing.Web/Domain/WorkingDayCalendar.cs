namespace Tongxing.Web.Domain;

/// <summary>A day of an official holiday table: a statutory day off, or a make-up working day (调休).</summary>
public sealed record CalendarDay(DateOnly Date, bool IsOffDay, string Name);

/// <summary>
/// China's working days from the State Council's yearly holiday tables. A date is a working day when it is a
/// listed make-up day, or a Monday–Friday not listed as a day off. A year whose table is not loaded is an
/// error, never a guess.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _days;
    private readonly HashSet<int> _years;

    public WorkingDayCalendar(IEnumerable<CalendarDay> days, IEnumerable<int> loadedYears)
    {
        _days = days.ToDictionary(d => d.Date);
        _years = loadedYears.ToHashSet();
    }

    public IReadOnlyCollection<int> LoadedYears => _years;

    /// <summary>
    /// The year whose table decides a date. The New Year holiday can reach back into the last days of December
    /// (2018-12-29 is a make-up day in the 2019 table), so 29–31 December belong to the next year's table.
    /// </summary>
    public static int TableYearOf(DateOnly date) => date is { Month: 12, Day: >= 29 } ? date.Year + 1 : date.Year;

    public static string MissingYear(int year) => $"未载入{year}年节假日安排，无法计算工作日，请联系管理员导入该年国务院办公厅节假日安排";

    public Parsed<bool> IsWorkingDay(DateOnly date)
    {
        var year = TableYearOf(date);
        if (!_years.Contains(year))
        {
            return Parsed<bool>.Fail(MissingYear(year));
        }
        if (_days.TryGetValue(date, out var listed))
        {
            return Parsed<bool>.Success(!listed.IsOffDay);
        }
        return Parsed<bool>.Success(date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    /// <summary>
    /// The last day of a period of <paramref name="workingDays"/> working days starting on <paramref name="start"/>.
    /// The start counts as day 1 when it is a working day (ADR 0007); otherwise the next working day does.
    /// </summary>
    public Parsed<DateOnly> PeriodEnd(DateOnly start, int workingDays)
    {
        if (workingDays < 1)
        {
            return Parsed<DateOnly>.Fail("工作日数应至少为1天");
        }
        var counted = 0;
        // Never past the last date a DateOnly can hold (a start of 9999-12-31 is answered, not thrown).
        var last = start.Year < DateOnly.MaxValue.Year ? start.AddYears(1) : DateOnly.MaxValue;
        for (var day = start; ; day = day.AddDays(1))
        {
            var working = IsWorkingDay(day);
            if (!working.Ok)
            {
                return Parsed<DateOnly>.Fail(working.Error!);
            }
            if (working.Value && ++counted == workingDays)
            {
                return Parsed<DateOnly>.Success(day);
            }
            if (day >= last)
            {
                return Parsed<DateOnly>.Fail("无法在一年内凑足所需工作日");
            }
        }
    }

    /// <summary>Working days from <paramref name="from"/> (exclusive) to <paramref name="to"/> (inclusive); negative when <paramref name="to"/> is earlier.</summary>
    public Parsed<int> WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var sign = to >= from ? 1 : -1;
        var (a, b) = sign > 0 ? (from, to) : (to, from);
        var count = 0;
        for (var day = a; day < b;)
        {
            day = day.AddDays(1);
            var working = IsWorkingDay(day);
            if (!working.Ok)
            {
                return Parsed<int>.Fail(working.Error!);
            }
            count += working.Value ? 1 : 0;
        }
        return Parsed<int>.Success(sign * count);
    }

    /// <summary>
    /// Checks an uploaded table for one year: every date parses, belongs to that year's table, is listed once and
    /// has a name. (A weekday may be listed as working: the 2020 table does so for 3 February.) Errors name the line.
    /// </summary>
    public static (IReadOnlyList<CalendarDay> Days, Result Result) ParseTable(int year, string csv)
    {
        var errors = new List<FieldError>();
        var days = new List<CalendarDay>();
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || !lines[0].Trim().TrimStart('\uFEFF').Equals("date,is_off_day,name", StringComparison.OrdinalIgnoreCase))
        {
            return ([], Result.Refused("第1行应为表头：date,is_off_day,name"));
        }
        var seen = new HashSet<DateOnly>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var n = i + 1;
            var f = line.Split(',');
            if (f.Length != 3)
            {
                errors.Add(new FieldError($"第{n}行", "应有3列：日期,是否放假(true/false),节日名称"));
                continue;
            }
            if (!DateOnly.TryParseExact(f[0].Trim(), "yyyy-MM-dd", out var date))
            {
                errors.Add(new FieldError($"第{n}行", $"日期“{f[0]}”格式应为yyyy-MM-dd"));
                continue;
            }
            if (!bool.TryParse(f[1].Trim(), out var off))
            {
                errors.Add(new FieldError($"第{n}行", $"是否放假应为true或false，当前为“{f[1]}”"));
                continue;
            }
            var name = f[2].Trim();
            if (name.Length is 0 or > 20)
            {
                errors.Add(new FieldError($"第{n}行", "请填写节日名称（不超过20个字）"));
                continue;
            }
            if (TableYearOf(date) != year)
            {
                errors.Add(new FieldError($"第{n}行", $"{date:yyyy-MM-dd}不属于{year}年的节假日安排"));
                continue;
            }
            if (!seen.Add(date))
            {
                errors.Add(new FieldError($"第{n}行", $"{date:yyyy-MM-dd}重复"));
                continue;
            }
            days.Add(new CalendarDay(date, off, name));
        }
        if (errors.Count == 0 && days.Count == 0)
        {
            errors.Add(new FieldError("", "文件中没有日期"));
        }
        return errors.Count == 0 ? (days, Result.Ok) : ([], Result.Refused(errors));
    }
}

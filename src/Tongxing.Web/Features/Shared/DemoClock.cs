using System.Globalization;

namespace Tongxing.Web.Features.Shared;

/// <summary>
/// The clock of the demo: the programme of the demo is 2020's, so the demo's "now" starts at a configured instant of
/// its plan when the process starts and advances in real time from there. It starts again at that instant on every
/// start of the process, so timestamps written by an earlier run can lie after those of a later one.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _start;
    private readonly long _startedAt;

    public DemoClock(TimeProvider real, DateTimeOffset start)
    {
        _real = real;
        _start = start.ToUniversalTime();
        _startedAt = real.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => _start + _real.GetElapsedTime(_startedAt);

    // Timers and elapsed times are real: only the date and time of day are the demo's.
    public override long GetTimestamp() => _real.GetTimestamp();

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);
}

/// <summary>
/// Whether the app runs as the demo on the demo clock: only with the demo data (<c>Seed:Demo</c>) and the demo clock
/// (<c>Demo:Clock:Enabled</c>, on by default) both on. Pages then show a banner with the demo's date.
/// </summary>
public sealed record DemoMode(bool On, DateTimeOffset Start)
{
    /// <summary>10:00 on Sunday 5 April 2020 in China: inside the demo programme's survey phase.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2020, 4, 5, 10, 0, 0, TimeSpan.FromHours(8));

    public static DemoMode From(IConfiguration config)
    {
        var on = config.GetValue("Seed:Demo", true) && config.GetValue("Demo:Clock:Enabled", true);
        var text = config["Demo:Clock:Start"];
        return new DemoMode(on, string.IsNullOrWhiteSpace(text) ? DefaultStart : ParseStart(text));
    }

    /// <summary>An instant with its offset, or a time of day without one, which is China's (2020-04-05T10:00).</summary>
    private static DateTimeOffset ParseStart(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            throw new InvalidOperationException($"Demo:Clock:Start 不是有效的时间：{text}（例：2020-04-05T10:00+08:00）");
        }
        return at.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(at, Clock.ChinaTime.GetUtcOffset(at))
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    /// <summary>The system's clock: the demo clock in demo mode, the real clock otherwise.</summary>
    public TimeProvider SystemClock(TimeProvider real) => On ? new DemoClock(real, Start) : real;

    /// <summary>The banner's wording for today's demo date.</summary>
    public static string Banner(DateOnly today) => $"演示模式 · 系统日期 {today:yyyy年M月d日}";
}

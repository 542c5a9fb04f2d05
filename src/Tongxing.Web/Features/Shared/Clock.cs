namespace Tongxing.Web.Features.Shared;

/// <summary>The programme's time zone: business dates are China's dates, timestamps are stored in UTC.</summary>
public static class Clock
{
    public static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime).DateTime);

    /// <summary>The China date of a stored timestamp.</summary>
    public static DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, ChinaTime).DateTime);

    public static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ChinaTime).ToString("yyyy-MM-dd HH:mm");
}

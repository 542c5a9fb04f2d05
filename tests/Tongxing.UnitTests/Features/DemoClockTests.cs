using Microsoft.Extensions.Configuration;
using Tongxing.Web.Features.Shared;

namespace Tongxing.UnitTests.Features;

public sealed class DemoClockTests
{
    /// <summary>A real clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private long _ticks;

        public DateTimeOffset Now { get; private set; } = now;

        public void Advance(TimeSpan by)
        {
            Now += by;
            _ticks += by.Ticks;
        }

        public override DateTimeOffset GetUtcNow() => Now;

        public override long GetTimestamp() => _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    [Fact]
    public void The_demo_clock_starts_at_the_configured_instant_and_advances_in_real_time()
    {
        var real = new ManualClock(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var start = new DateTimeOffset(2020, 4, 5, 10, 0, 0, TimeSpan.FromHours(8));
        var demo = new DemoClock(real, start);
        Assert.Equal(start, demo.GetUtcNow());
        Assert.Equal(new DateOnly(2020, 4, 5), demo.Today());

        real.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(start.AddMinutes(90), demo.GetUtcNow());
        real.Advance(TimeSpan.FromDays(2));
        Assert.Equal(new DateOnly(2020, 4, 7), demo.Today());
    }

    [Fact]
    public void The_demo_runs_on_the_demo_clock_from_5_April_2020_10_00_China_by_default()
    {
        var mode = DemoMode.From(Config());
        Assert.True(mode.On);
        Assert.Equal(new DateTimeOffset(2020, 4, 5, 2, 0, 0, TimeSpan.Zero), mode.Start);
        Assert.IsType<DemoClock>(mode.SystemClock(TimeProvider.System));
    }

    [Fact]
    public void A_start_without_an_offset_is_China_time()
    {
        var mode = DemoMode.From(Config(("Demo:Clock:Start", "2020-04-20T09:30")));
        Assert.Equal(new DateTimeOffset(2020, 4, 20, 1, 30, 0, TimeSpan.Zero), mode.Start);
        Assert.Equal(new DateTimeOffset(2020, 4, 20, 1, 30, 0, TimeSpan.Zero), DemoMode.From(Config(("Demo:Clock:Start", "2020-04-20T09:30+08:00"))).Start);
    }

    [Theory]
    [InlineData("Seed:Demo", "false")]
    [InlineData("Demo:Clock:Enabled", "false")]
    public void A_real_deployment_runs_on_the_real_clock(string key, string value)
    {
        var mode = DemoMode.From(Config((key, value)));
        Assert.False(mode.On);
        Assert.Same(TimeProvider.System, mode.SystemClock(TimeProvider.System));
    }

    [Fact]
    public void A_start_that_is_no_time_stops_the_start_with_its_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DemoMode.From(Config(("Demo:Clock:Start", "四月五日"))));
        Assert.Contains("Demo:Clock:Start", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_banner_names_the_demo_s_date()
    {
        Assert.Equal("演示模式 · 系统日期 2020年4月5日", DemoMode.Banner(new DateOnly(2020, 4, 5)));
    }
}

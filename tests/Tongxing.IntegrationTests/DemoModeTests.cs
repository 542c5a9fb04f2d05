using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Features.Shared;

namespace Tongxing.IntegrationTests;

/// <summary>The demo runs in its own time and says so on every page; a real deployment runs on the real clock and says nothing.</summary>
public sealed class DemoModeTests
{
    [Fact]
    public async Task The_demo_shows_its_date_on_every_page_signed_in_or_not()
    {
        await using var app = new SqliteApp();
        Assert.IsType<DemoMode>(app.Services.GetRequiredService<DemoMode>());
        Assert.Contains("演示模式 · 系统日期 2020年4月5日", await app.Anonymous().GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        var village = await app.SignIn("luoman.cun");
        Assert.Contains("演示模式 · 系统日期 2020年4月5日", await village.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("演示模式 · 系统日期 2020年4月5日", await village.GetStringAsync("/Households"), StringComparison.Ordinal);
        // The banner follows the clock.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("系统日期 2020年4月6日", await app.Anonymous().GetStringAsync("/Account/Login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_out_in_the_demo_says_minutes_of_the_real_clock_not_years()
    {
        // The app runs on a clock of 2020; Identity sets the lock-out's end on the machine's clock.
        await using var app = new SqliteApp();
        var client = app.Anonymous();
        string page = "";
        for (var i = 0; i < 6; i++)
        {
            var response = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "caizheng", ["Password"] = "Wrong-password-1" });
            page = await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("账号已锁定，请15分钟后再试", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task The_app_runs_on_the_demo_clock_from_5_April_2020_only_in_the_demo(bool demo, bool demoClock)
    {
        // The app as it starts outside the tests (which put their own clock in its place); built, not started.
        var file = Path.Combine(Path.GetTempPath(), $"tongxing-demo-{Guid.NewGuid():N}.db");
        await using var built = Tongxing.Web.TongxingApp.Build([$"--Seed:Demo={demo}", "--Database:Provider=Sqlite", $"--ConnectionStrings:Tongxing=Data Source={file}"]);
        var clock = built.Services.GetRequiredService<TimeProvider>();
        Assert.Equal(demoClock, clock is DemoClock);
        var today = clock.Today();
        Assert.Equal(demoClock, today == new DateOnly(2020, 4, 5));
        Assert.Equal(demoClock, built.Services.GetRequiredService<DemoMode>().On);
    }

    [Theory]
    [InlineData("Seed:Demo")]
    [InlineData("Demo:Clock:Enabled")]
    public async Task A_real_deployment_shows_no_banner_and_runs_on_the_real_clock(string setting)
    {
        await using var app = new SqliteApp();
        await using var real = app.WithWebHostBuilder(b => b.UseSetting(setting, "false"));
        Assert.False(real.Services.GetRequiredService<DemoMode>().On);
        var login = await real.CreateClient().GetStringAsync("/Account/Login");
        Assert.Contains("登录", login, StringComparison.Ordinal);
        Assert.DoesNotContain("演示模式", login, StringComparison.Ordinal);
    }
}

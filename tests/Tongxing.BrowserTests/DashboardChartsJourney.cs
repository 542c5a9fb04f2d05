using Microsoft.Playwright;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

/// <summary>The dashboard's charts drawn in the browser from /lib (CSP intact), each with its table, and the drill-down by a click.</summary>
public sealed class DashboardChartsJourney(Browser browser) : IClassFixture<Browser>
{
    private static async Task Shot(IPage page, string name) => await page.ScreenshotAsync(new() { Path = $"/tmp/dash-{name}.png", FullPage = true });

    [Fact]
    public async Task The_district_sees_charts_with_their_tables_and_opens_a_town_on_desktop_and_phone()
    {
        var page = await browser.NewPage();
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync("/Dashboard");
        foreach (var chart in new[] { "quota", "funnel", "funds", "visits" })
        {
            await Assertions.Expect(page.Locator($"#tx-chart-{chart} svg")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        }
        await Assertions.Expect(page.Locator("table.tx-funnel tbody tr")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("table.tx-funds tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("table.tx-phases tbody tr")).ToHaveCountAsync(6);
        await Browser.AssertAccessible(page);
        await Shot(page, "district-desktop");

        await page.Locator("table.tx-dashboard tbody").GetByRole(AriaRole.Link, new() { Name = "洛满镇" }).ClickAsync();
        await Browser.Reached(page, $"area={DemoData.Luoman}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("洛满镇工作进度");
        await Assertions.Expect(page.Locator("#tx-chart-quota svg")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("nav[aria-label='区划层级']")).ToContainTextAsync("柳南区");
        await Browser.AssertAccessible(page);
        await Shot(page, "town-desktop");
        await page.Locator("nav[aria-label='区划层级']").GetByRole(AriaRole.Link, new() { Name = "柳南区" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("柳南区工作进度");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "qucanlian");
        await phone.GotoAsync("/Dashboard");
        await Assertions.Expect(phone.Locator("#tx-chart-funnel svg")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the dashboard is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "district-phone");
        await phone.ScreenshotAsync(new() { Path = "/tmp/dash-district-phone-top.png" });
    }

    [Fact]
    public async Task The_region_opens_a_city_by_clicking_its_bars()
    {
        var page = await browser.NewPage();
        await Browser.SignIn(page, "zizhiqu.canlian");
        await page.GotoAsync("/Dashboard");
        var chart = page.Locator("#tx-chart-quota");
        await Assertions.Expect(chart.Locator("svg")).ToBeAttachedAsync(new() { Timeout = 10_000 });
        await Shot(page, "region-desktop");
        // The only unit's place in the middle of the plot, above the axis.
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Browser.Reached(page, $"area={DemoData.Liuzhou}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("柳州市工作进度");
    }
}

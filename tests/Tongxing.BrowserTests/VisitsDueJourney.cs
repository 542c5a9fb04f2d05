using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

/// <summary>回访提醒 and 帮扶人履职情况 as the town sees them on a desktop and on a 360-px phone, and a helper's own list.</summary>
public sealed class VisitsDueJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/{name}.png", FullPage = true }));

    private static async Task FitsThePhone(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a 360px phone");
    }

    [Fact]
    public async Task The_town_sees_whats_due_and_overdue_and_each_helpers_work_and_a_helper_sees_their_own_households()
    {
        var app = browser.App;
        VisitSetup.Today(app, new DateOnly(2020, 5, 20));
        var own = await Pairings.AddHelperAsync(app, DemoData.LuomanVillage, "陆师傅", "bangfuren");
        var other = await Pairings.AddHelperAsync(app, DemoData.GuzhouVillage, "韦勤", kind: Tongxing.Web.Domain.HelperKind.WealthLeader);
        var mine = await Pairings.PairedHouseholdsAsync(app, 2, own, DemoData.LuomanVillage, new DateOnly(2020, 5, 10));
        var theirs = await Pairings.PairedHouseholdsAsync(app, 3, other, DemoData.GuzhouVillage, new DateOnly(2020, 5, 20));
        await Pairings.ReturnVisitAsync(app, theirs[0], new DateOnly(2020, 6, 1));
        await VisitSetup.LogAsync(app, theirs[1], other, new DateOnly(2020, 8, 20));
        await VisitSetup.LogAsync(app, mine[0], own, new DateOnly(2020, 7, 1));
        VisitSetup.Today(app, new DateOnly(2020, 9, 3));

        var desk = await browser.NewPage();
        await Browser.SignIn(desk, "luoman.canlian");
        await desk.Locator("nav a[href='/Pairing/Due']").First.ClickAsync();
        await Browser.Reached(desk, "/Pairing/Due");
        await Assertions.Expect(desk.Locator("#area-visits")).ToContainTextAsync("合计");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "visits-due-desktop");
        await desk.GetByRole(AriaRole.Link, new() { Name = "已逾期（4）" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#visits-due")).ToContainTextAsync("已逾期 11 天");
        await Assertions.Expect(desk.Locator("#visits-due")).ToContainTextAsync("陆师傅");
        await Assertions.Expect(desk.Locator($"#visits-due a[href='/Pairing/Visit/{mine[0]}']")).ToBeVisibleAsync();
        await Shot(desk, "visits-overdue-desktop");
        await desk.GotoAsync("/");
        await Assertions.Expect(desk.Locator("#next-actions")).ToContainTextAsync("定期回访已逾期");
        await desk.Locator("#next-actions a[href='/Pairing/Due?state=overdue']").ClickAsync();
        await Browser.Reached(desk, "/Pairing/Due");

        var town = await browser.NewPage();
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Pairing/HelperActivity");
        await Assertions.Expect(town.Locator("#helper-activity")).ToContainTextAsync("韦勤");
        await Assertions.Expect(town.Locator("#helper-activity")).ToContainTextAsync("超过30天未记日志");
        await Browser.AssertAccessible(town);
        await Shot(town, "visits-helper-activity-desktop");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.dangwei");
        await phone.GotoAsync("/Pairing/Due?state=overdue");
        await Assertions.Expect(phone.Locator("#visits-due")).ToContainTextAsync("已逾期");
        await FitsThePhone(phone);
        await Shot(phone, "visits-overdue-phone");
        await phone.GotoAsync("/Pairing/HelperActivity");
        await FitsThePhone(phone);
        await Browser.AssertAccessible(phone);
        await Shot(phone, "visits-helper-activity-phone");

        var helper = await browser.NewPage(360, 740);
        await Browser.SignIn(helper, "bangfuren");
        await helper.GotoAsync("/Pairing/Due?state=overdue");
        await Assertions.Expect(helper.Locator("#visits-due li")).ToHaveCountAsync(2);
        await Assertions.Expect(helper.Locator("#visits-due")).Not.ToContainTextAsync("韦勤");
        Assert.Equal(0, await helper.Locator("#area-visits").CountAsync());
        await FitsThePhone(helper);
        await Browser.AssertAccessible(helper);
        await Shot(helper, "visits-helper-own-phone");
    }
}

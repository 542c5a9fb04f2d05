using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class HomeAndAuditJourney(Browser browser) : IClassFixture<Browser>
{
    private static async Task FitsThePhone(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a 360px phone");
    }

    [Fact]
    public async Task The_village_s_home_names_its_returned_household_and_leads_to_it_on_a_phone_under_the_demo_banner()
    {
        string returnedHead;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var household = await db.Households.Where(h => h.VillageCode == DemoData.LuomanVillage && h.Status == HouseholdStatus.Proposed).OrderBy(h => h.Id).FirstAsync();
            household.ForceStatusForLoadTest(HouseholdStatus.Returned);
            await db.SaveChangesAsync();
            returnedHead = household.HeadName;
        }

        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "luoman.cun");
        await Assertions.Expect(page.Locator("#demo-banner")).ToHaveTextAsync("演示模式 · 系统日期 2020年4月5日");
        var line = page.Locator("#next-actions li[data-item=CorrectReturned]");
        await Assertions.Expect(line).ToContainTextAsync("区残联退回的对象");
        await Assertions.Expect(line).ToContainTextAsync("1 户");
        await Assertions.Expect(line).ToContainTextAsync("截止4月16日（还有11天）");
        await FitsThePhone(page);
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "home-village-phone");

        await line.GetByRole(AriaRole.Link).ClickAsync();
        await Browser.Reached(page, "/Households\\?Status=Returned");
        await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync(returnedHead);
        await Assertions.Expect(page.Locator("#demo-banner")).ToBeVisibleAsync();

        var town = await browser.NewPage();
        await Browser.SignIn(town, "luoman.dangwei");
        await Assertions.Expect(town.Locator("#next-actions li[data-item=SubmitSurvey]")).ToContainTextAsync("截止4月9日（还有4天）");
        await Browser.AssertAccessible(town);
        await Browser.Screenshot(town, "home-town");
    }

    [Fact]
    public async Task The_district_reads_the_audit_log_filters_it_and_pages_back_on_desktop_and_phone()
    {
        // More than a page of the district's own entries (it reads its own officials' log): sign-ins on its accounts.
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Tongxing.Web.Data.TongxingDb>();
            var village = await db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync();
            for (var i = 0; i < 60; i++)
            {
                db.Audit("登录", "AppUser", village, details: "用户名：luoman.cun");
            }
            await db.SaveChangesAsync();
        }
        var page = await browser.NewPage();
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync("/Admin/Audit");
        await Assertions.Expect(page.Locator("#audit-verdict")).ToContainTextAsync("哈希链校验通过");
        await Assertions.Expect(page.Locator("#audit-log tbody tr")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("#audit-log")).Not.ToContainTextAsync("AppUser");
        await Assertions.Expect(page.Locator("#audit-log")).Not.ToContainTextAsync("{\"");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "audit-district");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "audit-district-top.png") });

        await page.GetByLabel("操作").SelectOptionAsync("登录");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Browser.Reached(page, "Action=");
        var actions = await page.Locator("#audit-log tbody td[data-label=操作]").AllTextContentsAsync();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.Equal("登录", a.Trim()));

        await page.GotoAsync("/Admin/Audit");
        var newest = await page.Locator("#audit-log tbody td[data-label=序号]").First.TextContentAsync();
        await page.Locator("a[rel=next]").First.ClickAsync();
        await Browser.Reached(page, "Before=");
        await page.Locator("a[rel=prev]").First.ClickAsync();
        await Browser.Reached(page, "After=");
        await Assertions.Expect(page.Locator("#audit-log tbody td[data-label=序号]").First).ToHaveTextAsync(newest!);

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "qucanlian");
        await phone.GotoAsync("/Admin/Audit?Action=修改");
        await Browser.Reached(phone, "Action=");
        await FitsThePhone(phone);
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "audit-district-phone");
    }
}

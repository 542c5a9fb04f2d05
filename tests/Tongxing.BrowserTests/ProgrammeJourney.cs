using Microsoft.Playwright;

namespace Tongxing.BrowserTests;

/// <summary>The district federation sets up next year's programme by copying this year's, as it would in spring.</summary>
public sealed class ProgrammeJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_district_federation_copies_last_year_fixes_the_split_and_creates_the_year()
    {
        var page = await browser.NewPage();
        await Browser.SignIn(page, "qucanlian");
        await page.GetByRole(AriaRole.Link, new() { Name = "帮扶项目" }).ClickAsync();
        await Browser.Reached(page, "/Programmes$");
        await Assertions.Expect(page.Locator("main table tbody tr").First).ToContainTextAsync("当前");
        await Browser.AssertAccessible(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "复制上一年度建立新项目" }).ClickAsync();
        await Browser.Reached(page, "/Programmes/Edit\\?copy=true");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("建立2021年度帮扶项目");
        await Assertions.Expect(page.GetByLabel("项目名称")).ToHaveValueAsync("2021年柳南区“党员扶残 温暖同行”项目");
        await Assertions.Expect(page.GetByLabel("开始日期").First).ToHaveValueAsync("2021-04-02");
        await page.GetByLabel("流山镇").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "建立项目" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.TownQuotas']")).ToHaveTextAsync("各镇任务数之和（150户）应等于全区任务数（152户）");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "programme-create-desktop");

        await page.GetByLabel("流山镇").FillAsync("82");
        await page.GetByRole(AriaRole.Button, new() { Name = "建立项目" }).ClickAsync();
        await Browser.Reached(page, "/Programmes/Details/\\d+$");
        await Assertions.Expect(page.Locator("[role=status]")).ToHaveTextAsync("已建立2021年度帮扶项目。");
        await Assertions.Expect(page.Locator("main dl")).ToContainTextAsync("洛满镇70户，流山镇82户");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "programme-details-desktop");

        // On a phone: the form of the running year shows what is locked and fits the screen.
        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "qucanlian");
        await phone.GotoAsync("/Programmes");
        await phone.Locator("main table tbody tr", new() { HasText = "2020" }).GetByRole(AriaRole.Link, new() { Name = "修改" }).ClickAsync();
        await Browser.Reached(phone, "/Programmes/Edit/\\d+$");
        await Assertions.Expect(phone.Locator("main [role=note]")).ToContainTextAsync("“调查摸底”阶段已于2020年4月2日开始，开始日期不能再改");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the programme form is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "programme-edit-phone");
    }
}

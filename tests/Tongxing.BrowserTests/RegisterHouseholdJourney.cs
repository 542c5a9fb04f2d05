using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class RegisterHouseholdJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Village_user_corrects_a_bad_id_finds_the_household_and_another_village_cannot_see_it()
    {
        var page = await browser.NewPage();
        await page.GotoAsync("/Account/Login");
        await Browser.AssertAccessible(page);
        await Browser.SignIn(page, "luoman.cun");
        await Browser.AssertAccessible(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "登记帮扶对象" }).First.ClickAsync();
        await Browser.Reached(page, "/Households/Register$");
        await Browser.AssertAccessible(page);

        var id = Households.NewId(Gender.Female, 45);
        var badId = id[..17] + (id[17] == '1' ? '2' : '1');
        await FillHousehold(page, "黄浏览", badId);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存登记" }).ClickAsync();

        var message = page.Locator("[data-valmsg-for='Input.Members[0].IdNumber']");
        await Assertions.Expect(message).ToContainTextAsync("校验位");
        await Assertions.Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Browser.Screenshot(page, "register-bad-id-desktop");
        await Browser.AssertAccessible(page);

        await page.GetByLabel("身份证号码").FillAsync(id);
        await page.GetByLabel("残疾人证号").FillAsync(id + "41");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存登记" }).ClickAsync();
        await Browser.Reached(page, "/Households/Details/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("黄浏览");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(id);
        var detailsUrl = page.Url;
        await Browser.AssertAccessible(page);

        await page.GotoAsync("/Households");
        await page.GetByLabel("姓名或身份证号").FillAsync("黄浏览");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var row = page.Locator("#household-table tbody tr", new() { HasText = "黄浏览" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync($"{id[..6]}********{id[^4..]}");
        await Assertions.Expect(page.Locator("#household-table")).Not.ToContainTextAsync(id);
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "households-list-desktop");

        var other = await browser.NewPage();
        await Browser.SignIn(other, "guzhou.cun");
        await other.GotoAsync("/Households?Q=黄浏览");
        await Assertions.Expect(other.Locator("#household-table")).ToContainTextAsync("没有符合条件的帮扶对象");
        var response = await other.GotoAsync(detailsUrl);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(other.Locator("main")).Not.ToContainTextAsync("黄浏览");
    }

    /// <summary>Fills the registration form for a one-person household whose head is the disabled candidate.</summary>
    internal static async Task FillHousehold(IPage page, string name, string id)
    {
        await page.GetByLabel("村民小组（屯）").FillAsync("大屯");
        await page.GetByLabel("家庭人口数").FillAsync("3");
        await page.GetByLabel("家庭人均年纯收入（元）").FillAsync("3650");
        await page.GetByLabel("建档立卡情况").SelectOptionAsync("Registered");
        await page.GetByLabel("扶持项目类型").SelectOptionAsync("Livestock");
        await page.GetByLabel("项目内容").FillAsync("养殖生猪10头");
        await page.GetByLabel("有无致富愿望").SelectOptionAsync("true");
        await page.GetByLabel("项目是否可行").SelectOptionAsync("true");
        await page.GetByLabel("姓名").FillAsync(name);
        await page.GetByLabel("与户主关系").SelectOptionAsync("Head");
        await page.GetByLabel("身份证号码").FillAsync(id);
        await page.GetByLabel("性别").SelectOptionAsync("Female");
        await page.GetByLabel("残疾人证号").FillAsync(id + "41");
        await page.GetByLabel("劳动能力").SelectOptionAsync("Strong");
    }

    [Fact]
    public async Task Pages_fit_a_360_pixel_phone()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "luoman.cun");
        foreach (var (url, name) in new[] { ("/", "home"), ("/Households", "households-list"), ("/Households/Register", "register"), ("/Survey", "survey-village"), ("/Survey/Import", "import") })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px phone");
            await Browser.AssertAccessible(page);
            await Browser.Screenshot(page, name + "-phone");
        }
    }

    [Fact]
    public async Task Login_form_works_from_the_keyboard()
    {
        var page = await browser.NewPage();
        await page.GotoAsync("/Account/Login");
        await page.Locator("body").FocusAsync();
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''") != "UserName"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal("UserName", await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''"));
        var focusVisible = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).boxShadow + getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("nonenone", focusVisible);
        await page.Keyboard.TypeAsync("luoman.canlian");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(Tongxing.Web.Data.Seed.DemoData.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Browser.SignedIn(page);
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("镇残联");
    }
}

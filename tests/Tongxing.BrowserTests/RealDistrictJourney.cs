using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Account;
using Tongxing.Web.Features.Areas;

namespace Tongxing.BrowserTests;

/// <summary>The app started without demo data: no user, no area, no programme.</summary>
public sealed class FreshInstanceBrowser() : Browser(new SqliteApp { SeedDemo = false });

/// <summary>
/// A real district sets itself up from nothing, as docs/deployment.md tells the operator and the README tells the
/// district: the operator loads the region's top of the division codes and creates the district's administrator; the
/// administrator changes the one-time password, imports the district's towns and villages, creates a town and a
/// village secretary and the year's programme; the village secretary signs in on a phone and registers a household.
/// </summary>
public sealed class RealDistrictJourney(FreshInstanceBrowser browser) : IClassFixture<FreshInstanceBrowser>
{
    private static string Csv(IEnumerable<Area> units) =>
        "统计用区划代码,城乡分类代码,名称\r\n" + string.Concat(units.Select(a => $"{a.Code},{(a.Level == AreaLevel.Village ? "220" : "")},{a.Name}\r\n"));

    private static async Task<string> ChangeOneTimePassword(IPage page, string user, string oneTime, string newPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(oneTime);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Browser.Reached(page, "/Account/Password$");
        await page.GetByLabel("原密码").FillAsync(oneTime);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("再次输入新密码").FillAsync(newPassword);
        await page.GetByLabel("再次输入新密码").PressAsync("Enter");
        await Browser.Reached(page, "/$");
        await Browser.SignedIn(page);
        return newPassword;
    }

    private static async Task<string> CreateUser(IPage page, string name, string userName, string phone, string office, string area)
    {
        await page.GotoAsync("/Admin/Users/Create");
        await page.GetByLabel("姓名").FillAsync(name);
        await page.GetByLabel("用户名（登录用）").FillAsync(userName);
        await page.GetByLabel("手机号").FillAsync(phone);
        await page.GetByLabel("职务").SelectOptionAsync(new SelectOptionValue { Label = office });
        await page.GetByLabel("所在区域").SelectOptionAsync(area);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并生成临时密码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#temporary-password")).ToBeVisibleAsync();
        return (await page.Locator("#temporary-password").InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task From_nothing_to_the_first_household_registered_by_a_village_secretary()
    {
        var areas = DemoData.Areas();
        Assert.Contains("create-admin", await browser.App.CreateClient().GetStringAsync("/Account/Login"), StringComparison.Ordinal);

        // The operator: the region's top of the official codes, then the district's administrator (docs/deployment.md).
        var top = Path.Combine(browser.App.UploadsPath, "top.csv");
        Directory.CreateDirectory(browser.App.UploadsPath);
        await File.WriteAllTextAsync(top, Csv(areas.Where(a => a.Level <= AreaLevel.District)), new UTF8Encoding(true));
        using (var output = new StringWriter())
        {
            Assert.Equal(0, await ImportAreasCommand.RunAsync(browser.App.Services, top, false, output, CancellationToken.None));
        }
        string oneTime;
        using (var output = new StringWriter())
        {
            Assert.Equal(0, await CreateAdminCommand.RunAsync(browser.App.Services, "liunan.admin", DemoData.LiunanDistrict, output, CancellationToken.None));
            oneTime = Regex.Match(output.ToString(), "一次性密码：(\\S+)").Groups[1].Value;
        }

        // The administrator: a new password, then the district's towns and villages.
        var admin = await browser.NewPage();
        Browser.AcceptDialogs(admin);
        await ChangeOneTimePassword(admin, "liunan.admin", oneTime, "Liunan@2020admin");
        // Administration only: no household page, nor the federation's 扶持条件 (set on 帮扶项目 instead).
        await Assertions.Expect(admin.Locator("nav a[href='/Households'], nav a[href='/Programmes/Settings']")).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Link, new() { Name = "区划管理" }).ClickAsync();
        await Browser.Reached(admin, "/Admin/Areas");
        await admin.GotoAsync("/Admin/Areas/Import");
        var district = Csv(areas.Where(a => a.Level >= AreaLevel.Town));
        await admin.SetInputFilesAsync("#Upload", new FilePayload { Name = "柳南区区划代码.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(district)] });
        await admin.GetByRole(AriaRole.Button, new() { Name = "试导入（不写入）" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#report-added")).ToContainTextAsync("洛满村", new() { Timeout = 30_000 });
        await admin.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Browser.Reached(admin, "/Admin/Areas$");
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"新增{areas.Count(a => a.Level >= AreaLevel.Town)}个");

        // The town's and the village's secretaries.
        var town = await CreateUser(admin, "洛满镇党委 蓝书记", "luoman.lan", "13877001111", "镇党委", DemoData.Luoman);
        var village = await CreateUser(admin, "洛满村党支部 潘书记", "luoman.pan", "13877002222", "村党支部", DemoData.LuomanVillage);
        Assert.NotEqual(town, village);

        // The year's programme, from a blank form.
        await admin.GetByRole(AriaRole.Link, new() { Name = "帮扶项目" }).ClickAsync();
        await Browser.Reached(admin, "/Programmes$");
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "复制上一年度建立新项目" })).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Link, new() { Name = "从空白建立新项目" }).ClickAsync();
        await Browser.Reached(admin, "/Programmes/Edit");
        // The usual values come prefilled from configuration; the year's own numbers and dates are typed.
        await Assertions.Expect(admin.GetByLabel("项目名称")).ToHaveValueAsync("2020年柳南区“党员扶残 温暖同行”项目");
        await Assertions.Expect(admin.GetByLabel("每户扶持资金（元）")).ToHaveValueAsync("1000");
        await Assertions.Expect(admin.Locator("#fund-0")).ToHaveValueAsync("70");
        await Assertions.Expect(admin.GetByLabel("全区任务数（户）")).ToHaveValueAsync("");
        await Browser.AssertAccessible(admin);
        await admin.GetByLabel("项目名称").FillAsync("2020年柳南区“党员扶残 温暖同行”项目");
        await admin.GetByLabel("公示期（工作日）").FillAsync("5");
        await admin.GetByLabel("全区任务数（户）").FillAsync("152");
        await admin.GetByLabel("每村至少帮扶（户）").FillAsync("1");
        await admin.GetByLabel("洛满镇").FillAsync("70");
        await admin.GetByLabel("流山镇").FillAsync("82");
        await admin.GetByLabel("每户扶持资金（元）").FillAsync("1000");
        await admin.Locator("#fund-0").FillAsync("70");
        await admin.Locator("#fund-1").FillAsync("10");
        await admin.Locator("#fund-2").FillAsync("20");
        await admin.GetByLabel("年龄计算基准日").FillAsync("2020-04-02");
        await admin.GetByLabel("男性最低年龄").FillAsync("16");
        await admin.GetByLabel("男性最高年龄").FillAsync("59");
        await admin.GetByLabel("女性最低年龄").FillAsync("16");
        await admin.GetByLabel("女性最高年龄").FillAsync("54");
        await admin.GetByLabel("重点扶持收入线（人均年纯收入低于，元）").FillAsync("5000");
        await admin.GetByLabel("每户帮扶党员至少（名）").FillAsync("1");
        await admin.GetByLabel("至多（名）").FillAsync("2");
        await admin.GetByLabel("每户掌握实用技术至少（门）").FillAsync("1");
        await admin.GetByLabel("至多（门）").FillAsync("2");
        (string Start, string End)[] phases = [("04-02", "04-16"), ("04-16", "04-29"), ("04-27", "05-07"), ("05-07", "05-27"), ("11-16", "11-23"), ("11-16", "11-27")];
        for (var i = 0; i < phases.Length; i++)
        {
            await admin.Locator($"#ph-{i}-start").FillAsync("2020-" + phases[i].Start);
            await admin.Locator($"#ph-{i}-end").FillAsync("2020-" + phases[i].End);
        }
        await admin.GetByRole(AriaRole.Button, new() { Name = "建立项目" }).ClickAsync();
        await Browser.Reached(admin, "/Programmes/Details/\\d+$");
        await Assertions.Expect(admin.Locator("main dl")).ToContainTextAsync("洛满镇70户，流山镇82户");
        await Browser.Screenshot(admin, "real-district-programme");

        // The village secretary, on a phone: a new password, then the first household.
        var phone = await browser.NewPage(360, 740);
        await ChangeOneTimePassword(phone, "luoman.pan", village, "Luoman@2020pan");
        await phone.GotoAsync("/Households/Register");
        var id = Households.NewId(Gender.Female, 45);
        await RegisterHouseholdJourney.FillHousehold(phone, "黄首户", id);
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存登记" }).ClickAsync();
        await Browser.Reached(phone, "/Households/Details/");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("黄首户");
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "real-district-first-household-phone");

        // The town secretary signs in too, and sees the household of the town.
        var townPage = await browser.NewPage();
        await ChangeOneTimePassword(townPage, "luoman.lan", town, "Luoman@2020lan");
        await townPage.GotoAsync("/Households");
        await Assertions.Expect(townPage.Locator("#household-table")).ToContainTextAsync("黄首户");
    }
}

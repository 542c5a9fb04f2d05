using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class SurveyJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Town_exports_attachment1_district_returns_a_household_and_the_village_sees_why()
    {
        // The village proposes a household.
        var village = await browser.NewPage();
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync("/Households/Register");
        var id = Households.NewId(Gender.Female, 40);
        await RegisterHouseholdJourney.FillHousehold(village, "潘退回", id);
        await village.GetByRole(AriaRole.Button, new() { Name = "保存登记" }).ClickAsync();
        await Browser.Reached(village, "/Households/Details/");
        await Assertions.Expect(village.Locator("#screening-title")).ToContainTextAsync("重点扶持对象");

        // The town puts it on its 附件1, sends it, and exports the workbook.
        var town = await browser.NewPage();
        Browser.AcceptDialogs(town);
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Survey");
        await Browser.AssertAccessible(town);
        var row = town.Locator("#candidates tbody tr", new() { HasText = "潘退回" });
        await row.GetByLabel("报送潘退回户").CheckAsync();
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.GetByRole(AriaRole.Status)).ToContainTextAsync("正式对象1户");
        await Assertions.Expect(town.Locator("#candidates tbody tr", new() { HasText = "潘退回" })).ToContainTextAsync("镇已报送待审核");
        await Browser.Screenshot(town, "survey-town-desktop");

        var download = await town.RunAndWaitForDownloadAsync(() => town.Locator("#export-attachment1").ClickAsync());
        Assert.StartsWith("附件1_帮扶对象汇总表_洛满镇_", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(Browser.ScreenshotDir, "attachment1-luoman.xlsx");
        await download.SaveAsAsync(path);
        var sheet = Attachment1Reader.Read(await File.ReadAllBytesAsync(path), 10_000);
        Assert.Null(sheet.Error);
        Assert.Contains(sheet.Rows, r => r["户主姓名"] == "潘退回" && r["身份证号码"] == id);

        // The district returns it with a reason.
        var district = await browser.NewPage();
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync("/Survey?town=450204101000");
        await Browser.AssertAccessible(district);
        await district.Locator("#candidates").GetByRole(AriaRole.Link, new() { Name = "潘退回" }).ClickAsync();
        await district.GetByLabel("审核意见（退回时必填）").FillAsync("项目内容过于简单，请补充养殖规模和销路");
        await district.GetByRole(AriaRole.Button, new() { Name = "退回村（社区）" }).ClickAsync();
        await Assertions.Expect(district.GetByRole(AriaRole.Status)).ToContainTextAsync("已退回");

        // The village sees it among its returned households, with the reason.
        await village.GotoAsync("/Households?Status=Returned");
        await village.Locator("#household-table").GetByRole(AriaRole.Link, new() { Name = "潘退回" }).ClickAsync();
        await Assertions.Expect(village.Locator("#return-reason")).ToContainTextAsync("项目内容过于简单，请补充养殖规模和销路");
        await Assertions.Expect(village.GetByRole(AriaRole.Button, new() { Name = "修改完成，重新提交" })).ToBeVisibleAsync();
        await Browser.AssertAccessible(village);
        await Browser.Screenshot(village, "returned-household-desktop");
    }

    [Fact]
    public async Task District_survey_and_settings_pages_are_accessible_on_a_phone()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "qucanlian");
        foreach (var (url, name) in new[] { ("/Survey", "survey-district"), ("/Survey?town=450204102000", "survey-district-town"), ("/Programmes/Settings", "settings") })
        {
            await page.GotoAsync(url);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 360px phone");
            await Browser.AssertAccessible(page);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, name + "-phone.png") });
        }
        await Assertions.Expect(page.GetByLabel("女性最高年龄")).ToHaveValueAsync("54");
    }
}

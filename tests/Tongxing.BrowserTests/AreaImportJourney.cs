using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class AreaImportJourney(Browser browser) : IClassFixture<Browser>
{
    private async Task<string> Administrator()
    {
        var name = "admin." + Guid.NewGuid().ToString("N")[..8];
        await using var scope = browser.App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser
        {
            UserName = name,
            DisplayName = "柳南区系统管理员 黄工",
            Role = Role.Administrator,
            AreaCode = DemoData.LiunanDistrict,
            AreaLevel = AreaLevel.District,
            LockoutEnabled = true,
        }, DemoData.DemoPassword);
        Assert.True(created.Succeeded);
        return name;
    }

    private async Task<byte[]> LiushanFile()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var units = await db.Areas.AsNoTracking().Where(a => a.Code == DemoData.Liushan || a.ParentCode == DemoData.Liushan).OrderBy(a => a.Code).ToListAsync();
        var csv = new StringBuilder("统计用区划代码,城乡分类代码,名称\r\n");
        foreach (var a in units.Where(a => a.Code != "450204102207"))
        {
            csv.Append(a.Code).Append(",220,").Append(a.Code == "450204102203" ? "大石社区居委会" : a.Name).Append("\r\n");
        }
        csv.Append("450204102208,220,新和村委会\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static async Task CheckFile(IPage page, byte[] file)
    {
        await page.GotoAsync("/Admin/Areas");
        await page.GetByRole(AriaRole.Link, new() { Name = "导入区划代码" }).ClickAsync();
        await Browser.Reached(page, "/Admin/Areas/Import$");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "柳南区区划代码.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "试导入（不写入）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("试导入结果（尚未写入）", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Administrator_imports_a_csv_sees_the_dry_run_and_confirms()
    {
        var admin = await Administrator();
        var file = await LiushanFile();

        var page = await browser.NewPage();
        await Browser.SignIn(page, admin);
        await Assertions.Expect(page.Locator("nav a[href='/Admin/Areas']")).ToHaveTextAsync("区划管理");
        await Assertions.Expect(page.Locator("nav a[href='/Households']")).ToHaveCountAsync(0);
        await page.GotoAsync("/Admin/Areas");
        await Assertions.Expect(page.Locator("#areas")).ToContainTextAsync("流山镇");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "areas-tree-desktop");

        await CheckFile(page, file);
        var report = page.Locator("#import-report");
        await Assertions.Expect(report.Locator("#report-added")).ToContainTextAsync("新和村委会");
        await Assertions.Expect(report.Locator("#report-renamed")).ToContainTextAsync("大石村委会 → 大石社区居委会");
        await Assertions.Expect(report.Locator("#report-retired")).ToContainTextAsync("新艾村委会");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "areas-import-dry-run-desktop");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, admin);
        await CheckFile(phone, file);
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the dry run is {overflow}px wider than a 360px phone");
        await Browser.Screenshot(phone, "areas-import-dry-run-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Browser.Reached(page, "/Admin/Areas$");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已导入区划：新增1个，更名1个，撤销1个");
        await page.GetByRole(AriaRole.Link, new() { Name = "流山镇", Exact = true }).ClickAsync();
        await Browser.Reached(page, "under=" + DemoData.Liushan);
        var retired = page.Locator("#areas tr", new() { HasText = "新艾村委会" });
        await Assertions.Expect(retired).ToContainTextAsync("已撤销");
        await Assertions.Expect(page.Locator("#areas")).ToContainTextAsync("新和村委会");
        await Browser.AssertAccessible(page);

        await phone.GotoAsync($"/Admin/Areas?under={DemoData.Liushan}");
        await Assertions.Expect(phone.Locator("#add-village")).ToBeVisibleAsync();
        overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the town's villages are {overflow}px wider than a 360px phone");
        await Browser.Screenshot(phone, "areas-town-phone");
    }
}

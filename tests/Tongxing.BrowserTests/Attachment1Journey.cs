using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class Attachment1Journey(Browser browser) : IClassFixture<Browser>
{
    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task Village_reimports_a_changed_row_sees_each_change_old_to_new_and_confirms_the_update()
    {
        // A household of the village's register, its 附件1 row as exported, with a new income typed in.
        var household = await Db(db => db.Households.AsNoTracking().Include(h => h.Members)
            .Where(h => h.VillageCode == DemoData.LuomanVillage && h.Status == HouseholdStatus.Proposed).OrderBy(h => h.HeadName).FirstAsync());
        var row = Attachment1.RowOf(1, household, "洛满村委会") with { Income = "1234.00" };
        using var file = new MemoryStream();
        await Attachment1Workbook.WriteAsync(file, "洛满村", [row], CancellationToken.None);

        var page = await browser.NewPage();
        await Browser.SignIn(page, "luoman.cun");
        await page.GotoAsync("/Survey/Import");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "洛满村附件1.xlsx", MimeType = Attachment1Workbook.ContentType, Buffer = file.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并检查（试运行）" }).ClickAsync();

        var report = page.Locator("#import-report");
        await Assertions.Expect(report).ToContainTextAsync("有变化，将更新", new() { Timeout = 30_000 });
        await Assertions.Expect(report.Locator("td[data-label='说明']")).ToContainTextAsync($"【人均年纯收入（元）】{household.PerCapitaIncome.ToYuanString()} → 1,234.00");
        await Assertions.Expect(page.Locator("#confirm-import")).ToHaveTextAsync("确认更新 1 户");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "import-changes-desktop");
        var job = await page.Locator("input[name='UploadId']").GetAttributeAsync("value");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.cun");
        await phone.GotoAsync($"/Survey/Import?job={job}");
        await Assertions.Expect(phone.Locator("#import-report")).ToContainTextAsync("有变化，将更新");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the report is {overflow}px wider than a 360px phone");
        await Browser.Screenshot(phone, "import-changes-phone");

        await page.Locator("#confirm-import").ClickAsync();
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("导入完成", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#import-report")).ToContainTextAsync("已更新");
        Assert.Equal(123400, await Db(db => db.Households.Where(h => h.Id == household.Id).Select(h => h.PerCapitaIncome.Fen).SingleAsync()));
    }

    [Fact]
    public async Task Town_exports_what_its_filtered_list_shows()
    {
        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "luoman.dangwei");
        await page.GotoAsync("/Households");
        await page.SelectOptionAsync("#status", HouseholdStatus.Proposed.ToString());
        await Assertions.Expect(page.Locator("#export-filtered-attachment1")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("Status=Proposed"));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the list is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(page);
        // The first screen only: the whole list on a phone is thousands of pixels long.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "households-export-phone.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-filtered-attachment1").ClickAsync());
        var path = Path.Combine(Browser.ScreenshotDir, "attachment1-filtered.xlsx");
        await download.SaveAsAsync(path);
        var sheet = Attachment1Reader.Read(await File.ReadAllBytesAsync(path), 10_000);
        Assert.Null(sheet.Error);
        var proposed = await Db(db => db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && h.Status == HouseholdStatus.Proposed));
        Assert.Equal(proposed, sheet.Rows.Count);
        Assert.All(sheet.Rows, r => Assert.Equal("村已提名", r["当前状态"]));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
using Tongxing.Web.Features.Survey;

namespace Tongxing.BrowserTests;

public sealed class DashboardJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task District_and_region_see_their_progress_tables_on_desktop_and_phone()
    {
        var district = await browser.NewPage();
        await Browser.SignIn(district, "quzuzhibu");
        await district.GotoAsync("/Dashboard");
        await Assertions.Expect(district.Locator("h1")).ToContainTextAsync("柳南区工作进度（2020年度）");
        await Assertions.Expect(district.Locator("table.tx-dashboard tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(district.Locator("table.tx-dashboard tfoot")).ToContainTextAsync("152");
        await Browser.AssertAccessible(district);
        await Browser.Screenshot(district, "dashboard-district");

        var region = await browser.NewPage(360, 740);
        await Browser.SignIn(region, "zizhiqu.canlian");
        await region.GotoAsync("/Dashboard");
        await Assertions.Expect(region.Locator("table.tx-dashboard tbody")).ToContainTextAsync("柳州市");
        var overflow = await region.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the dashboard is {overflow}px wider than a 360px phone");
        // The overseer's menu offers the dashboard and nothing with personal data.
        await Assertions.Expect(region.Locator("nav")).Not.ToContainTextAsync("帮扶对象");
        await Browser.AssertAccessible(region);
        await Browser.Screenshot(region, "dashboard-region-phone");
    }

    [Fact]
    public async Task A_running_import_shows_its_progress_and_the_page_moves_to_the_report_when_it_ends()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var userId = await db.Users.Where(u => u.UserName == "luoman.cun").Select(u => u.Id).SingleAsync();
        var now = browser.App.Clock.GetUtcNow();
        var job = new ImportUpload
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            FileName = "洛满村附件1.xlsx",
            Content = [1],
            UploadedAt = now,
            Status = ImportJobStatus.Running,
            ClaimedBy = "另一节点",
            StartedAt = now,
            Phase = "检查",
            ProcessedRows = 4200,
            TotalRows = 10000,
        };
        db.ImportUploads.Add(job);
        await db.SaveChangesAsync();

        var page = await browser.NewPage(360, 740);
        await Browser.SignIn(page, "luoman.cun");
        await page.GotoAsync($"/Survey/Import?job={job.Id}");
        await Assertions.Expect(page.Locator("#import-progress")).ToContainTextAsync("已处理 4200 行，共约 10000 行");
        await Assertions.Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", "42");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "import-progress-phone");

        // The job ends on "another node": the page's poll notices and shows the report without a reload by the user.
        var report = new ImportReport(job.FileName, job.Id, null, 10000, 0, 0, false, [], 0);
        await db.ImportUploads.Where(u => u.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportJobStatus.Done)
            .SetProperty(u => u.ProcessedRows, 10000).SetProperty(u => u.ReportJson, ImportAttachment1.Serialize(report)));
        await Assertions.Expect(page.Locator("#confirm-import")).ToContainTextAsync("确认导入 10000 户", new() { Timeout = 10_000 });
    }
}

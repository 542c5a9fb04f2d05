using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

public sealed class NoticeApprovalJourney(Browser browser) : IClassFixture<Browser>
{
    private static async Task Act(IPage page, string button, string? comment = null)
    {
        if (comment is not null)
        {
            await page.GetByLabel("意见（退回、撤回时必填）").FillAsync(comment);
        }
        await page.Locator("#approval").GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已办理");
    }

    [Fact]
    public async Task From_district_acceptance_through_notice_photo_and_three_approvals_to_filing()
    {
        // Proposed by the village, sent by the town, accepted by the district.
        var village = await browser.NewPage();
        Browser.AcceptDialogs(village);
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync("/Households/Register");
        await RegisterHouseholdJourney.FillHousehold(village, "陆公示", Households.NewId(Gender.Female, 38));
        await village.GetByRole(AriaRole.Button, new() { Name = "保存登记" }).ClickAsync();
        await Browser.Reached(village, "/Households/Details/");
        var details = village.Url;

        var town = await browser.NewPage();
        Browser.AcceptDialogs(town);
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Survey");
        await town.Locator("#candidates tbody tr", new() { HasText = "陆公示" }).GetByLabel("报送陆公示户").CheckAsync();
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.GetByRole(AriaRole.Status)).ToContainTextAsync("正式对象1户");

        var district = await browser.NewPage();
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync(details);
        await district.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(district.GetByRole(AriaRole.Status)).ToContainTextAsync("已审核通过");

        // The village posts the notice on Sunday 5 April (Qingming): it runs 7–13 April.
        await village.GotoAsync("/Notices");
        await Browser.AssertAccessible(village);
        await village.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Browser.Reached(village, "/Notices/Details/");
        await Assertions.Expect(village.Locator("#notice-period")).ToHaveTextAsync("2020年4月5日至2020年4月13日");
        await Assertions.Expect(village.Locator("#notice-entries")).ToContainTextAsync("陆*示");
        await Browser.AssertAccessible(village);

        var printed = await browser.NewPage(900, 1200);
        await Browser.SignIn(printed, "luoman.cun");
        await printed.GotoAsync(await village.Locator("#print-notice").GetAttributeAsync("href") ?? "");
        await Assertions.Expect(printed.Locator("h1")).ToContainTextAsync("帮扶对象的公示");
        await Assertions.Expect(printed.Locator(".qr svg")).ToBeVisibleAsync();
        await Browser.AssertAccessible(printed);
        await Browser.Screenshot(printed, "notice-print");
        await printed.PdfAsync(new() { Path = Path.Combine(Browser.ScreenshotDir, "notice-print.pdf"), Format = "A4" });

        // A photo of the posted notice (a real PNG: a screenshot of the printed notice).
        var photo = await printed.ScreenshotAsync(new() { Type = ScreenshotType.Png });
        await village.SetInputFilesAsync("#Photo", new FilePayload { Name = "张贴照片.png", MimeType = "image/png", Buffer = photo });
        await village.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("照片已上传");
        await Assertions.Expect(village.Locator("img.figure-img")).ToHaveCountAsync(1);
        // The element is there before the image has loaded (on a busy machine, visibly so): wait for the load or the error.
        var loaded = await village.Locator("img.figure-img").EvaluateAsync<int>(
            "img => img.complete ? img.naturalWidth : new Promise(done => { img.addEventListener('load', () => done(img.naturalWidth)); img.addEventListener('error', () => done(0)); })");
        Assert.True(loaded > 0, "the uploaded photo does not display");

        // Seven days later the notice has ended; sessions have timed out, so everyone signs in again.
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 14, 1, 0, 0, TimeSpan.Zero));
        var noticeUrl = village.Url;
        await Browser.SignIn(village, "luoman.cun");
        await village.GotoAsync(noticeUrl);
        await village.GetByRole(AriaRole.Button, new() { Name = "公示期满，确认公示结果" }).ClickAsync();
        await Assertions.Expect(village.GetByRole(AriaRole.Status)).ToContainTextAsync("已确认1户公示通过");

        // The application and the three approvals, then filing by the town.
        await village.GotoAsync(details);
        await Act(village, "登记申请", "本人自愿申请");
        await Act(village, "村党组织审批同意", "经村两委研究同意");
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync(details);
        await Act(town, "镇党委审批同意", "同意");
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync(details);
        await Browser.AssertAccessible(district);
        await Act(district, "区残联审批同意", "同意扶持");
        await town.GotoAsync(details);
        await Act(town, "镇党委备案");
        await Assertions.Expect(town.Locator("h1")).ToContainTextAsync("已备案");

        // The archive shows the whole road.
        await town.GotoAsync(details.Replace("/Households/Details/", "/Archive/", StringComparison.Ordinal));
        var timeline = town.Locator("#timeline");
        foreach (var step in new[] { "登记帮扶对象", "列入附件1报送区残联", "审核通过", "张榜公示", "公示张贴照片", "公示期满", "村党组织审批同意", "镇党委审批同意", "区残联审批同意", "镇党委备案" })
        {
            await Assertions.Expect(timeline).ToContainTextAsync(step);
        }
        await Browser.AssertAccessible(town);
        await Browser.Screenshot(town, "archive-desktop");
        var download = await town.RunAndWaitForDownloadAsync(() => town.Locator("#download-form").ClickAsync());
        await download.SaveAsAsync(Path.Combine(Browser.ScreenshotDir, "attachment2.docx"));
    }
}

using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

/// <summary>
/// 季度反馈 through the year: the town federation writes and submits its second-quarter report, the district federation
/// sends it back with a reason (Enter in the reason), the town sends it again and the district accepts it; the year-end
/// summary with a PDF of the rules attached; completeness and timeliness; on a desktop and on a 360-px phone.
/// </summary>
public sealed class TownReportJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, "reports-" + name), page.ScreenshotAsync(new() { Path = $"/tmp/reports-{name}.png", FullPage = true }));

    private static async Task Save(IPage page, string url, string file)
    {
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"{url} → {response.Status}");
        await File.WriteAllBytesAsync(file, await response.BodyAsync());
    }

    [Fact]
    public async Task A_quarter_report_is_submitted_returned_sent_again_and_accepted_and_the_summary_carries_its_rules()
    {
        var app = browser.App;
        VisitSetup.Today(app, new DateOnly(2020, 7, 3));
        var q2 = $"/Reports/Edit/{DemoData.Luoman}/q2";

        var town = await browser.NewPage();
        Browser.AcceptDialogs(town);
        await Browser.SignIn(town, "luoman.canlian");
        await town.GotoAsync("/Reports");
        await Assertions.Expect(town.Locator("#reports")).ToContainTextAsync("第二季度");
        await Browser.AssertAccessible(town);
        await Shot(town, "list-desktop");
        await town.Locator($"a[href='{q2}']").ClickAsync();
        await Browser.Reached(town, q2);
        await Assertions.Expect(town.Locator("#figures")).ToContainTextAsync("已建档");
        await town.Locator("#text").FillAsync("一、第二季度完成调查摸底和审核公示。\n二、存在问题：个别村上报较慢。\n三、下一步：抓紧审批建档。");
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.Locator(".alert-success")).ToContainTextAsync("已报送区残联");
        await Assertions.Expect(town.Locator("#locked-reason")).ToContainTextAsync("正在审核");
        await Browser.AssertAccessible(town);
        await Shot(town, "submitted-desktop");

        var district = await browser.NewPage();
        Browser.AcceptDialogs(district);
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync(q2);
        await district.Locator("#reason").FillAsync("请补充本季度回访情况");
        await district.Locator("#reason").PressAsync("Enter");
        await Assertions.Expect(district.Locator(".alert-success")).ToContainTextAsync("已退回镇残联");
        await Assertions.Expect(district.Locator("#return-reason")).ToContainTextAsync("请补充本季度回访情况");

        await town.GotoAsync("/Reports");
        await Assertions.Expect(town.Locator("#reports")).ToContainTextAsync("退回原因：请补充本季度回访情况");
        await town.GotoAsync(q2);
        await Assertions.Expect(town.Locator("#return-reason")).ToContainTextAsync("请补充本季度回访情况");
        await Shot(town, "returned-desktop");
        await town.Locator("#text").FillAsync("一、第二季度完成调查摸底和审核公示。\n二、回访：镇残联回访12户。\n三、下一步：抓紧审批建档。");
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.Locator(".alert-success")).ToContainTextAsync("已报送区残联");

        await district.GotoAsync(q2);
        await Assertions.Expect(district.Locator("#report-text")).ToContainTextAsync("镇残联回访12户");
        await Browser.AssertAccessible(district);
        await Shot(district, "review-desktop");
        await district.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(district.Locator(".alert-success")).ToContainTextAsync("已审核通过");
        await Assertions.Expect(district.Locator("#locked-reason")).ToContainTextAsync("审核通过并锁定");
        await Shot(district, "accepted-desktop");
        await Save(district, $"/api/v1/towns/{DemoData.Luoman}/reports/q2/docx", "/tmp/reports-q2.docx");
        await Save(district, $"/api/v1/towns/{DemoData.Luoman}/reports/q2/xlsx", "/tmp/reports-q2.xlsx");

        var phone = await browser.NewPage(360, 780);
        await Browser.SignIn(phone, "luoman.canlian");
        await phone.GotoAsync(q2);
        await Assertions.Expect(phone.Locator("#report-state")).ToContainTextAsync("已审核通过");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "accepted-phone");
        await phone.GotoAsync("/Reports");
        await Shot(phone, "list-phone");

        // The year-end summary, with the rules adopted and a PDF of them.
        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var yearEnd = $"/Reports/Edit/{DemoData.Luoman}/yearend";
        var summary = await browser.NewPage();
        Browser.AcceptDialogs(summary);
        await Browser.SignIn(summary, "luoman.canlian");
        await summary.GotoAsync(yearEnd);
        await summary.Locator("#text").FillAsync("全年完成帮扶任务，结对帮扶全覆盖，回访按期开展。");
        await summary.Locator("#rules").FillAsync("《洛满镇党员结对帮扶定期回访制度》：每季度回访一次，回访情况纳入党员评议。");
        await summary.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await Assertions.Expect(summary.Locator(".alert-success")).ToContainTextAsync("已保存");
        await summary.Locator("#upload").SetInputFilesAsync(new FilePayload
        {
            Name = "洛满镇回访制度.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray(),
        });
        await summary.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();
        await Assertions.Expect(summary.Locator("#files")).ToContainTextAsync("洛满镇回访制度.pdf");
        await summary.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(summary.Locator("#locked-reason")).ToContainTextAsync("正在审核");
        await Browser.AssertAccessible(summary);
        await Shot(summary, "yearend-desktop");
        await Save(summary, $"/api/v1/towns/{DemoData.Luoman}/reports/yearend/docx", "/tmp/reports-yearend.docx");

        var organisation = await browser.NewPage();
        await Browser.SignIn(organisation, "quzuzhibu");
        await organisation.GotoAsync("/Reports/Completeness");
        await Assertions.Expect(organisation.Locator("#by-town")).ToContainTextAsync("按时报送");
        await Browser.AssertAccessible(organisation);
        await Shot(organisation, "completeness-desktop");
        var organisationPhone = await browser.NewPage(360, 780);
        await Browser.SignIn(organisationPhone, "quzuzhibu");
        await organisationPhone.GotoAsync("/Reports/Completeness");
        await Browser.AssertAccessible(organisationPhone);
        await Shot(organisationPhone, "completeness-phone");
    }
}

using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

/// <summary>
/// The year-end in the browser: 洛满镇残联 submits the year-end summary and the district federation accepts it; the
/// organisation department opens the town's inspection, sees the checklist pre-filled, draws a sample of three, records
/// what it found, concludes 不合格 with a rectification owned by the town committee and downloads the inspection report;
/// the town committee reads the result on a phone and closes the rectification from 我的待办. Desktop and 360-px phone.
/// </summary>
public sealed class InspectionJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/{name}.png", FullPage = true }));

    private static async Task FitsThePhone(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a 360px phone");
    }

    [Fact]
    public async Task The_organisation_department_inspects_a_town_draws_a_sample_concludes_with_a_rectification_and_downloads_the_report()
    {
        var app = browser.App;
        VisitSetup.Today(app, new DateOnly(2020, 11, 25));
        var households = await FiledHouseholds.AddAsync(app, 4, DemoData.LuomanVillage);
        await FiledHouseholds.PayAsync(app, households, new DateOnly(2020, 5, 1));
        // 20 November: 洛满镇残联 writes and submits the year-end summary; the district federation accepts it.
        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var yearEnd = $"/Reports/Edit/{DemoData.Luoman}/yearend";
        var town = await browser.NewPage();
        Browser.AcceptDialogs(town);
        await Browser.SignIn(town, "luoman.canlian");
        await town.GotoAsync(yearEnd);
        await town.Locator("#text").FillAsync("全镇完成帮扶任务，结对帮扶全覆盖。");
        await town.Locator("#rules").FillAsync("《洛满镇党员结对帮扶定期回访制度》");
        await town.GetByRole(AriaRole.Button, new() { Name = "报送区残联" }).ClickAsync();
        await Assertions.Expect(town.Locator("#locked-reason")).ToContainTextAsync("正在审核");
        var federation = await browser.NewPage();
        Browser.AcceptDialogs(federation);
        await Browser.SignIn(federation, "qucanlian");
        await federation.GotoAsync(yearEnd);
        await federation.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
        await Assertions.Expect(federation.Locator("#locked-reason")).ToContainTextAsync("审核通过并锁定");
        VisitSetup.Today(app, new DateOnly(2020, 11, 25));

        var desk = await browser.NewPage();
        Browser.AcceptDialogs(desk);
        await Browser.SignIn(desk, "quzuzhibu");
        await desk.Locator("nav a[href='/Inspections']").First.ClickAsync();
        await Browser.Reached(desk, "/Inspections");
        var row = desk.Locator("#inspections tbody tr", new() { HasText = "洛满镇" });
        await Assertions.Expect(row).ToContainTextAsync("已审核通过");
        await Assertions.Expect(desk.Locator("p.text-muted").First).ToContainTextAsync("截止11月27日（还有2天）");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "inspect-list-desktop");
        await row.Locator("input[name='Input.Inspectors']").FillAsync("张明（区委组织部）、黄丽（区残联）");
        await row.GetByRole(AriaRole.Button, new() { Name = "开始检查" }).ClickAsync();
        await Browser.Reached(desk, "/Inspections/Inspection/");
        await Assertions.Expect(desk.Locator("#checks tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(desk.Locator("#checks")).ToContainTextAsync("任务70户");

        await desk.Locator("#sample-size").FillAsync("3");
        await desk.GetByRole(AriaRole.Button, new() { Name = "随机抽取" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#samples tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(desk.Locator("main")).ToContainTextAsync("种子");

        var checks = await desk.Locator("#checks tbody tr").CountAsync();
        for (var i = 0; i < checks; i++)
        {
            var line = desk.Locator("#checks tbody tr").Nth(i);
            var recordMet = await line.Locator(".badge").InnerTextAsync() == "符合";
            await line.Locator("select").SelectOptionAsync(recordMet ? "true" : "false");
            await line.Locator("input[name='Check.Note']").FillAsync(recordMet ? "" : "与系统记录一致，未达到要求");
            await line.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Assertions.Expect(desk.Locator("[role=status].alert-success")).ToContainTextAsync("已保存该项检查结论");
        }
        for (var i = 0; i < 3; i++)
        {
            var line = desk.Locator("#samples tbody tr").Nth(i);
            await line.Locator("select").SelectOptionAsync(i == 0 ? "false" : "true");
            await line.Locator("input[name='Finding.Finding']").FillAsync(i == 0 ? "扶持项目沃柑未见种植" : "与档案一致");
            await line.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
            await Assertions.Expect(desk.Locator("[role=status].alert-success")).ToContainTextAsync("已登记抽查结果");
        }

        // 不合格 without a rectification is refused with the reason.
        await desk.Locator("#result-fail").CheckAsync();
        await desk.Locator("#findings").FillAsync("帮扶协议未签订，回访不到位。");
        await desk.GetByRole(AriaRole.Button, new() { Name = "作出结论并锁定" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".alert-danger")).ToContainTextAsync("结论为不合格的，请至少提出一项整改事项");
        // What was chosen and typed is still there.
        await Assertions.Expect(desk.Locator("#result-fail")).ToBeCheckedAsync();
        await Assertions.Expect(desk.Locator("#findings")).ToHaveValueAsync("帮扶协议未签订，回访不到位。");

        await desk.Locator("#rect-text").FillAsync("12月20日前补签帮扶协议，完成定期回访");
        await desk.Locator("#rect-owner").SelectOptionAsync(new SelectOptionValue { Label = (await desk.Locator("#rect-owner option", new() { HasText = "镇党委" }).First.InnerTextAsync()).Trim() });
        await desk.Locator("#rect-due").FillAsync("2020-12-20");
        await desk.GetByRole(AriaRole.Button, new() { Name = "提出整改事项" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#rectifications")).ToContainTextAsync("补签帮扶协议");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "inspect-open-desktop");

        await desk.Locator("#result-fail").CheckAsync();
        await desk.Locator("#findings").FillAsync("帮扶协议未签订，回访不到位。");
        await desk.GetByRole(AriaRole.Button, new() { Name = "作出结论并锁定" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#state")).ToContainTextAsync("不合格");
        await Assertions.Expect(desk.Locator("#state")).ToContainTextAsync("并锁定");
        await Assertions.Expect(desk.Locator("#conclude-form")).ToHaveCountAsync(0);
        await Browser.AssertAccessible(desk);
        await Shot(desk, "inspect-concluded-desktop");

        var download = await desk.RunAndWaitForDownloadAsync(() => desk.Locator("#report").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await download.SaveAsAsync("/tmp/inspect-report.docx");

        // The town committee reads its own town's result on a phone.
        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.dangwei");
        await phone.GotoAsync(desk.Url);
        await Assertions.Expect(phone.Locator("#state")).ToContainTextAsync("不合格");
        await Assertions.Expect(phone.Locator("#rectifications")).ToContainTextAsync("办理中");
        await FitsThePhone(phone);
        await Browser.AssertAccessible(phone);
        await Shot(phone, "inspect-town-phone");

        // The town committee closes its rectification from 我的待办.
        await phone.GotoAsync("/");
        await phone.Locator("#next-actions a[href='/Actions']").ClickAsync();
        await Browser.Reached(phone, "/Actions");
        var card = phone.Locator("#my-actions .card", new() { HasText = "补签帮扶协议" });
        await card.Locator("textarea").FillAsync("已补签全部帮扶协议，12月15日完成回访");
        await card.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#my-actions")).ToContainTextAsync("已补签全部帮扶协议");
        await FitsThePhone(phone);
        await Browser.AssertAccessible(phone);
        await Shot(phone, "inspect-rectified-phone");
        await desk.ReloadAsync();
        await Assertions.Expect(desk.Locator("#rectifications")).ToContainTextAsync("已办结");

        var inspectorPhone = await browser.NewPage(360, 740);
        await Browser.SignIn(inspectorPhone, "qucanlian");
        await inspectorPhone.GotoAsync("/Inspections");
        await FitsThePhone(inspectorPhone);
        await Shot(inspectorPhone, "inspect-list-phone");
    }
}

using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.TestSupport;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>Money in and down in the browser: finance records three arrivals on a phone (Enter submits), the district allocates to 洛满镇 with 按需下拨.</summary>
public sealed class FundsInJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task<byte[]> Shot(IPage page, string name) => page.ScreenshotAsync(new() { Path = $"/tmp/fundsin-{name}.png", FullPage = true });

    [Fact]
    public async Task Finance_records_arrivals_on_a_phone_and_the_district_allocates_what_the_town_needs()
    {
        await FiledHouseholds.AddAsync(browser.App, 5);
        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "caizheng");
        // 登记到账 asks first, by a click or by Enter, naming the source and the amount as filled in; an empty amount is
        // named at its box before any question.
        var questions = new List<string>();
        phone.Dialog += async (_, dialog) => { questions.Add(dialog.Message); await dialog.AcceptAsync(); };
        await phone.GotoAsync("/Funds/Arrivals");
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记到账" }).ClickAsync();
        Assert.Equal("请填写金额", await phone.GetByLabel("金额（元）").EvaluateAsync<string>("e => e.validationMessage"));
        Assert.Empty(questions);
        foreach (var (source, amount, document) in new[] { ("自治区", "3500", "桂财社〔2020〕12号"), ("市级", "500", "柳财社〔2020〕8号"), ("区级", "1000", "柳财社〔2020〕9号") })
        {
            await phone.GotoAsync("/Funds/Arrivals");
            await phone.GetByLabel("资金来源").SelectOptionAsync(new SelectOptionValue { Label = source });
            if (source == "市级")
            {
                // 拨款单位 follows the source chosen while nobody has written one of their own.
                await Assertions.Expect(phone.GetByLabel("拨款单位")).ToHaveValueAsync(FundRules.DefaultPayingOffice(FundSource.City));
            }
            await phone.GetByLabel("金额（元）").FillAsync(amount);
            await phone.GetByLabel("拨款单位").FillAsync(source == "自治区" ? "自治区财政厅" : "市财政局");
            await phone.Locator("#Voucher").SetInputFilesAsync(new FilePayload { Name = "回单.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps() });
            await phone.GetByLabel("文号").FillAsync(document);
            if (source == "自治区")
            {
                await Shot(phone, "arrival-phone-form");
            }
            await phone.GetByLabel("文号").PressAsync("Enter");
            await Assertions.Expect(phone.Locator(".alert-success")).ToContainTextAsync($"已登记{source}资金到账");
        }
        await Assertions.Expect(phone.Locator("#arrivals tbody tr")).ToHaveCountAsync(3);
        Assert.Equal(3, questions.Count);
        Assert.StartsWith("确定登记自治区到账 3500 元", questions[0], StringComparison.Ordinal);
        // 冲销 without a reason is stopped in the browser, in Chinese, naming the field.
        var reason = phone.Locator("#arrivals input[name='Reversal.Reason']").First;
        await phone.Locator("#arrivals .reverse-form button").First.ClickAsync();
        Assert.Equal("请填写冲销原因", await reason.EvaluateAsync<string>("e => e.validationMessage"));
        await reason.FillAsync("x");
        Assert.Equal("", await reason.EvaluateAsync<string>("e => e.validationMessage"));
        await reason.FillAsync("");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "arrivals-phone");

        var desk = await browser.NewPage();
        await Browser.SignIn(desk, "qucanlian");
        await desk.GotoAsync("/Funds");
        await Assertions.Expect(desk.Locator("#funds-deadline")).ToContainTextAsync("2020年5月7日");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "home-desktop");
        await desk.GotoAsync("/Funds/Allocations");
        // 下拨 with nothing chosen is stopped at the town, then with a town but no amount at the amounts, before any question.
        var early = 0;
        void Count(object? sender, IDialog d) => Interlocked.Increment(ref early);
        desk.Dialog += Count;
        await desk.GetByRole(AriaRole.Button, new() { Name = "下拨", Exact = true }).ClickAsync();
        Assert.Equal("请选择乡镇", await desk.Locator("#Input_TownCode").EvaluateAsync<string>("e => e.validationMessage"));
        await desk.Locator("#Input_TownCode").SelectOptionAsync(DemoData.Luoman);
        await desk.GetByRole(AriaRole.Button, new() { Name = "下拨", Exact = true }).ClickAsync();
        Assert.Equal("请至少填写一个来源的下拨金额", await desk.Locator("#Input_Region").EvaluateAsync<string>("e => e.validationMessage"));
        Assert.Equal(0, early);
        desk.Dialog -= Count;
        await desk.Locator($"#need-{DemoData.Luoman}").ClickAsync();
        await Assertions.Expect(desk.Locator("#Input_Region")).ToHaveValueAsync("3500.00");
        await Assertions.Expect(desk.Locator("#Input_City")).ToHaveValueAsync("500.00");
        await Assertions.Expect(desk.Locator("#Input_District")).ToHaveValueAsync("1000.00");
        await Shot(desk, "allocation-filled-desktop");
        // Enter in 文号 asks first, as the button does; declined, nothing is allocated.
        var asked = new TaskCompletionSource<string>();
        void Decline(object? sender, IDialog dialog)
        {
            asked.TrySetResult(dialog.Message);
            _ = dialog.DismissAsync();
        }
        desk.Dialog += Decline;
        await desk.Locator("#Input_DocumentNumber").FillAsync("柳南残联〔2020〕8号");
        await desk.Locator("#Input_DocumentNumber").PressAsync("Enter");
        // The question names the town and the amounts as filled in.
        var question = await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("确定向洛满镇下拨资金吗？", question, StringComparison.Ordinal);
        Assert.Contains("3500.00 元", question, StringComparison.Ordinal);
        Assert.Contains("1000.00 元", question, StringComparison.Ordinal);
        desk.Dialog -= Decline;
        await Assertions.Expect(desk.Locator(".alert-success")).ToHaveCountAsync(0);
        Browser.AcceptDialogs(desk);
        await desk.GetByRole(AriaRole.Button, new() { Name = "下拨", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator(".alert-success")).ToContainTextAsync("已向洛满镇下拨");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "allocations-desktop");

        // Beyond the town's need the reason is asked for beside the amounts, with the limit named.
        await desk.Locator("#Input_TownCode").SelectOptionAsync(DemoData.Luoman);
        await desk.Locator("#Input_Region").FillAsync("1");
        await desk.Locator("#Input_Region").PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#allocation-form")).ToContainTextAsync("尚需0.00元");
        await Shot(desk, "allocation-reason-desktop");

        var small = await browser.NewPage(360, 740);
        await Browser.SignIn(small, "qucanlian");
        await small.GotoAsync("/Funds");
        await Shot(small, "home-phone");
        await small.GotoAsync("/Funds/Allocations");
        await Shot(small, "allocations-phone");
        await small.GotoAsync("/Funds/Ledger");
        await Assertions.Expect(small.Locator("#fund-ledger tbody tr")).ToHaveCountAsync(6);
        await Browser.AssertAccessible(small);
        await Shot(small, "ledger-phone");
        await desk.GotoAsync("/Funds/Ledger");
        await Shot(desk, "ledger-desktop");
    }
}

using Microsoft.Playwright;
using MiniExcelLibs;
using Tongxing.IntegrationTests;

namespace Tongxing.BrowserTests;

public sealed class PaymentBatchJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Town_drafts_a_batch_of_three_sends_it_downloads_the_bank_file_and_imports_the_result_with_one_failure()
    {
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 6, 2, 0, 0, TimeSpan.Zero));
        var ids = await FiledHouseholds.AddAsync(browser.App, 3);
        await FundMovements.AllocateAsync(browser.App, Tongxing.Web.Data.Seed.DemoData.LiunanDistrict, Tongxing.Web.Data.Seed.DemoData.Luoman, 2100, 300, 600);
        var page = await browser.NewPage();
        await Browser.SignIn(page, "luoman.dangwei");
        Browser.AcceptDialogs(page);

        await page.GotoAsync($"/Households/Details/{ids[0]}");
        await Assertions.Expect(page.Locator("#bank-account")).ToContainTextAsync("收款账户");
        await Assertions.Expect(page.Locator("#account-number")).ToContainTextAsync("****");
        await page.GetByRole(AriaRole.Button, new() { Name = "显示完整账号" }).ClickAsync();
        await Assertions.Expect(page.Locator("#account-number")).Not.ToContainTextAsync("*");
        await Browser.Screenshot(page, "payments-bank-account-desktop");

        await page.GotoAsync("/Funds/Batches");
        await page.GetByLabel("批次名称").FillAsync("2020年第一批扶持资金代发");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建批次" }).ClickAsync();
        await Browser.Reached(page, "/Funds/Batches/Details/");
        await page.GetByRole(AriaRole.Button, new() { Name = "加入批次" }).ClickAsync();
        await Assertions.Expect(page.Locator("#control-count")).ToHaveTextAsync("3户");
        await Assertions.Expect(page.Locator("#control-sum")).ToHaveTextAsync("3,000.00元");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "payments-batch-draft-desktop");

        await page.Locator("#send-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("已提交银行");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#bank-file").ClickAsync());
        var path = Path.Combine(Browser.ScreenshotDir, "payments-bank-file.xlsx");
        await download.SaveAsAsync(path);
        var rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX, startCell: "A4").Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList())
            .TakeWhile(v => v[0] != "合计").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Matches("^6230[0-9]{15}$", r[3]));

        var result = rows.Select((r, i) => new Dictionary<string, object>
        {
            ["序号"] = r[0],
            ["户名"] = r[1],
            ["银行账号"] = r[3],
            ["金额(元)"] = r[5],
            ["结果"] = i == 2 ? "失败" : "成功",
            ["发放日期"] = i == 2 ? "" : "2020-05-06",
            ["银行流水号"] = i == 2 ? "" : $"LZB2020050600{i}",
            ["失败原因"] = i == 2 ? "账户已冻结" : "",
        }).ToList();
        using var file = new MemoryStream();
        MiniExcel.SaveAs(file, result);
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "银行回单.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = file.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "试导入（不写入）" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-report")).ToContainTextAsync("成功 2 笔");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "payments-result-dry-run-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("批次已办结");
        await Assertions.Expect(page.Locator("#entries")).ToContainTextAsync("账户已冻结");
        await Browser.Screenshot(page, "payments-batch-closed-desktop");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.dangwei");
        await phone.GotoAsync(page.Url);
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "payments-batch-closed-phone");
        await phone.GotoAsync("/Funds/Batches");
        await Browser.Screenshot(phone, "payments-batches-phone");
        await phone.GotoAsync("/Funds/Cash");
        await Browser.Screenshot(phone, "payments-cash-phone");
    }
}

using Microsoft.Playwright;
using MiniExcelLibs;
using Tongxing.IntegrationTests;
using Tongxing.TestSupport;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

/// <summary>
/// The funds from end to end, through the pages only: finance records the three sources' arrivals, the district
/// allocates what 洛满镇 needs, the town pays its filed households in a batch and imports the bank's result, the village
/// records the receipts on a phone, and the reconciliation shows the town — and the district — balanced.
/// </summary>
public sealed class FundsJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Arrivals_allocation_a_batch_the_bank_result_receipts_and_the_town_reconciles()
    {
        browser.App.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 4, 2, 0, 0, TimeSpan.Zero));
        await FiledHouseholds.AddAsync(browser.App, 2);

        // 财政: the three sources, as the district's two filed households need them (2 × 700 / 100 / 200).
        var finance = await browser.NewPage();
        await Browser.SignIn(finance, "caizheng");
        Browser.AcceptDialogs(finance);
        foreach (var (source, amount, office, document) in new[]
        {
            ("自治区", "1400", "自治区财政厅", "桂财社〔2020〕12号"), ("市级", "200", "市财政局", "柳财社〔2020〕8号"), ("区级", "400", "市财政局", "柳财社〔2020〕9号"),
        })
        {
            await finance.GotoAsync("/Funds/Arrivals");
            await finance.GetByLabel("资金来源").SelectOptionAsync(new SelectOptionValue { Label = source });
            await finance.GetByLabel("金额（元）").FillAsync(amount);
            await finance.GetByLabel("拨款单位").FillAsync(office);
            await finance.Locator("#Voucher").SetInputFilesAsync(new FilePayload { Name = "到账凭证.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps() });
            await finance.GetByLabel("文号").FillAsync(document);
            await finance.GetByRole(AriaRole.Button, new() { Name = "登记到账" }).ClickAsync();
            await Assertions.Expect(finance.Locator(".alert-success")).ToContainTextAsync($"已登记{source}资金到账");
        }
        await Browser.Screenshot(finance, "funds-journey-arrivals");

        // 区残联: 按需下拨 to 洛满镇.
        var district = await browser.NewPage();
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync("/Funds/Allocations");
        await district.Locator($"#need-{DemoData.Luoman}").ClickAsync();
        await Assertions.Expect(district.Locator("#Input_Region")).ToHaveValueAsync("1400.00");
        Browser.AcceptDialogs(district);
        await district.GetByRole(AriaRole.Button, new() { Name = "下拨", Exact = true }).ClickAsync();
        await Assertions.Expect(district.Locator(".alert-success")).ToContainTextAsync("已向洛满镇下拨");

        // 镇党委: a batch of both households, sent, the bank's file down, its result back.
        var town = await browser.NewPage();
        await Browser.SignIn(town, "luoman.dangwei");
        Browser.AcceptDialogs(town);
        await town.GotoAsync("/Funds/Batches");
        await town.GetByLabel("批次名称").FillAsync("2020年扶持资金第一批");
        await town.GetByRole(AriaRole.Button, new() { Name = "新建批次" }).ClickAsync();
        await Browser.Reached(town, "/Funds/Batches/Details/");
        await town.GetByRole(AriaRole.Button, new() { Name = "加入批次" }).ClickAsync();
        await Assertions.Expect(town.Locator("#control-count")).ToHaveTextAsync("2户");
        await Assertions.Expect(town.Locator("#control-sum")).ToHaveTextAsync("2,000.00元");
        await town.Locator("#send-form button").ClickAsync();
        await Assertions.Expect(town.Locator(".alert-success")).ToContainTextAsync("已提交银行");
        var download = await town.RunAndWaitForDownloadAsync(() => town.Locator("#bank-file").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"funds-journey-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(path);
        var rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX, startCell: "A4").Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList())
            .TakeWhile(v => v[0] != "合计").ToList();
        File.Delete(path);
        Assert.Equal(2, rows.Count);
        using var result = new MemoryStream();
        MiniExcel.SaveAs(result, rows.Select((r, i) => new Dictionary<string, object>
        {
            ["序号"] = r[0],
            ["户名"] = r[1],
            ["银行账号"] = r[3],
            ["金额(元)"] = r[5],
            ["结果"] = "成功",
            ["发放日期"] = "2020-05-04",
            ["银行流水号"] = $"LZB20200504{i:000}",
            ["失败原因"] = "",
        }).ToList());
        await town.SetInputFilesAsync("#Upload", new FilePayload { Name = "银行回单.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = result.ToArray() });
        await town.GetByRole(AriaRole.Button, new() { Name = "试导入（不写入）" }).ClickAsync();
        await Assertions.Expect(town.Locator("#result-report")).ToContainTextAsync("成功 2 笔");
        await town.GetByRole(AriaRole.Button, new() { Name = "确认导入" }).ClickAsync();
        await Assertions.Expect(town.Locator(".alert-success")).ToContainTextAsync("批次已办结");
        await Browser.Screenshot(town, "funds-journey-batch-closed");

        // Before the receipts the town is not yet balanced: both households are paid but not receipted.
        await town.GotoAsync("/Funds/Reconciliation");
        await Assertions.Expect(town.Locator("#reconciliation-flags")).ToContainTextAsync("未签收");

        // 村党支部 on a phone: one receipt signed by the head, one by a proxy.
        var village = await browser.NewPage(360, 740);
        await Browser.SignIn(village, "luoman.cun");
        for (var i = 0; i < 2; i++)
        {
            await village.GotoAsync("/Funds/Receipts");
            await village.Locator("a[href^='/Funds/Receipt/']").First.ClickAsync();
            await Browser.Reached(village, "/Funds/Receipt/");
            if (i == 1)
            {
                await village.GetByLabel("代签（本人无法签字").CheckAsync();
                await village.GetByLabel("代签人姓名").FillAsync("韦小红");
                await village.GetByLabel("与户主关系").FillAsync("女儿");
                await village.GetByLabel("代签原因").FillAsync("视力残疾无法签字");
            }
            await village.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "签收单.jpg", MimeType = "image/jpeg", Buffer = TestImages.JpegWithGps() });
            await village.GetByRole(AriaRole.Button, new() { Name = "登记签收" }).ClickAsync();
            await Browser.Reached(village, "/Funds/Receipts$");
            await Assertions.Expect(village.Locator(".alert-success")).ToContainTextAsync("已登记签收");
        }
        await Browser.Screenshot(village, "funds-journey-receipts-phone");

        // 对账: 洛满镇 balanced, and with nothing filed elsewhere the district as a whole too.
        await district.GotoAsync("/Funds/Reconciliation");
        await Assertions.Expect(district.Locator($"#towns tbody[data-town='{DemoData.Luoman}']")).ToContainTextAsync("已对平");
        await Assertions.Expect(district.Locator("#reconciliation-state")).ToContainTextAsync("已对平");
        await Assertions.Expect(district.Locator("#sources tfoot")).ToContainTextAsync("2,000.00");
        await Browser.AssertAccessible(district);
        await Browser.Screenshot(district, "funds-journey-reconciled");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>资金对账 of the demo district: 洛满镇 paid and receipted in full shows 已对平, 流山镇 with an unpaid household is flagged; desktop and phone.</summary>
public sealed class ReconciliationJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_district_sees_luoman_balanced_and_liushan_flagged_on_desktop_and_phone()
    {
        var app = browser.App;
        string liushanVillage;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            liushanVillage = await scope.ServiceProvider.GetRequiredService<TongxingDb>().Areas
                .Where(a => a.ParentCode == DemoData.Liushan && a.Level == AreaLevel.Village).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync();
        }
        var luoman = await FiledHouseholds.AddAsync(app, 3);
        await FiledHouseholds.AddAsync(app, 1, liushanVillage);
        await FundMovements.ArriveAsync(app, DemoData.LiunanDistrict, FundSource.Region, 2800);
        await FundMovements.ArriveAsync(app, DemoData.LiunanDistrict, FundSource.City, 400);
        await FundMovements.ArriveAsync(app, DemoData.LiunanDistrict, FundSource.District, 800);
        await FundMovements.AllocateAsync(app, DemoData.LiunanDistrict, DemoData.Luoman, 2100, 300, 600);
        await FundMovements.AllocateAsync(app, DemoData.LiunanDistrict, DemoData.Liushan, 700, 100, 200);
        foreach (var payment in await FiledHouseholds.PayAsync(app, luoman, new DateOnly(2020, 5, 2)))
        {
            await FundMovements.ReceiptAsync(app, payment);
        }

        var page = await browser.NewPage();
        await Browser.SignIn(page, "qucanlian");
        await page.GotoAsync("/Funds/Reconciliation");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("资金对账");
        await Assertions.Expect(page.Locator($"#towns tbody[data-town='{DemoData.Luoman}']")).ToContainTextAsync("已对平");
        await Assertions.Expect(page.Locator($"#towns tbody[data-town='{DemoData.Liushan}']")).ToContainTextAsync("有差异");
        await Assertions.Expect(page.Locator("#reconciliation-flags")).ToContainTextAsync("流山镇有1户已备案未发放");
        await Assertions.Expect(page.Locator("#sources tfoot")).ToContainTextAsync("4,000.00");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "reconcile-district");
        await page.ScreenshotAsync(new() { Path = "/tmp/reconcile-district.png", FullPage = true });

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "caizheng");
        await phone.GotoAsync("/Funds/Reconciliation");
        await Assertions.Expect(phone.Locator($"#towns tbody[data-town='{DemoData.Luoman}']")).ToContainTextAsync("已对平");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the reconciliation is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await phone.ScreenshotAsync(new() { Path = "/tmp/reconcile-phone.png", FullPage = true });
        await phone.ScreenshotAsync(new() { Path = "/tmp/reconcile-phone-top.png" });
        await phone.Locator($"#towns tbody[data-town='{DemoData.Luoman}']").ScreenshotAsync(new() { Path = "/tmp/reconcile-phone-town.png" });

        var town = await browser.NewPage();
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Funds/Reconciliation");
        await Assertions.Expect(town.Locator("#reconciliation-state")).ToContainTextAsync("已对平");
        await Assertions.Expect(town.Locator("#towns tbody")).ToHaveCountAsync(1);
        await town.ScreenshotAsync(new() { Path = "/tmp/reconcile-town.png", FullPage = true });
    }
}

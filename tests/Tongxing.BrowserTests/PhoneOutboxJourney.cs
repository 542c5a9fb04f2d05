using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>
/// A helper on a 360-px phone loses signal, logs a visit with a photo, sees it waiting, gets signal back: the visit
/// arrives once. An office records a return visit at a desk.
/// </summary>
public sealed class PhoneOutboxJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/{name}.png", FullPage = true }));

    private async Task<List<Visit>> VisitsOf(Guid household)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Visits.AsNoTracking().Where(v => v.HouseholdId == household).ToListAsync();
    }

    [Fact]
    public async Task A_helper_logs_a_visit_without_signal_and_it_arrives_once_when_the_line_is_back()
    {
        var helper = await Pairings.AddHelperAsync(browser.App, name: "陆师傅", userName: "bangfuren");
        var households = await Pairings.PairedHouseholdsAsync(browser.App, 2, helper);

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "bangfuren");
        await Browser.Reached(phone, "/Pairing/Mine");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("记帮扶日志");
        await phone.EvaluateAsync("() => navigator.serviceWorker.ready");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "phone-mine");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"我的帮扶 is {overflow}px wider than a 360px phone");

        await phone.Locator($"a[href='/Pairing/Visit/{households[0]}']").ClickAsync();
        await Browser.Reached(phone, "/Pairing/Visit/");
        await Browser.AssertAccessible(phone);

        await phone.Context.SetOfflineAsync(true);
        await phone.GetByLabel("走访情况").FillAsync("沃柑挂果良好，户主身体恢复");
        await phone.GetByLabel("意见建议").FillAsync("联系合作社收购");
        await phone.Locator("#photos").SetInputFilesAsync(new FilePayload { Name = "走访.jpg", MimeType = "image/jpeg", Buffer = Tongxing.TestSupport.TestImages.JpegWithGps() });
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存走访记录" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-form-status]")).ToContainTextAsync("已保存在手机上，待有信号时自动发送");
        await Assertions.Expect(phone.Locator("#tx-outbox")).ToContainTextAsync("待发送 1");
        await Shot(phone, "phone-visit-saved-offline");
        Assert.Empty(await VisitsOf(households[0]));

        // Without signal the outbox page opens from the phone and shows what waits.
        await phone.GotoAsync("/Pairing/Outbox");
        await Assertions.Expect(phone.Locator("#tx-outbox-list")).ToContainTextAsync("待发送");
        await Assertions.Expect(phone.Locator("#tx-outbox-list")).ToContainTextAsync("沃柑挂果良好");
        await Shot(phone, "phone-outbox-waiting");

        await phone.Context.SetOfflineAsync(false);
        await Assertions.Expect(phone.Locator("[data-outbox-empty]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(phone.Locator("#tx-outbox")).ToBeHiddenAsync();
        await Shot(phone, "phone-outbox-sent");
        var visits = await VisitsOf(households[0]);
        var visit = Assert.Single(visits);
        Assert.Equal(VisitKind.HelperVisit, visit.Kind);
        Assert.Equal("沃柑挂果良好，户主身体恢复", visit.Findings);
        // The phone's clock (today) is later than the test server's (2020): its writing time is not kept, the visit is.
        Assert.Null(visit.WrittenAt);

        // Loading pages again sends nothing twice.
        await phone.ReloadAsync();
        await phone.GotoAsync("/Pairing/Mine");
        await Browser.Reached(phone, "/Pairing/Mine");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync(DateOnly.FromDateTime(browser.App.Clock.GetUtcNow().UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd"));
        Assert.Single(await VisitsOf(households[0]));

        // The district sees the visit (its household page shows the follow-up records).
        var district = await browser.NewPage();
        await Browser.SignIn(district, "qucanlian");
        Assert.True((await district.APIRequest.GetAsync($"/api/v1/households/{households[0]}")).Ok);
        await district.GotoAsync($"/Households/{households[0]}");
        await Shot(district, "phone-district-household");

        // An office records a return visit at a desk; without a rating the server refuses at the field.
        var desk = await browser.NewPage();
        await Browser.SignIn(desk, "luoman.canlian");
        await desk.GotoAsync($"/Pairing/Visit/{households[1]}");
        await desk.GetByLabel("回访人员").FillAsync("镇残联 李干事");
        await desk.GetByLabel("回访情况").FillAsync("项目正常，帮扶人每月上门");
        await desk.GetByLabel("较好").CheckAsync();
        await Browser.AssertAccessible(desk);
        await Shot(desk, "phone-return-visit-desktop");
        await desk.GetByRole(AriaRole.Button, new() { Name = "保存回访记录" }).ClickAsync();
        await Assertions.Expect(desk.Locator("[data-form-status]")).ToContainTextAsync("已保存");
        var returnVisit = Assert.Single(await VisitsOf(households[1]));
        Assert.Equal(HelperRating.Fair, returnVisit.Rating);
    }
}

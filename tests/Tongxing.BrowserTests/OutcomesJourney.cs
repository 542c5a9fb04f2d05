using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.BrowserTests;

/// <summary>The household's follow-up record, the outcome form and the printable 一户一表, on a desktop and on a 360-px phone.</summary>
public sealed class OutcomesJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/outcomes-{name}.png", FullPage = true }));

    [Fact]
    public async Task The_town_sees_the_follow_up_record_records_an_outcome_and_prints_the_households_form()
    {
        var app = browser.App;
        var helper = await Pairings.AddHelperAsync(app, name: "覃建华");
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, on: new DateOnly(2020, 4, 5)))[0];
        string head;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            await FollowUps.SignAsync(app, await db.Pairings.Where(p => p.HouseholdId == household).Select(p => p.Id).SingleAsync(), new DateOnly(2020, 4, 5));
            head = await db.Households.Where(h => h.Id == household).Select(h => h.HeadName).SingleAsync();
        }
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 2), "送去沃柑苗200株，指导挖坑定植", SupportKind.Project, 50000, "化肥2袋", photos: 2,
            where: new GeoPoint(24.31234, 109.41234, 15));
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 4), "讲解沃柑嫁接技术要点", SupportKind.Skills);
        await FollowUps.VisitAsync(app, household, new DateOnly(2020, 4, 5), photos: 1, findings: "沃柑苗已全部种下，长势良好");

        var desk = await browser.NewPage();
        await Browser.SignIn(desk, "luoman.dangwei");
        await desk.GotoAsync($"/Households/Details/{household}");
        await Assertions.Expect(desk.Locator("#followup")).ToContainTextAsync("协议已签订");
        await Assertions.Expect(desk.Locator("#followup-logs")).ToContainTextAsync("送去沃柑苗200株");
        await Assertions.Expect(desk.Locator("#followup-visits")).ToContainTextAsync("长势良好");
        await Assertions.Expect(desk.Locator("#followup img").First).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await desk.Locator("#followup img").First.EvaluateAsync<int>("i => i.naturalWidth") > 0, "the photo did not load");
        await Browser.AssertAccessible(desk);
        await desk.Locator("#followup").ScreenshotAsync(new() { Path = "/tmp/outcomes-followup-desktop.png" });

        await desk.Locator("#edit-outcome").ClickAsync();
        await Browser.Reached(desk, "/Pairing/Outcome/");
        await desk.GetByLabel("已见效益").CheckAsync();
        await desk.Locator("#skill1").FillAsync("");
        await desk.Locator("#income-latest").FillAsync("4200");
        await desk.Locator("#income-latest-on").FillAsync("2020-04-05");
        await desk.Locator("#income-latest").PressAsync("Enter");
        await Assertions.Expect(desk.Locator("#outcome-form")).ToContainTextAsync("请填写该户掌握的致富实用技术");
        await Shot(desk, "outcome-refused-desktop");
        await desk.Locator("#skill1").FillAsync("沃柑嫁接");
        await desk.Locator("#skill2").FillAsync("生猪防疫");
        await desk.Locator("#skill2").PressAsync("Enter");
        await Assertions.Expect(desk.Locator(".alert-success")).ToContainTextAsync("已保存帮扶成效");
        await Assertions.Expect(desk.Locator("#standing")).ToContainTextAsync("人均年收入比帮扶前");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "outcome-desktop");

        await desk.GotoAsync($"/Pairing/Sheet/{household}");
        await Assertions.Expect(desk.Locator("#sheet")).ToContainTextAsync("沃柑嫁接、生猪防疫");
        await Shot(desk, "sheet-desktop");
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        await desk.PdfAsync(new() { Path = "/tmp/outcomes-sheet.pdf", Format = "A4" });
        await desk.EmulateMediaAsync(new() { Media = Media.Screen });

        await desk.GotoAsync("/Pairing/Attachment4");
        await Assertions.Expect(desk.Locator("#attachment4-towns")).ToContainTextAsync("洛满镇");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "attachment4-desktop");
        var download = await desk.RunAndWaitForDownloadAsync(() => desk.Locator("#attachment4-towns a").First.ClickAsync());
        await download.SaveAsAsync("/tmp/outcomes-attachment4.xlsx");

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.canlian");
        await phone.GotoAsync($"/Households/Details/{household}");
        await Assertions.Expect(phone.Locator("#followup")).ToContainTextAsync("沃柑嫁接");
        await phone.Locator("#followup").ScreenshotAsync(new() { Path = "/tmp/outcomes-followup-phone.png" });
        await phone.GotoAsync($"/Pairing/Outcome/{household}");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the outcome form is {overflow}px wider than a 360px phone");
        await Shot(phone, "outcome-phone");
        await phone.GotoAsync($"/Pairing/Sheet/{household}");
        await Assertions.Expect(phone.Locator("#sheet")).ToContainTextAsync(head);
        await Shot(phone, "sheet-phone");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.IntegrationTests;
using Tongxing.Web.Data;

namespace Tongxing.BrowserTests;

public sealed class ReceiptJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/{name}.png", FullPage = true }));

    [Fact]
    public async Task The_village_records_a_receipt_on_a_phone_and_the_town_sees_it_on_the_progress_page()
    {
        var households = await FiledHouseholds.AddAsync(browser.App, 3);
        await FiledHouseholds.PayAsync(browser.App, households[..2]);
        Guid[] payments;
        string name;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var first = await db.Payments.Where(p => p.HouseholdId == households[0]).Select(p => new { p.Id, p.PayeeName }).SingleAsync();
            payments = [first.Id];
            name = first.PayeeName;
        }

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "luoman.cun");
        await phone.GotoAsync("/Funds/Receipts");
        await Assertions.Expect(phone.Locator("#receipts")).ToContainTextAsync(name);
        await Browser.AssertAccessible(phone);
        await Shot(phone, "receipts-list-phone");
        await phone.Locator($"a[href='/Funds/Receipt/{payments[0]}']").ClickAsync();
        await Browser.Reached(phone, "/Funds/Receipt/");

        // Enter in the proxy's name with the rest of the form empty: the form is not sent, nothing is recorded.
        await phone.GetByLabel("代签（本人无法签字").CheckAsync();
        await phone.GetByLabel("代签人姓名").FillAsync("韦小红");
        await phone.GetByLabel("代签人姓名").PressAsync("Enter");
        await phone.WaitForTimeoutAsync(500);
        Assert.Contains($"/Funds/Receipt/{payments[0]}", phone.Url, StringComparison.Ordinal);
        Assert.False(await phone.EvaluateAsync<bool>("() => document.getElementById('receipt-form').checkValidity()"));
        Assert.Null(await Receipted(payments[0]));

        // Without the relation and the reason, the server refuses at the fields and keeps what was typed.
        await phone.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "签收单.jpg", MimeType = "image/jpeg", Buffer = Tongxing.TestSupport.TestImages.JpegWithGps() });
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记签收" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#receipt-form")).ToContainTextAsync("请填写代签人与户主关系");
        await Assertions.Expect(phone.GetByLabel("代签人姓名")).ToHaveValueAsync("韦小红");
        Assert.Null(await Receipted(payments[0]));
        await Shot(phone, "receipts-form-refused-phone");

        await phone.GetByLabel("与户主关系").FillAsync("女儿");
        await phone.GetByLabel("代签原因").FillAsync("视力残疾无法签字");
        await phone.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "签收单.jpg", MimeType = "image/jpeg", Buffer = Tongxing.TestSupport.TestImages.JpegWithGps() });
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the receipt form is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "receipts-form-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记签收" }).ClickAsync();
        await Browser.Reached(phone, "/Funds/Receipts$");
        await Assertions.Expect(phone.Locator(".alert-success")).ToContainTextAsync($"已登记签收：{name}户");
        Assert.Equal(Tongxing.Web.Domain.ReceiptKind.Proxy, await Receipted(payments[0]));
        await phone.GotoAsync("/Funds/Receipts?State=done");
        await Assertions.Expect(phone.Locator("#receipts")).ToContainTextAsync("代签人：韦小红");
        await Shot(phone, "receipts-done-phone");

        var town = await browser.NewPage();
        await Browser.SignIn(town, "luoman.dangwei");
        await town.GotoAsync("/Funds/Progress");
        var row = town.Locator("#progress tbody tr", new() { HasText = "洛满村" });
        await Assertions.Expect(row.Locator("td[data-label='已发放']")).ToHaveTextAsync("2");
        await Assertions.Expect(row.Locator("td[data-label='已签收']")).ToHaveTextAsync("1");
        await Assertions.Expect(row.Locator("td[data-label='未签收']")).ToHaveTextAsync("1");
        await Assertions.Expect(town.Locator("#deadline")).ToContainTextAsync("2020年5月7日");
        await Assertions.Expect(town.Locator("#unpaid")).ToContainTextAsync("待发放");
        await Browser.AssertAccessible(town);
        await Shot(town, "receipts-progress-town");
        await town.GotoAsync($"/Households/Details/{households[0]}");
        await Assertions.Expect(town.Locator("#funds")).ToContainTextAsync("代签");
        await Browser.AssertAccessible(town);
        await Shot(town, "receipts-household-town");

        var townPhone = await browser.NewPage(360, 740);
        await Browser.SignIn(townPhone, "luoman.dangwei");
        await townPhone.GotoAsync("/Funds/Progress");
        overflow = await townPhone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the progress page is {overflow}px wider than a 360px phone");
        await Shot(townPhone, "receipts-progress-town-phone");

        var district = await browser.NewPage();
        await Browser.SignIn(district, "qucanlian");
        await district.GotoAsync("/Funds/Progress");
        await Assertions.Expect(district.Locator("#progress tbody")).ToContainTextAsync("洛满镇");
        await Browser.AssertAccessible(district);
        await Shot(district, "receipts-progress-district");
    }

    private async Task<Tongxing.Web.Domain.ReceiptKind?> Receipted(Guid payment)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.Where(p => p.Id == payment).Select(p => p.ReceiptKind).SingleAsync();
    }
}

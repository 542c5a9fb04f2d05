using Microsoft.Playwright;
using Tongxing.IntegrationTests;

namespace Tongxing.BrowserTests;

/// <summary>A village branch registers a helper with an account, pairs a household on a phone, prints 附件3 and uploads the signed scan.</summary>
public sealed class PairingJourney(Browser browser) : IClassFixture<Browser>
{
    private static Task Shot(IPage page, string name) =>
        Task.WhenAll(Browser.Screenshot(page, name), page.ScreenshotAsync(new() { Path = $"/tmp/{name}.png", FullPage = true }));

    [Fact]
    public async Task Register_a_helper_pair_a_household_download_the_agreement_and_upload_the_signed_scan()
    {
        var households = await FiledHouseholds.AddAsync(browser.App, 2);

        var desk = await browser.NewPage();
        await Browser.SignIn(desk, "luoman.cun");
        await desk.GotoAsync("/Pairing/HelpersEdit");
        await desk.Locator("#name").FillAsync("韦建华");
        await desk.Locator("#g-m").CheckAsync();
        await desk.Locator("#phone").FillAsync("13907725566");
        await desk.Locator("#branch").FillAsync("洛满村党支部");
        await desk.Locator("#kind").SelectOptionAsync("Technician");
        await desk.Locator("#unit").FillAsync("洛满镇沃柑专业合作社");
        await desk.Locator("#post").FillAsync("技术员");
        await desk.Locator("#skills").FillAsync("沃柑种植、果树嫁接");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "pairing-helper-form-desktop");
        await desk.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#issued-password")).ToContainTextAsync("bf13907725566");
        await Shot(desk, "pairing-helper-account-desktop");
        await desk.GotoAsync("/Pairing/Helpers");
        await Assertions.Expect(desk.Locator("#helpers")).ToContainTextAsync("韦建华");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "pairing-helpers-desktop");

        var phone = await browser.NewPage(360, 740);
        Browser.AcceptDialogs(phone);
        await Browser.SignIn(phone, "luoman.cun");
        await phone.GotoAsync("/Pairing/Helpers");
        await Shot(phone, "pairing-helpers-phone");
        await phone.GotoAsync($"/Pairing/Household/{households[0]}");
        await Assertions.Expect(phone.Locator("#no-helper")).ToBeVisibleAsync();
        await phone.Locator("#helper").SelectOptionAsync(new SelectOptionValue { Label = "韦建华（技术能手，洛满村委会，已结对0户）" });
        await Shot(phone, "pairing-household-before-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "结对" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".alert-success")).ToContainTextAsync("已结对");
        await Assertions.Expect(phone.Locator("#active-pairings")).ToContainTextAsync("协议未签订");

        await phone.GetByText("打印帮扶协议书（附件3）").ClickAsync();
        await phone.GetByPlaceholder("项目帮扶，如：协助建设沃柑果园").FillAsync("协助建设5亩沃柑果园");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.GetByRole(AriaRole.Button, new() { Name = "下载协议书（.docx）" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await download.SaveAsAsync("/tmp/pairing-agreement.docx");

        await phone.GetByText("上传签字盖章后的协议书").ClickAsync();
        await phone.Locator("input[type=file][name=Photo]").SetInputFilesAsync(new FilePayload { Name = "协议书.jpg", MimeType = "image/jpeg", Buffer = Tongxing.TestSupport.TestImages.JpegWithGps() });
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the pairing page is {overflow}px wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await Shot(phone, "pairing-household-upload-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".alert-success")).ToContainTextAsync("协议已签订");
        await Assertions.Expect(phone.Locator("#active-pairings")).ToContainTextAsync("协议已签订");
        await Shot(phone, "pairing-household-signed-phone");

        await desk.GotoAsync("/Pairing");
        await Assertions.Expect(desk.Locator("#town-pairing")).ToContainTextAsync("洛满镇");
        await Assertions.Expect(desk.Locator("#outstanding")).ToContainTextAsync("尚未结对");
        await Browser.AssertAccessible(desk);
        await Shot(desk, "pairing-index-desktop");
        await desk.GotoAsync($"/Households/Details/{households[0]}");
        await Assertions.Expect(desk.Locator("#household-pairing")).ToContainTextAsync("韦建华");
        await Shot(desk, "pairing-household-details-desktop");
        await desk.GotoAsync($"/Pairing/Household/{households[0]}");
        await Shot(desk, "pairing-household-desktop");
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Features.Account;

namespace Tongxing.BrowserTests;

public sealed class FirstSignInJourney(Browser browser) : IClassFixture<Browser>
{
    [Theory]
    [InlineData("first.admin", 1280, 900, "desktop")]
    [InlineData("first.admin.phone", 360, 740, "phone")]
    public async Task A_one_time_password_leads_to_the_password_page_and_Enter_there_lands_on_the_home_page(string userName, int width, int height, string device)
    {
        using var output = new StringWriter();
        Assert.Equal(0, await CreateAdminCommand.RunAsync(browser.App.Services, userName, DemoData.LiunanDistrict, output, CancellationToken.None));
        var password = Regex.Match(output.ToString(), "一次性密码：(\\S+)").Groups[1].Value;

        var page = await browser.NewPage(width, height);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Browser.Reached(page, "/Account/Password$");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("请先设置自己的新密码");
        // The menu offers nothing but signing out meanwhile, and any other address leads back here.
        await Assertions.Expect(page.Locator("nav a[href='/Account/Password']")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("a[href='/Account/Logout']")).ToBeAttachedAsync();
        await page.GotoAsync("/Dashboard");
        await Browser.Reached(page, "/Account/Password$");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, $"password-forced-{device}");

        await page.GetByLabel("原密码").FillAsync(password);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync("Liunan@2020admin");
        await page.GetByLabel("再次输入新密码").FillAsync("Liunan@2020admin");
        await page.GetByLabel("再次输入新密码").PressAsync("Enter");
        await Browser.Reached(page, "/$");
        await Browser.SignedIn(page);
        await Assertions.Expect(page.Locator("nav a[href='/Account/Password']")).ToHaveTextAsync("修改密码");
        await Browser.Screenshot(page, $"password-changed-home-{device}");
    }
}

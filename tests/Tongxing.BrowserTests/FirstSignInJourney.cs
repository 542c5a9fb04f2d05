using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tongxing.Web.Data;
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

/// <summary>An instance without any account (its own app: the demo's accounts are removed first).</summary>
public sealed class NoAccountJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_sign_in_page_of_an_instance_without_accounts_says_how_to_create_the_first_administrator()
    {
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var user in await users.Users.ToListAsync())
            {
                Assert.True((await users.DeleteAsync(user)).Succeeded);
            }
        }
        foreach (var (width, height, device) in new[] { (1280, 900, "desktop"), (360, 740, "phone") })
        {
            var page = await browser.NewPage(width, height);
            await page.GotoAsync("/Account/Login");
            await Assertions.Expect(page.Locator("#first-start")).ToContainTextAsync("Tongxing.Web create-admin <用户名> --area <区划代码>");
            await Browser.AssertAccessible(page);
            await Browser.Screenshot(page, $"login-no-account-{device}");
        }
    }
}

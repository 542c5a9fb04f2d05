using Microsoft.Playwright;
using Tongxing.Web.Data.Seed;

namespace Tongxing.BrowserTests;

public sealed class UserAdministrationJourney(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task The_administrator_creates_a_village_secretary_sees_the_temporary_password_once_and_the_secretary_signs_in_with_it()
    {
        var page = await browser.NewPage();
        await Browser.SignIn(page, "guanliyuan");
        await page.GetByRole(AriaRole.Link, new() { Name = "用户管理" }).ClickAsync();
        await Browser.Reached(page, "/Admin/Users$");
        await Assertions.Expect(page.Locator("#user-table")).ToContainTextAsync("luoman.cun");
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "users-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "新建账号" }).ClickAsync();
        await Browser.Reached(page, "/Admin/Users/Create");
        await page.GetByLabel("姓名").FillAsync("古洲村党支部 黄书记");
        await page.GetByLabel("用户名（登录用）").FillAsync("guzhou.huang");
        await page.GetByLabel("手机号").FillAsync("13877001234");
        await page.GetByLabel("职务").SelectOptionAsync(new SelectOptionValue { Label = "村党支部" });
        await page.GetByLabel("所在区域").SelectOptionAsync(DemoData.GuzhouVillage);
        await Browser.AssertAccessible(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并生成临时密码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#temporary-password")).ToBeVisibleAsync();
        var password = (await page.Locator("#temporary-password").InnerTextAsync()).Trim();
        Assert.Equal(12, password.Length);
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "users-created-password");

        // Shown once: the account's page does not show it again.
        await page.GetByRole(AriaRole.Link, new() { Name = "查看该账号" }).ClickAsync();
        await Browser.Reached(page, "/Admin/Users/Edit/");
        await Assertions.Expect(page.Locator("#account-state")).ToHaveTextAsync("须改密码");
        Assert.DoesNotContain(password, await page.ContentAsync(), StringComparison.Ordinal);
        await Browser.AssertAccessible(page);
        await Browser.Screenshot(page, "users-edit");
        await page.GotoAsync("/Admin/Users/Import");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载用户导入模板" })).ToBeVisibleAsync();
        await Browser.AssertAccessible(page);

        var phone = await browser.NewPage(360, 740);
        await Browser.SignIn(phone, "guanliyuan");
        await phone.GotoAsync("/Admin/Users?Q=guzhou");
        await Assertions.Expect(phone.Locator("#user-cards")).ToContainTextAsync("*******1234");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, "the list is wider than a 360px phone");
        await Browser.AssertAccessible(phone);
        await Browser.Screenshot(phone, "users-list-phone");

        // The new secretary signs in with the temporary password and is let in (and asked for a new password when that applies).
        var secretary = await browser.NewPage(360, 740);
        await secretary.GotoAsync("/Account/Login");
        await secretary.GetByLabel("用户名").FillAsync("guzhou.huang");
        await secretary.GetByLabel("密码").FillAsync(password);
        await secretary.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(secretary).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"), new() { Timeout = 30_000 });
        await Assertions.Expect(secretary.Locator("a[href='/Account/Logout']")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Browser.Screenshot(secretary, "users-new-secretary-signed-in");
    }
}

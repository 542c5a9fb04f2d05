using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>Every user's own account: the password they change, the last sign-in kept, a disabled account shut out everywhere.</summary>
public abstract class OwnAccountTests(TestApp app)
{
    private async Task<AppUser> UserNamed(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    private async Task Change(string userName, Action<AppUser> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        change(user);
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    [Fact]
    public async Task Changing_ones_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var elsewhere = await app.SignInCookie("luoman.canlian");
        var client = await app.SignIn("luoman.canlian");
        Assert.Contains("href=\"/Account/Password\">修改密码</a>", await client.GetStringAsync("/"), StringComparison.Ordinal);
        var response = await client.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = DemoData.DemoPassword, newPassword = "Luoman#2020cl", confirmPassword = "Luoman#2020cl" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(elsewhere).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "luoman.canlian", ["Password"] = "Luoman#2020cl" })).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var user = await UserNamed("luoman.canlian");
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "修改密码" && a.EntityId == user.Id && a.UserId == user.Id));
        }

        // Back to the demo password, through the page this time.
        var back = await TestApp.PostForm(client, "/Account/Password", new() { ["CurrentPassword"] = "Luoman#2020cl", ["NewPassword"] = DemoData.DemoPassword, ["ConfirmPassword"] = DemoData.DemoPassword });
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_at_its_field_and_counts_towards_the_lock_out()
    {
        var client = await app.SignIn("liushan.dangwei");
        var response = await client.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = "Not-the-password1", newPassword = "Liushan#2020x", confirmPassword = "Liushan#2020x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("原密码不正确", errors.GetProperty("CurrentPassword")[0].GetString());
        Assert.Equal(1, (await UserNamed("liushan.dangwei")).AccessFailedCount);
        // The page says it at the field too, and the password is unchanged.
        var page = await TestApp.PostForm(client, "/Account/Password", new() { ["CurrentPassword"] = "Not-the-password1", ["NewPassword"] = "Liushan#2020x", ["ConfirmPassword"] = "Liushan#2020x" });
        var field = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent;
        Assert.Equal("原密码不正确", field);
        await app.SignInCookie("liushan.dangwei");
    }

    [Fact]
    public async Task Changing_ones_password_revokes_ones_api_tokens_in_the_same_save()
    {
        var client = await app.SignIn("liushan.canlian");
        var token = (await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "改密前的令牌", days = 30 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var bearer = app.CreateClient(new() { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);

        // Through the page: the message says the token went with the old password.
        var changed = await TestApp.PostForm(client, "/Account/Password", new() { ["CurrentPassword"] = DemoData.DemoPassword, ["NewPassword"] = "Liushan#2020cl", ["ConfirmPassword"] = "Liushan#2020cl" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("您的1个API令牌已同时作废", await client.GetStringAsync(changed.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var user = await UserNamed("liushan.canlian");
            Assert.False(await db.ApiTokens.AnyAsync(t => t.UserId == user.Id && t.RevokedAt == null));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "修改密码" && a.EntityId == user.Id && a.Details!.Contains("同时作废API令牌1个")));
        }

        // A token issued after the change works; changing back (through the API) revokes it too.
        var after = (await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "改密后的令牌", days = 30 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", after);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = "Liushan#2020cl", newPassword = DemoData.DemoPassword, confirmPassword = DemoData.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        await app.SignInCookie("liushan.canlian");
    }

    [Fact]
    public async Task An_api_token_cannot_change_the_password()
    {
        var client = await app.SignIn("luoman.cun");
        var token = (await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "改密测试", days = 30 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var bearer = app.CreateClient(new() { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await bearer.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = DemoData.DemoPassword, newPassword = "Luoman#2020cun", confirmPassword = "Luoman#2020cun" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await app.SignInCookie("luoman.cun");
    }

    [Fact]
    public async Task Each_completed_sign_in_records_when_it_happened()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var at = app.Clock.GetUtcNow();
        await app.SignIn("shicanlian");
        Assert.Equal(at, (await UserNamed("shicanlian")).LastSignInAt);
        // A failed attempt changes nothing.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "shicanlian", ["Password"] = "Wrong-password-1" });
        Assert.Equal(at, (await UserNamed("shicanlian")).LastSignInAt);
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_loses_its_sessions_and_tokens()
    {
        var copied = await app.SignInCookie("caizheng");
        var client = await app.SignIn("caizheng");
        var token = (await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "停用测试", days = 30 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var bearer = app.CreateClient(new() { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);

        await Change("caizheng", u => u.DisabledAt = app.Clock.GetUtcNow());
        // Tokens at once; cookies at the next check of the session.
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        // The right password is answered as a wrong one.
        var refused = await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "caizheng", ["Password"] = DemoData.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("用户名或密码不正确", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Change("caizheng", u => u.DisabledAt = null);
        await app.SignInCookie("caizheng");
    }
}

public sealed class OwnAccountTests_Sqlite(SqliteApp app) : OwnAccountTests(app), IClassFixture<SqliteApp>;

public sealed class OwnAccountTests_Postgres(PostgresApp app) : OwnAccountTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The administration of accounts through HTTP (ADR 0017): delegation by area, one's own account, sessions and tokens
/// ending on disable and on a change of office, temporary passwords, the audit, and the bulk import's rows.
/// </summary>
public abstract class UserAdministrationTests(TestApp app)
{
    private const string Known = "Known@Pass2020";

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<AppUser> User(string userName) => With(s => s.GetRequiredService<TongxingDb>().Users.AsNoTracking().FirstAsync(u => u.UserName == userName));

    /// <summary>Creates an account through the API as the district's administrator and returns its id and temporary password.</summary>
    private static async Task<(string Id, string Password)> Create(HttpClient admin, string userName, string role, string area, string? phone = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "测试 " + userName, userName, phoneNumber = phone, role, areaCode = area });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("userId").GetString()!, body.GetProperty("password").GetString()!);
    }

    /// <summary>Gives the account a known password that needs no change, as if its holder had already set their own.</summary>
    private Task<bool> OwnPassword(string userName) => With<bool>(async s =>
    {
        var users = s.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.RemovePasswordAsync(user);
        await users.AddPasswordAsync(user, Known);
        user.MustChangePassword = false;
        return (await users.UpdateAsync(user)).Succeeded;
    });

    private HttpClient Bearer(string token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<string> Token(HttpClient client)
    {
        var issued = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "对接", days = 30 });
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private void AfterSessionCheck() => app.Clock.Advance(TimeSpan.FromSeconds(61));

    [Fact]
    public async Task An_administrator_creates_inside_its_area_only_and_the_office_must_fit_the_unit()
    {
        var admin = await app.SignIn("guanliyuan");
        var above = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "柳州", userName = "shi.guanli", role = "CityFederation", areaCode = DemoData.Liuzhou });
        Assert.Equal(HttpStatusCode.Forbidden, above.StatusCode);
        var beside = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "区外", userName = "qu.wai", role = "Administrator", areaCode = DemoData.Guangxi });
        Assert.Equal(HttpStatusCode.Forbidden, beside.StatusCode);
        var misfit = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "镇里的村支书", userName = "zhen.cun", role = "VillageBranch", areaCode = DemoData.Luoman });
        Assert.Equal(HttpStatusCode.BadRequest, misfit.StatusCode);
        Assert.Contains("村（社区）一级", await misfit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var taken = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "重名", userName = "luoman.cun", role = "VillageBranch", areaCode = DemoData.LuomanVillage });
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("已被使用", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName == "shi.guanli" || u.UserName == "qu.wai" || u.UserName == "zhen.cun")));

        // The same through the page: the reason at the area field, nothing created.
        var page = await TestApp.PostForm(admin, "/Admin/Users/Create", new()
        {
            ["Input.DisplayName"] = "柳州",
            ["Input.UserName"] = "shi.guanli2",
            ["Input.Role"] = "CityFederation",
            ["Input.AreaCode"] = DemoData.Liuzhou,
        });
        Assert.Contains("不能设置上级或其他地区的账号", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName == "shi.guanli2")));
    }

    [Fact]
    public async Task A_retired_village_gets_no_new_account_and_its_old_accounts_stay()
    {
        var admin = await app.SignIn("guanliyuan");
        const string village = "450204102207";
        var first = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "新艾村 韦书记", userName = "xinai.wei", phoneNumber = "13877003333", role = "VillageBranch", areaCode = village });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/areas/{village}/retirement", null)).StatusCode);
        try
        {
            var refused = await admin.PostAsJsonAsync("/api/v1/users", new { displayName = "新艾村 覃书记", userName = "xinai.qin", phoneNumber = "13877004444", role = "VillageBranch", areaCode = village });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("已撤销，不能再在该区划设立账号", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName == "xinai.qin")));
            Assert.True(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName == "xinai.wei" && u.AreaCode == village)));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/areas/{village}/retirement")).StatusCode);
        }
    }

    [Fact]
    public async Task A_new_account_gets_a_temporary_password_that_must_be_changed_and_a_helper_is_made_the_same_way()
    {
        var admin = await app.SignIn("guanliyuan");
        var (id, password) = await Create(admin, "new.helper", "Helper", DemoData.GuzhouVillage, "13800001234");
        var user = await User("new.helper");
        Assert.Equal(id, user.Id);
        Assert.True(user.MustChangePassword);
        Assert.True(user.LockoutEnabled);
        Assert.Equal(Tongxing.Web.Domain.AreaLevel.Village, user.AreaLevel);
        // The temporary password signs in (the sign-in then asks for a new one).
        await app.SignInCookie("new.helper", password);
        // Never in the audit log, in any form.
        var details = await With(s => s.GetRequiredService<TongxingDb>().AuditEntries.Select(a => a.Details ?? "").ToListAsync());
        Assert.DoesNotContain(details, d => d.Contains(password, StringComparison.Ordinal));
        var actions = await With(s => s.GetRequiredService<TongxingDb>().AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains("新建账号", actions);
    }

    [Fact]
    public async Task The_administrator_cannot_change_or_disable_its_own_account()
    {
        var admin = await app.SignIn("guanliyuan");
        var me = await User("guanliyuan");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/v1/users/{me.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/v1/users/{me.Id}/password-reset", null)).StatusCode);
        var promote = await admin.PutAsJsonAsync($"/api/v1/users/{me.Id}", new { displayName = me.DisplayName, role = "Administrator", areaCode = DemoData.Liuzhou, concurrencyStamp = me.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.Forbidden, promote.StatusCode);
        var office = await admin.PutAsJsonAsync($"/api/v1/users/{me.Id}", new { displayName = me.DisplayName, role = "DistrictFederation", areaCode = DemoData.LiunanDistrict, concurrencyStamp = me.ConcurrencyStamp });
        Assert.Equal(HttpStatusCode.Forbidden, office.StatusCode);
        var after = await User("guanliyuan");
        Assert.Null(after.DisabledAt);
        Assert.Equal(Tongxing.Web.Domain.Role.Administrator, after.Role);
        Assert.Equal(DemoData.LiunanDistrict, after.AreaCode);
    }

    [Fact]
    public async Task A_town_administrator_sees_and_changes_only_its_towns_accounts()
    {
        var admin = await app.SignIn("guanliyuan");
        await Create(admin, "luoman.guanli", "Administrator", DemoData.Luoman);
        await OwnPassword("luoman.guanli");
        var town = await app.SignIn("luoman.guanli", Known);

        var list = await town.GetFromJsonAsync<JsonElement>("/api/v1/users?page=1");
        var names = list.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("userName").GetString()).ToList();
        Assert.Contains("luoman.cun", names);
        Assert.DoesNotContain("liushan.dangwei", names);
        Assert.DoesNotContain("qucanlian", names);
        Assert.DoesNotContain("guanliyuan", names);

        var other = await User("liushan.dangwei");
        var above = await User("guanliyuan");
        foreach (var id in new[] { other.Id, above.Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/users/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await town.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await town.PostAsync($"/api/v1/users/{id}/password-reset", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await town.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "x", role = "TownCommittee", areaCode = DemoData.Luoman, concurrencyStamp = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/Admin/Users/Edit/{id}")).StatusCode);
        }
        // A filter on a unit outside the town is refused, not widened.
        Assert.Equal(HttpStatusCode.BadRequest, (await town.GetAsync($"/api/v1/users?area={DemoData.Liushan}")).StatusCode);
        Assert.Null((await User("liushan.dangwei")).DisabledAt);
    }

    [Fact]
    public async Task Offices_without_the_right_get_no_user_administration_and_no_menu_entry()
    {
        foreach (var user in new[] { "qucanlian", "luoman.dangwei", "luoman.cun" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/users")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/users", new { displayName = "x", userName = "x.y.z", role = "VillageBranch", areaCode = DemoData.LuomanVillage })).StatusCode);
            Assert.DoesNotContain("用户管理", await client.GetStringAsync("/"), StringComparison.Ordinal);
        }
        var admin = await app.SignIn("guanliyuan");
        Assert.Contains("href=\"/Admin/Users\"", await admin.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabling_ends_the_accounts_sessions_and_tokens_and_re_enabling_lets_it_sign_in_again()
    {
        var admin = await app.SignIn("guanliyuan");
        var (id, _) = await Create(admin, "to.disable", "TownFederation", DemoData.Liushan);
        await OwnPassword("to.disable");
        var copied = await app.SignInCookie("to.disable", Known);
        var token = await Token(await app.SignIn("to.disable", Known));
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);

        var disabled = await admin.PostAsync($"/api/v1/users/{id}/disable", null);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        // The token stops at once; the copied cookie at the next check of the session.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        var refused = await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "to.disable", ["Password"] = Known });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?state=Disabled");
        Assert.Contains(list.GetProperty("rows").EnumerateArray(), r => r.GetProperty("userName").GetString() == "to.disable" && r.GetProperty("state").GetString() == "停用");
        var actions = await With(s => s.GetRequiredService<TongxingDb>().AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains("停用账号", actions);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{id}/enable", null)).StatusCode);
        await app.SignInCookie("to.disable", Known);
        // Tokens revoked by the disabling stay revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_change_of_office_ends_the_accounts_sessions_and_tokens_and_a_stale_edit_is_refused()
    {
        var admin = await app.SignIn("guanliyuan");
        var (id, _) = await Create(admin, "to.move", "VillageBranch", DemoData.LuomanVillage, "13900001111");
        await OwnPassword("to.move");
        var copied = await app.SignInCookie("to.move", Known);
        var token = await Token(await app.SignIn("to.move", Known));
        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}");
        var stamp = read.GetProperty("concurrencyStamp").GetString();
        Assert.Equal("13900001111", read.GetProperty("phoneNumber").GetString());

        var moved = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "测试 改任帮扶人", phoneNumber = "13900002222", role = "Helper", areaCode = DemoData.GuzhouVillage, concurrencyStamp = stamp });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        var user = await User("to.move");
        Assert.Equal(Tongxing.Web.Domain.Role.Helper, user.Role);
        Assert.Equal(DemoData.GuzhouVillage, user.AreaCode);

        // The version read before the change is stale now.
        var stale = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "迟到的修改", role = "Helper", areaCode = DemoData.GuzhouVillage, concurrencyStamp = stamp });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("测试 改任帮扶人", (await User("to.move")).DisplayName);
        // The list shows the phone's last four digits only.
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?q=to.move");
        Assert.Equal("*******2222", list.GetProperty("rows")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_reset_password_ends_the_old_one_and_must_be_changed_unlock_and_two_step_reset_clear_their_state()
    {
        var admin = await app.SignIn("guanliyuan");
        var (id, _) = await Create(admin, "to.reset", "TownCommittee", DemoData.Luoman);
        await OwnPassword("to.reset");
        var copied = await app.SignInCookie("to.reset", Known);
        var token = await Token(await app.SignIn("to.reset", Known));
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        var reset = await admin.PostAsync($"/api/v1/users/{id}/password-reset", null);
        // A reset answers a stolen password: the token is revoked with it, not only held back until the new password is set.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(token).GetAsync("/api/v1/me")).StatusCode);
        var temporary = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.True((await User("to.reset")).MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "to.reset", ["Password"] = Known })).StatusCode);
        await app.SignInCookie("to.reset", temporary);
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);

        // Locked out by wrong passwords, then unlocked.
        for (var i = 0; i < 5; i++)
        {
            await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "to.reset", ["Password"] = "Wrong-password-1" });
        }
        var locked = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?state=LockedOut");
        Assert.Contains(locked.GetProperty("rows").EnumerateArray(), r => r.GetProperty("userName").GetString() == "to.reset");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{id}/unlock", null)).StatusCode);
        await app.SignInCookie("to.reset", temporary);

        // A lost phone: the authenticator key and recovery codes go, two-step sign-in is off.
        await With<bool>(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            return (await users.SetTwoFactorEnabledAsync(user, true)).Succeeded;
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{id}/two-factor-reset", null)).StatusCode);
        await With<bool>(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(id))!;
            Assert.False(user.TwoFactorEnabled);
            Assert.Null(await users.GetAuthenticatorKeyAsync(user));
            Assert.Equal(0, await users.CountRecoveryCodesAsync(user));
            return true;
        });
        var actions = await With(s => s.GetRequiredService<TongxingDb>().AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync());
        Assert.Contains("重置密码", actions);
        Assert.Contains("解除锁定", actions);
        Assert.Contains("重置两步验证", actions);
        var details = await With(s => s.GetRequiredService<TongxingDb>().AuditEntries.Select(a => a.Details ?? "").ToListAsync());
        Assert.DoesNotContain(details, d => d.Contains(temporary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_change_an_account_disable_it_and_keep_the_administrators_own_office()
    {
        var admin = await app.SignIn("guanliyuan");
        var (id, _) = await Create(admin, "page.edit", "TownCommittee", DemoData.Liushan, "13700001234");
        var edit = $"/Admin/Users/Edit/{id}";
        Assert.Contains("13700001234", await admin.GetStringAsync(edit), StringComparison.Ordinal);
        var html = await admin.GetStringAsync(edit);
        var stamp = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.ConcurrencyStamp\" value=\"([^\"]+)\"").Groups[1].Value;
        var saved = await TestApp.PostForm(admin, edit, new()
        {
            ["Input.DisplayName"] = "流山镇残联 新名字",
            ["Input.PhoneNumber"] = "13700005678",
            ["Input.Role"] = "TownFederation",
            ["Input.AreaCode"] = DemoData.Liushan,
            ["Input.ConcurrencyStamp"] = stamp,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await User("page.edit");
        Assert.Equal(("流山镇残联 新名字", "13700005678", Tongxing.Web.Domain.Role.TownFederation), (user.DisplayName, user.PhoneNumber, user.Role));

        // The same stale version again: refused with the reason on the page, nothing changed.
        var stale = await TestApp.PostForm(admin, edit, new()
        {
            ["Input.DisplayName"] = "迟到",
            ["Input.Role"] = "TownFederation",
            ["Input.AreaCode"] = DemoData.Liushan,
            ["Input.ConcurrencyStamp"] = stamp,
        });
        Assert.Contains(Tongxing.Web.Features.Admin.Users.UserAccounts.Changed, await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("流山镇残联 新名字", (await User("page.edit")).DisplayName);

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(admin, edit, [], edit + "?handler=Disable")).StatusCode);
        Assert.NotNull((await User("page.edit")).DisabledAt);

        // Its own page offers no state buttons and keeps its office and area whatever is posted; the name may change.
        var me = await User("guanliyuan");
        var own = await admin.GetStringAsync($"/Admin/Users/Edit/{me.Id}");
        Assert.DoesNotContain("handler=Disable", own, StringComparison.Ordinal);
        var ownStamp = System.Text.RegularExpressions.Regex.Match(own, "name=\"Input.ConcurrencyStamp\" value=\"([^\"]+)\"").Groups[1].Value;
        await TestApp.PostForm(admin, $"/Admin/Users/Edit/{me.Id}", new()
        {
            ["Input.DisplayName"] = "柳南区 系统管理员 韦工",
            ["Input.Role"] = "DistrictFederation",
            ["Input.AreaCode"] = DemoData.Liuzhou,
            ["Input.ConcurrencyStamp"] = ownStamp,
        });
        var refused = await TestApp.PostForm(admin, $"/Admin/Users/Edit/{me.Id}", [], $"/Admin/Users/Edit/{me.Id}?handler=Disable");
        Assert.Contains(Tongxing.Web.Domain.UserAdministration.OwnAccount, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = await User("guanliyuan");
        Assert.Equal((Tongxing.Web.Domain.Role.Administrator, DemoData.LiunanDistrict), (after.Role, after.AreaCode));
        Assert.Null(after.DisabledAt);
    }

    private static ByteArrayContent Sheet(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        var data = rows.Select(r => new Dictionary<string, object?> { ["姓名"] = r[0], ["用户名"] = r[1], ["手机号"] = r[2], ["职务"] = r[3], ["区划代码"] = r[4] }).ToList();
        stream.SaveAs(data);
        return new ByteArrayContent(stream.ToArray());
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, ByteArrayContent file)
    {
        var html = await client.GetStringAsync("/Admin/Users/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestApp.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { file, "Upload", "users.xlsx" },
        };
        return await client.PostAsync("/Admin/Users/Import?handler=Check", form);
    }

    [Fact]
    public async Task A_bulk_import_checks_every_row_and_creates_all_or_nothing()
    {
        var admin = await app.SignIn("guanliyuan");
        var template = await admin.GetAsync("/Admin/Users/Import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType?.MediaType);

        var bad = await Upload(admin, Sheet(
            ["洛满村 书记甲", "bulk.ok1", 13800000001d, "村党支部", DemoData.LuomanVillage],
            ["重复行", "bulk.ok1", "13800000002", "村党支部", DemoData.GuzhouVillage],
            ["已有账号", "luoman.cun", "13800000003", "村党支部", DemoData.LuomanVillage],
            ["区外", "bulk.above", "13800000004", "市残联", DemoData.Liuzhou],
            ["职务不符", "bulk.misfit", "13800000005", "村党支部", DemoData.Luoman],
            ["电话错", "bulk.phone", "12345", "党员帮扶人", DemoData.LuomanVillage],
            ["职务不明", "bulk.office", "13800000007", "村主任", DemoData.LuomanVillage],
            ["区划不明", "bulk.area", "13800000008", "村党支部", "450204101999"]));
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("1 行可以导入，7 行有问题", html, StringComparison.Ordinal);
        Assert.Contains("在本文件中重复", html, StringComparison.Ordinal);
        Assert.Contains("“luoman.cun”已被使用", html, StringComparison.Ordinal);
        Assert.Contains("不能设置上级或其他地区的账号", html, StringComparison.Ordinal);
        Assert.Contains("不能设在乡镇一级", html, StringComparison.Ordinal);
        Assert.Contains("手机号：手机号应为11位数字", html, StringComparison.Ordinal);
        Assert.Contains("“村主任”不是系统中的职务", html, StringComparison.Ordinal);
        Assert.Contains("区划代码“450204101999”不存在", html, StringComparison.Ordinal);
        Assert.DoesNotContain("确认导入", html, StringComparison.Ordinal);

        // Confirming a file with a bad row creates none of its accounts, not even the good one.
        var refused = await admin.PostAsJsonAsync("/api/v1/users/import", new
        {
            commit = true,
            rows = new object[]
            {
                new { displayName = "好行", userName = "bulk.ok1", phoneNumber = "13800000001", role = "VillageBranch", areaCode = DemoData.LuomanVillage },
                new { displayName = "坏行", userName = "bulk.misfit", role = "VillageBranch", areaCode = DemoData.Luoman },
            },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.False(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName!.StartsWith("bulk."))));

        // A good file: checked, confirmed, every account created with its temporary password shown once.
        var good = await Upload(admin, Sheet(
            ["洛满村 书记甲", "bulk.a", "13800000001", "村党支部", DemoData.LuomanVillage],
            ["古洲村 帮扶人乙", "bulk.b", null, "党员帮扶人", DemoData.GuzhouVillage],
            ["洛满镇 残联丙", "bulk.c", "13800000003", "镇残联", DemoData.Luoman]));
        var checkedHtml = await good.Content.ReadAsStringAsync();
        Assert.Contains("3 行可以导入，0 行有问题", checkedHtml, StringComparison.Ordinal);
        var rows = System.Text.RegularExpressions.Regex.Match(checkedHtml, "name=\"Rows\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(await With(s => s.GetRequiredService<TongxingDb>().Users.AnyAsync(u => u.UserName!.StartsWith("bulk."))));
        var confirmed = await admin.PostAsync("/Admin/Users/Import?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Rows"] = System.Net.WebUtility.HtmlDecode(rows),
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(checkedHtml),
        }));
        var done = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("已创建 3 个账号", done, StringComparison.Ordinal);
        var created = await With(s => s.GetRequiredService<TongxingDb>().Users.AsNoTracking().Where(u => u.UserName!.StartsWith("bulk.")).ToListAsync());
        Assert.Equal(3, created.Count);
        Assert.All(created, u => Assert.True(u.MustChangePassword));
        Assert.Contains(created, u => u.UserName == "bulk.b" && u.Role == Tongxing.Web.Domain.Role.Helper);
        var password = System.Text.RegularExpressions.Regex.Match(done, "<td>bulk\\.a</td><td class=\"font-monospace\">([^<]+)</td>").Groups[1].Value;
        await app.SignInCookie("bulk.a", System.Net.WebUtility.HtmlDecode(password));
    }

    [Fact]
    public async Task Hostile_or_foreign_files_are_refused_with_a_reason()
    {
        var admin = await app.SignIn("guanliyuan");
        var text = await (await Upload(admin, new ByteArrayContent("姓名,用户名\n张三,zhangsan"u8.ToArray()))).Content.ReadAsStringAsync();
        Assert.Contains("不是 Excel 工作簿", text, StringComparison.Ordinal);
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { new Dictionary<string, object?> { ["名字"] = "张三" } });
        var wrong = await (await Upload(admin, new ByteArrayContent(stream.ToArray()))).Content.ReadAsStringAsync();
        Assert.Contains("表头缺少以下列", wrong, StringComparison.Ordinal);
        var huge = await Upload(admin, new ByteArrayContent(new byte[ImportUsersMax + 1]));
        Assert.Contains("不超过", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private const int ImportUsersMax = (int)Tongxing.Web.Features.Admin.Users.ImportUsers.MaxBytes;
}

public sealed class UserAdministrationTests_Sqlite(SqliteApp app) : UserAdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class UserAdministrationTests_Postgres(PostgresApp app) : UserAdministrationTests(app), IClassFixture<PostgresApp>;

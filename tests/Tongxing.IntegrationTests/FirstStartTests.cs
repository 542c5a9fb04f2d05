using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Account;
using Tongxing.Web.Features.Areas;

namespace Tongxing.IntegrationTests;

/// <summary>A fresh instance without demo data: no user, the sign-in page says how to make one, create-admin makes it.</summary>
public abstract class FirstStartTests(TestApp app)
{
    private async Task<(int Exit, string Output)> CreateAdmin(string userName, string area)
    {
        using var output = new StringWriter();
        var exit = await CreateAdminCommand.RunAsync(app.Services, userName, area, output, CancellationToken.None);
        return (exit, output.ToString());
    }

    /// <summary>The operator's first step (docs/deployment.md): the official division codes, here Liunan's; a second import changes nothing.</summary>
    private async Task ImportAreas()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tongxing-areas-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "统计用区划代码,名称\r\n" + string.Concat(DemoData.Areas().Select(a => $"{a.Code},{a.Name}\r\n")));
        try
        {
            using var output = new StringWriter();
            Assert.True(await ImportAreasCommand.RunAsync(app.Services, file, false, output, CancellationToken.None) == 0, output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string PasswordIn(string output) => Regex.Match(output, "一次性密码：(\\S+)").Groups[1].Value;

    private async Task<T> InDb<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task A_fresh_instance_has_no_user_and_create_admin_makes_the_first_administrator_who_must_change_the_password()
    {
        // No user at all; the operator imports the areas first.
        var login = await app.Anonymous().GetStringAsync("/Account/Login");
        if (await InDb(db => db.Users.AnyAsync()))
        {
            Assert.Fail("a fresh instance without demo data has a user");
        }
        Assert.Contains("系统中还没有任何账号", login, StringComparison.Ordinal);
        Assert.Contains("Tongxing.Web create-admin <用户名> --area <区划代码>", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(login).QuerySelector("#first-start")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("docs/deployment.md", login, StringComparison.Ordinal);

        await ImportAreas();
        var (exit, output) = await CreateAdmin("liunan.admin", DemoData.LiunanDistrict);
        Assert.True(exit == 0, output);
        Assert.Contains("首次登录时必须修改", output, StringComparison.Ordinal);
        var password = PasswordIn(output);
        Assert.True(password.Length >= 10, output);

        // A user name is taken once, whatever the area.
        var (taken, refused) = await CreateAdmin("liunan.admin", DemoData.Luoman);
        Assert.Equal(1, taken);
        Assert.Contains("用户名“liunan.admin”已被使用", refused, StringComparison.Ordinal);

        // The hint is gone once an account exists.
        Assert.DoesNotContain("create-admin", await app.Anonymous().GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        var user = await InDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liunan.admin"));
        Assert.Equal(Role.Administrator, user.Role);
        Assert.Equal(DemoData.LiunanDistrict, user.AreaCode);
        Assert.Equal(AreaLevel.District, user.AreaLevel);
        Assert.True(user.MustChangePassword);
        Assert.True(user.LockoutEnabled);
        Assert.Null(user.LastSignInAt);
        // Audited as an act of the system, with no password in it.
        var created = await InDb(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "创建系统管理员"));
        Assert.Equal("system", created.UserId);
        Assert.Equal(user.Id, created.EntityId);
        Assert.DoesNotContain(password, await InDb(db => db.AuditEntries.AsNoTracking().Select(a => a.Details ?? "").ToListAsync()) is var all ? string.Join("\n", all) : "", StringComparison.Ordinal);

        // Signing in leads to the password page, and nothing else opens until the password is changed.
        var client = app.Anonymous();
        var signedIn = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "liunan.admin", ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/Account/Password", signedIn.Headers.Location!.OriginalString);
        Assert.NotNull((await InDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liunan.admin"))).LastSignInAt);
        foreach (var page in new[] { "/", "/Admin/Audit", "/Account/Tokens", "/Account/TwoFactor", "/Dashboard" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/Password", response.Headers.Location!.OriginalString);
        }
        var api = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("请先修改密码", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "x", days = 30 })).StatusCode);
        Assert.Equal(0, await InDb(db => db.ApiTokens.CountAsync()));
        var form = await client.GetStringAsync("/Account/Password");
        Assert.Contains("初始密码", form, StringComparison.Ordinal);

        // Refusals at their fields, with nothing changed.
        var mismatch = await TestApp.PostForm(client, "/Account/Password", new() { ["CurrentPassword"] = password, ["NewPassword"] = "Liunan@2020new", ["ConfirmPassword"] = "Liunan@2020neu" });
        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("两次输入的新密码不一致", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var weak = await client.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = password, newPassword = "short", confirmPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var errors = (await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("NewPassword").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("密码至少需要10个字符", errors);
        Assert.Contains("密码须包含至少一个大写字母", errors);
        var same = await client.PutAsJsonAsync("/api/v1/account/password", new { currentPassword = password, newPassword = password, confirmPassword = password });
        Assert.Contains("新密码不能与原密码相同", await same.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await InDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liunan.admin"))).MustChangePassword);

        // Sign-out still works meanwhile.
        var other = app.Anonymous();
        await TestApp.PostForm(other, "/Account/Login", new() { ["UserName"] = "liunan.admin", ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(other, "/Account/Logout", [])).StatusCode);

        var changed = await TestApp.PostForm(client, "/Account/Password", new() { ["CurrentPassword"] = password, ["NewPassword"] = "Liunan@2020new", ["ConfirmPassword"] = "Liunan@2020new" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        // The browser that changed the password stays signed in, now everywhere.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.False((await InDb(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liunan.admin"))).MustChangePassword);
        Assert.Contains("首次登录修改初始密码", (await InDb(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "修改密码" && a.EntityId == user.Id))).Details, StringComparison.Ordinal);
        // The new password signs in straight to the home page.
        var again = await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "liunan.admin", ["Password"] = "Liunan@2020new" });
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("cun.admin", DemoData.LuomanVillage, "系统管理员只能设在自治区、市、县（区）或乡镇一级")]
    [InlineData("nowhere.admin", "450204999000", "区划代码“450204999000”不存在")]
    [InlineData("有空格 的名字", DemoData.LiunanDistrict, "用户名只能包含字母、数字和 . _ -")]
    public async Task Create_admin_refuses_a_village_an_unknown_area_or_a_bad_user_name_with_exit_code_1(string userName, string area, string message)
    {
        await ImportAreas();
        var (exit, output) = await CreateAdmin(userName, area);
        Assert.Equal(1, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("一次性密码", output, StringComparison.Ordinal);
        Assert.False(await InDb(db => db.Users.AnyAsync(u => u.UserName == userName)));
    }
}

public sealed class EmptySqliteApp : TestApp
{
    public EmptySqliteApp() : base(Provider.Sqlite) => SeedDemo = false;
}

public sealed class EmptyPostgresApp : TestApp
{
    public EmptyPostgresApp() : base(Provider.Postgres) => SeedDemo = false;
}

public sealed class FirstStartTests_Sqlite(EmptySqliteApp app) : FirstStartTests(app), IClassFixture<EmptySqliteApp>;

public sealed class FirstStartTests_Postgres(EmptyPostgresApp app) : FirstStartTests(app), IClassFixture<EmptyPostgresApp>;

/// <summary>
/// The operator's first commands right after installing, before the server ever started: import-areas migrates the
/// empty database and loads the division codes, create-admin then makes the administrator of one of them (and refuses
/// while the area is not there yet).
/// </summary>
public sealed class CreateAdminBeforeFirstStartTests
{
    [Fact]
    public async Task Import_areas_and_create_admin_on_a_database_never_started_migrate_it_and_make_the_administrator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tongxing-admin-{Guid.NewGuid():N}.db");
        var codes = Path.Combine(Path.GetTempPath(), $"tongxing-areas-{Guid.NewGuid():N}.csv");
        string[] settings = ["--Seed:Demo=false", "--Database:Provider=Sqlite", $"--ConnectionStrings:Tongxing=Data Source={file};Pooling=False", "--Logging:LogLevel:Default=Warning"];
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var ct = TestContext.Current.CancellationToken;
            Assert.Equal(AppCommandLine.Failed, await AppCommandLine.RunAsync([.. settings, "create-admin", "guangxi.admin", "--area", DemoData.Guangxi], output, error, ct));
            Assert.Contains("先导入行政区划", output.ToString() + error, StringComparison.Ordinal);

            await File.WriteAllTextAsync(codes, "统计用区划代码,名称\r\n450000000000,广西壮族自治区\r\n", ct);
            Assert.Equal(AppCommandLine.Ok, await AppCommandLine.RunAsync([.. settings, "import-areas", codes], output, error, ct));
            output.GetStringBuilder().Clear();
            Assert.Equal(AppCommandLine.Ok, await AppCommandLine.RunAsync([.. settings, "create-admin", "guangxi.admin", "--area", DemoData.Guangxi], output, error, ct));
            Assert.Matches("一次性密码：\\S{16}", output.ToString());

            await using var built = Tongxing.Web.TongxingApp.Build(settings);
            await using var scope = built.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<TongxingDb>().Users.SingleAsync(ct);
            Assert.Equal(("guangxi.admin", Role.Administrator, AreaLevel.Region, true), (user.UserName, user.Role, user.AreaLevel, user.MustChangePassword));
        }
        finally
        {
            File.Delete(file);
            File.Delete(codes);
        }
    }
}

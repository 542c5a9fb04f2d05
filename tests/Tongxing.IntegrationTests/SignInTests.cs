using System.Net;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

public abstract class SignInTests(TestApp app)
{
    [Fact]
    public async Task Login_page_is_chinese_and_not_entity_encoded()
    {
        var html = await app.Anonymous().GetStringAsync("/Account/Login");
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("用户名", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guzhou.cun", "柳南区委组织部 · 柳南区残疾人联合会")]
    [InlineData("luoman.dangwei", "柳南区委组织部 · 柳南区残疾人联合会")]
    [InlineData("qucanlian", "柳南区委组织部 · 柳南区残疾人联合会")]
    [InlineData("shicanlian", "柳州市残疾人联合会")]
    [InlineData("zizhiqu.canlian", "广西壮族自治区残疾人联合会")]
    public async Task The_footer_names_the_offices_that_run_the_programme_for_the_users_area(string user, string offices)
    {
        var client = await app.SignIn(user);
        var footer = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/")).QuerySelector("footer")!.TextContent;
        Assert.Equal($"{offices} — 本系统含个人敏感信息，请勿截屏外传。", string.Join(' ', footer.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));

        // The error page looks nothing up (its error may be the database's).
        var missing = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("本系统含个人敏感信息，请勿截屏外传。", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await missing.Content.ReadAsStringAsync()).QuerySelector("footer")!.TextContent.Trim());

        // Before sign-in the page names no office (the visitor's district is not known).
        var login = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await app.Anonymous().GetStringAsync("/Account/Login")).QuerySelector("footer")!.TextContent;
        Assert.Equal("本系统含个人敏感信息，请勿截屏外传。", login.Trim());
    }

    [Fact]
    public async Task Pages_need_a_signed_in_user()
    {
        var response = await app.Anonymous().GetAsync("/Households");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_without_credentials_answers_401_not_a_redirect()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/households");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_chinese_message()
    {
        var response = await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "caizheng", ["Password"] = "wrong-Password1!" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "liushan.dangwei", ["Password"] = "not-the-Password1!" });
        }
        var response = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "liushan.dangwei", ["Password"] = DemoData.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("账号已锁定", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qucanlian")]
    [InlineData("quzuzhibu")]
    [InlineData("caizheng")]
    [InlineData("luoman.dangwei")]
    [InlineData("luoman.canlian")]
    [InlineData("luoman.cun")]
    [InlineData("bangfuren")]
    [InlineData("shicanlian")]
    [InlineData("zizhiqu.canlian")]
    public async Task Every_office_has_a_demo_login_that_reaches_the_home_page(string user)
    {
        var client = await app.SignIn(user);
        var me = await client.GetStringAsync("/api/v1/me");
        Assert.Contains($"\"userName\":\"{user}\"", me, StringComparison.Ordinal);
        var home = await client.GetAsync("/");
        if (user == "bangfuren")
        {
            // A helper's home is 我的帮扶, the phone page of their own households.
            Assert.Equal(HttpStatusCode.Found, home.StatusCode);
            Assert.Equal("/Pairing/Mine", home.Headers.Location?.OriginalString);
            home = await client.GetAsync("/Pairing/Mine");
        }
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("退出登录", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await app.SignIn("luoman.canlian");
        // The menu's link asks first; only the page's form, with its token, signs out.
        var asked = await client.GetAsync("/Account/Logout");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        // Reached signed out (after an idle timeout), the page goes to the sign-in page and offers nothing.
        var signedOut = await app.Anonymous().GetAsync("/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/Account/Login", signedOut.Headers.Location!.OriginalString);
        var refused = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var response = await TestApp.PostForm(client, "/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Pages_for_a_signed_in_user_are_never_stored_and_mint_no_antiforgery_token_unless_they_hold_a_form()
    {
        var client = await app.SignIn("luoman.canlian");
        var list = await client.GetAsync("/Households");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.True(list.Headers.CacheControl is { NoStore: true, NoCache: true }, $"list: {list.Headers.CacheControl}");
        Assert.DoesNotContain("__RequestVerificationToken", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await client.GetAsync("/api/v1/households")).Headers.CacheControl is { NoStore: true }, "API");
        // Static files stay cacheable.
        Assert.True((await client.GetAsync("/css/site.css")).Headers.CacheControl is not { NoStore: true }, "static file");
    }

    [Fact]
    public async Task Health_endpoint_answers_without_sign_in()
    {
        var response = await app.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_page_shows_the_configured_programme()
    {
        var client = await app.SignIn("qucanlian");
        var html = await client.GetStringAsync("/");
        Assert.Contains("152", html, StringComparison.Ordinal);
        Assert.Contains("106,400.00元", html, StringComparison.Ordinal);
        Assert.Contains("洛满镇", html, StringComparison.Ordinal);
    }
}

public sealed class SignInTests_Sqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTests_Postgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;

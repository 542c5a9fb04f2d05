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

/// <summary>
/// Sessions, tokens and cross-site requests as an attacker tries them: a cookie copied before sign-out, an account locked
/// or changed while signed in, a token that mints tokens, a page of another port posting to the API.
/// </summary>
public abstract class SessionTests(TestApp app)
{
    /// <summary>Past the interval at which every node checks a cookie against its account (60 s).</summary>
    private void AfterSessionCheck() => app.Clock.Advance(TimeSpan.FromSeconds(61));

    private async Task WithUsers(Func<UserManager<AppUser>, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_stops_working_after_it()
    {
        var copied = await app.SignInCookie("luoman.canlian");
        var client = await app.SignIn("luoman.canlian");
        AfterSessionCheck();
        // Still valid after a check when nothing changed (the check renews it).
        Assert.Equal(HttpStatusCode.OK, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(client, "/Account/Logout", [])).StatusCode);
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Replaying(copied).GetAsync("/Households")).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_account_loses_its_sessions()
    {
        var copied = await app.SignInCookie("guzhou.cun");
        for (var i = 0; i < 5; i++)
        {
            await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "guzhou.cun", ["Password"] = "Wrong-password-1" });
        }
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
        await WithUsers(async users => await users.SetLockoutEndDateAsync((await users.FindByNameAsync("guzhou.cun"))!, null));
    }

    [Fact]
    public async Task A_new_password_ends_the_accounts_sessions()
    {
        var copied = await app.SignInCookie("liushan.dangwei");
        await WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("liushan.dangwei"))!;
            Assert.True((await users.ChangePasswordAsync(user, DemoData.DemoPassword, "Changed@2020x")).Succeeded);
            Assert.True((await users.ChangePasswordAsync(user, "Changed@2020x", DemoData.DemoPassword)).Succeeded);
        });
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_change_of_office_or_area_ends_the_accounts_sessions()
    {
        var copied = await app.SignInCookie("bangfuren");
        await WithUsers(async users =>
        {
            var user = (await users.FindByNameAsync("bangfuren"))!;
            user.AreaCode = DemoData.GuzhouVillage;
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        });
        AfterSessionCheck();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Replaying(copied).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_cannot_issue_a_token_through_the_page_either()
    {
        var client = await app.SignIn("luoman.canlian");
        var issued = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "对接测试", days = 30 });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var bearer = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var page = await bearer.GetAsync("/Account/Tokens");
        var html = await page.Content.ReadAsStringAsync();
        var before = await Count();
        if (page.StatusCode == HttpStatusCode.OK && html.Contains("__RequestVerificationToken", StringComparison.Ordinal))
        {
            var post = await bearer.PostAsync("/Account/Tokens?handler=Issue", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = "令牌签发令牌",
                ["Days"] = "365",
                ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(html),
            }));
            Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        }
        Assert.Equal(before, await Count());
        Assert.Equal(HttpStatusCode.Forbidden, (await bearer.PostAsJsonAsync("/api/v1/tokens", new { name = "x", days = 365 })).StatusCode);
        Assert.Equal(before, await Count());

        async Task<int> Count()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TongxingDb>().ApiTokens.CountAsync();
        }
    }

    [Fact]
    public async Task A_bearer_token_opens_no_page_not_two_step_enrolment_nor_sign_out()
    {
        var client = await app.SignIn("liushan.canlian");
        var token = (await (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "只用于接口", days = 1 })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var bearer = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/me")).StatusCode);
        foreach (var page in new[] { "/Account/TwoFactor", "/Account/Tokens", "/Account/Logout", "/Households", "/" })
        {
            var response = await bearer.GetAsync(page);
            // The page answers as to someone not signed in: to the sign-in page (sign-out: nothing to sign out of).
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal)
                || page == "/Account/Logout" && !(await response.Content.ReadAsStringAsync()).Contains("liushan.canlian", StringComparison.Ordinal), $"{page}: {response.StatusCode}");
        }
        var enrol = await bearer.PostAsync("/Account/TwoFactor", new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = "123456" }));
        Assert.NotEqual(HttpStatusCode.OK, enrol.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "liushan.canlian");
            Assert.False(user.TwoFactorEnabled);
            Assert.False(await db.AuditEntries.AnyAsync(a => a.UserId == user.Id && a.Action == "退出登录"));
        }
        // The owner's own session is untouched.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task State_changing_api_calls_with_the_cookie_must_come_from_our_pages()
    {
        var client = await app.SignIn("luoman.canlian");
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        // Another port of the same host is the same site but another origin: refused, whether the browser says so in
        // Sec-Fetch-Site or only in Origin.
        foreach (var (header, value) in new[] { ("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Site", "cross-site"), ("Origin", "http://localhost:8081"), ("Origin", "https://evil.example") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "跨站", days = 30 }) };
            request.Headers.Add(header, value);
            var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("跨站请求被拒绝", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Our own pages' requests pass; a read that another origin asks for with the cookie does not (it could be an
        // export, logged as the official's), one with no browser's headers does.
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "本站", days = 30 }) };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        own.Headers.Add("Origin", origin);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        read.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(read)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Page_forms_posted_from_another_site_are_refused_even_with_a_valid_token()
    {
        var client = await app.SignIn("luoman.canlian");
        var form = await client.GetStringAsync("/Account/Tokens");
        var token = TestApp.AntiforgeryToken(form);
        foreach (var (header, value) in new[] { ("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Tokens?handler=Issue")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Name"] = "跨站", ["Days"] = "30" }),
            };
            request.Headers.Add(header, value);
            var refused = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("跨站请求被拒绝", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Nor can another site sign a browser in (login CSRF).
        using var login = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "x" }) };
        login.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Anonymous().SendAsync(login)).StatusCode);
        // No token was made by the refused posts; the same form from our own page works.
        var tokens = await client.GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain("跨站", tokens, StringComparison.Ordinal);
        using var own = new HttpRequestMessage(HttpMethod.Post, "/Account/Tokens?handler=Issue")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Name"] = "本站", ["Days"] = "30" }),
        };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.SendAsync(own)).StatusCode);
        Assert.Contains("本站", await client.GetStringAsync("/api/v1/tokens"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_download_another_origin_asks_for_with_the_cookie_is_refused_and_not_logged()
    {
        var client = await app.SignIn("luoman.dangwei");
        async Task<long> Exports()
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.LongCountAsync(a => a.Action == "导出");
        }
        var before = await Exports();
        // An <img> on another port of the same host (the same site: the cookie goes along), and a link followed from there to a download.
        foreach (var (mode, url) in new[] { ("no-cors", "/Ledger?handler=Export"), ("navigate", "/Ledger?handler=Export"), ("cors", "/api/v1/ledger"), ("no-cors", "/Households") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Sec-Fetch-Site", "same-site");
            request.Headers.Add("Sec-Fetch-Mode", mode);
            var refused = await client.SendAsync(request);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{mode} {url}: {refused.StatusCode}");
            Assert.Contains("跨站请求被拒绝", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await Exports());
        // A link followed from elsewhere to a page opens it; our own pages' downloads work.
        using var link = new HttpRequestMessage(HttpMethod.Get, "/Households");
        link.Headers.Add("Sec-Fetch-Site", "same-site");
        link.Headers.Add("Sec-Fetch-Mode", "navigate");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(link)).StatusCode);
        using var own = new HttpRequestMessage(HttpMethod.Get, "/Ledger?handler=Export");
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        own.Headers.Add("Sec-Fetch-Mode", "navigate");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(own)).StatusCode);
        Assert.Equal(before + 1, await Exports());
    }

    [Fact]
    public async Task Behind_a_proxy_that_drops_the_port_a_post_from_the_public_address_is_ours()
    {
        // Public:BaseUrl is http://localhost:5000; the proxy passed "localhost" without the port.
        var client = await app.SignIn("luoman.canlian");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "代理", days = 30 }) };
        request.Headers.Host = "localhost";
        request.Headers.Add("Origin", "http://localhost:5000");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tokens") { Content = JsonContent.Create(new { name = "他站", days = 30 }) };
        other.Headers.Host = "localhost";
        other.Headers.Add("Origin", "http://localhost:5001");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task Only_the_region_loads_holiday_tables_which_are_national()
    {
        var csv = new StringContent("date,is_off_day,name\n2027-04-05,true,清明节\n");
        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PutAsync("/api/v1/calendar/2027", csv)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await district.GetAsync("/Admin/Calendar")).StatusCode);
        var region = await app.SignIn("zizhiqu.canlian");
        Assert.Equal(HttpStatusCode.OK, (await region.PutAsync("/api/v1/calendar/2027", csv)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await region.GetAsync("/Admin/Calendar")).StatusCode);
    }

    [Fact]
    public async Task Over_long_sign_in_input_is_refused_before_it_is_logged_or_echoed()
    {
        // 3 MB: under the form's own limit (4 MB a value), so it reaches the page.
        var huge = new string('A', 3_000_000);
        var client = app.Anonymous();
        var before = await MaxDetails();
        var response = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = huge, ["Password"] = "x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("用户名不超过50个字符", html, StringComparison.Ordinal);
        Assert.True(html.Length < 100_000, $"the page echoed {html.Length} characters");
        Assert.True(await MaxDetails() <= Math.Max(before, TongxingDb.MaxEventDetails + 10));

        async Task<int> MaxDetails()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            return await db.AuditEntries.Where(a => a.Action == "登录失败" || a.Action == "登录").MaxAsync(a => (int?)(a.Details == null ? 0 : a.Details.Length)) ?? 0;
        }
    }
}

public sealed class SessionTests_Sqlite(SqliteApp app) : SessionTests(app), IClassFixture<SqliteApp>;

public sealed class SessionTests_Postgres(PostgresApp app) : SessionTests(app), IClassFixture<PostgresApp>;

/// <summary>An unknown user name costs the same password check as a known one, so the answer's time tells nothing.</summary>
public sealed class SignInTimingTests : IAsyncLifetime
{
    private readonly CountingApp _app = new();

    private sealed class CountingApp : TestApp
    {
        public CountingApp() : base(Provider.Sqlite) { }

        public int Checks => Hasher.Checks;

        private CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, s => s.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
        }
    }

    private sealed class CountingHasher : PasswordHasher<AppUser>
    {
        private int _checks;

        public int Checks => _checks;

        public override PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _checks);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_user_name_is_checked_against_a_password_hash_like_a_known_one()
    {
        var client = _app.Anonymous();
        var start = _app.Checks;
        var known = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "Wrong-password-1" });
        var afterKnown = _app.Checks;
        var unknown = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "no.such.user", ["Password"] = "Wrong-password-1" });
        Assert.Equal(1, afterKnown - start);
        Assert.Equal(1, _app.Checks - afterKnown);
        // And the answers read the same.
        Assert.Contains("用户名或密码不正确", await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("用户名或密码不正确", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_read_alike_for_a_known_and_an_unknown_name_lock_out_included()
    {
        async Task<(string Answer, int Checks)> Try(string name)
        {
            var before = _app.Checks;
            var html = await (await TestApp.PostForm(_app.Anonymous(), "/Account/Login", new() { ["UserName"] = name, ["Password"] = "Wrong-password-1" })).Content.ReadAsStringAsync();
            var error = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector(".validation-summary-errors, [data-valmsg-summary]")?.TextContent.Trim() ?? "";
            return (error, _app.Checks - before);
        }
        for (var i = 1; i <= 6; i++)
        {
            var known = await Try("shicanlian");
            var unknown = await Try("shicanlian.nobody");
            Assert.Equal(known, unknown);
            Assert.Equal(1, known.Checks);
            Assert.Contains(i < 5 ? "用户名或密码不正确" : "账号已锁定", known.Answer, StringComparison.Ordinal);
        }
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await users.SetLockoutEndDateAsync((await users.FindByNameAsync("shicanlian"))!, null);
    }

    [Fact]
    public async Task A_disabled_account_is_checked_against_its_password_hash_and_answered_as_a_wrong_password()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync("guzhou.cun"))!;
            user.DisabledAt = _app.Clock.GetUtcNow();
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }
        var client = _app.Anonymous();
        var start = _app.Checks;
        var disabled = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "guzhou.cun", ["Password"] = DemoData.DemoPassword });
        Assert.Equal(1, _app.Checks - start);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var wrong = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "Wrong-password-1" });
        static string Alert(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")!.TextContent.Trim();
        Assert.Equal(Alert(await wrong.Content.ReadAsStringAsync()), Alert(await disabled.Content.ReadAsStringAsync()));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>The audit log, now searchable and exportable, is read per area: another district sees none of this one's entries.</summary>
public abstract class AuditScopeTests(TestApp app)
{
    [Fact]
    public async Task Another_districts_federation_reads_none_of_this_districts_audit_log()
    {
        var village = await app.SignIn("luoman.cun");
        await Api.Register(village, Api.Eligible(name: "韦范围"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var other = new AppUser { UserName = "chengzhong.canlian", DisplayName = "城中区残联", Role = Tongxing.Web.Domain.Role.DistrictFederation, AreaCode = "450202000000", AreaLevel = Tongxing.Web.Domain.AreaLevel.District };
            Assert.True((await users.CreateAsync(other, DemoData.DemoPassword)).Succeeded);
        }
        var outsider = await app.SignIn("chengzhong.canlian");
        var theirs = await (await outsider.GetAsync("/api/v1/audit?Action=新增")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("韦范围", theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("潘书记", await (await outsider.GetAsync("/api/v1/audit")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var page = await outsider.GetStringAsync("/Admin/Audit?User=luoman.cun");
        Assert.DoesNotContain("潘书记", page, StringComparison.Ordinal);

        // This district's federation does read it.
        var own = await app.SignIn("qucanlian");
        Assert.Contains("韦范围", await (await own.GetAsync("/api/v1/audit?Action=新增")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class AuditScopeTests_Sqlite(SqliteApp app) : AuditScopeTests(app), IClassFixture<SqliteApp>;

public sealed class AuditScopeTests_Postgres(PostgresApp app) : AuditScopeTests(app), IClassFixture<PostgresApp>;

/// <summary>Changes that raced each other, and posts to pages without a handler: a clear answer each, never a 500.</summary>
public abstract class ParallelChangeTests(TestApp app)
{
    [Fact]
    public async Task Parallel_changes_of_the_eligibility_parameters_apply_one_after_another_and_record_what_each_changed()
    {
        var district = await app.SignIn("qucanlian");
        var ages = new[] { 58, 57, 56, 55 };
        var responses = await Task.WhenAll(ages.Select(age => district.PutAsJsonAsync("/api/v1/programmes/current/eligibility", new
        {
            referenceDate = "2020-04-02",
            maleMinAge = 16,
            maleMaxAge = age,
            femaleMinAge = 16,
            femaleMaxAge = 54,
            priorityIncomeThreshold = "5000",
            blockEarlierSupported = false,
        })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // Each change starts from the one before it: no two record the same starting value.
        var causes = new List<string>();
        foreach (var r in responses)
        {
            causes.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("change").GetString()!);
        }
        var starts = causes.Select(c => c.Split('→')[0]).ToList();
        Assert.Equal(starts.Count, starts.Distinct().Count());
    }

    [Fact]
    public async Task A_post_to_a_page_without_a_handler_for_it_is_refused_not_failed()
    {
        var district = await app.SignIn("qucanlian");
        // A valid antiforgery token of this user (from a page with a form), so only the missing handler is in question.
        var token = TestApp.AntiforgeryToken(await district.GetStringAsync("/Account/Tokens"));
        foreach (var page in new[] { "/Ledger", "/Dashboard", "/Households?handler=x" })
        {
            var response = await district.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        }
    }
}

public sealed class ParallelChangeTests_Sqlite(SqliteApp app) : ParallelChangeTests(app), IClassFixture<SqliteApp>;

public sealed class ParallelChangeTests_Postgres(PostgresApp app) : ParallelChangeTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// A small workbook with one cell far outside the template (column XFD) or far below the import's row limit (row 1,048,576)
/// is refused at once, never left to occupy the import worker.
/// </summary>
public sealed class WideSheetImportTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("<x:row r=\"3000\"><x:c r=\"XFD3000\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c></x:row>", "超出模板范围", "XFD3000")]
    [InlineData("<x:row r=\"1048576\"><x:c r=\"A1048576\"><x:v>1</x:v></x:c></x:row>", "超出一次导入的行数上限", "第1048576行")]
    public async Task A_cell_beyond_the_template_or_the_row_limit_is_refused_before_the_rows_are_read(string far, string said, string where)
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var export = await town.GetByteArrayAsync("/api/v1/survey/attachment1?filtered=true");
        using var edited = new MemoryStream();
        edited.Write(export);
        using (var zip = new System.IO.Compression.ZipArchive(edited, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            string xml;
            using (var reader = new StreamReader(sheet.Open()))
            {
                xml = await reader.ReadToEndAsync();
            }
            // The template writes its elements with the x: prefix.
            xml = xml.Replace("</x:sheetData>", far + "</x:sheetData>", StringComparison.Ordinal);
            Assert.Contains(far, xml, StringComparison.Ordinal);
            sheet.Delete();
            var replaced = zip.CreateEntry(sheet.FullName);
            await using var writer = new StreamWriter(replaced.Open());
            await writer.WriteAsync(xml);
        }
        var response = await Attachment1Tests.Upload(village, edited.ToArray(), dryRun: true);
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Contains(said, StringComparison.Ordinal), body);
        Assert.Contains(where, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A1", 1)]
    [InlineData("Z9", 26)]
    [InlineData("AA10", 27)]
    [InlineData("XFD3000", 16384)]
    public void Column_numbers_are_read_from_cell_references(string reference, int column) =>
        Assert.Equal(column, Tongxing.Web.Documents.Attachment1Reader.ColumnOf(reference));
}

/// <summary>The district accepts no more households than the town's quota, reserves included, by one or many at once.</summary>
public abstract class AcceptanceQuotaTests(TestApp app)
{
    [Fact]
    public async Task A_reserve_is_accepted_only_into_a_free_place_of_the_quota()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var a = await Api.Register(village, Api.Eligible(name: "韦正一"));
        var b = await Api.Register(village, Api.Eligible(name: "韦正二"));
        var r = await Api.Register(village, Api.Eligible(name: "韦备选"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Two places left for the town: what is accepted already, plus two.
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var accepted = await db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && h.Status >= Tongxing.Web.Domain.HouseholdStatus.ReviewedByDistrict && h.Status < Tongxing.Web.Domain.HouseholdStatus.Returned);
            var submitted = await db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && !h.IsReserve && h.Status >= Tongxing.Web.Domain.HouseholdStatus.SubmittedByTown && h.Status < Tongxing.Web.Domain.HouseholdStatus.Returned);
            var programme = await db.Programmes.SingleAsync();
            programme.SetTownQuota(DemoData.Luoman, Math.Max(accepted, submitted) + 2);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [a, b], [r])).StatusCode);
        var batch = await district.PostAsJsonAsync("/api/v1/households/batch", new { action = "Accept", households = new[] { r, a, b } }, Api.Json);
        var results = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetGuid(), e => e.GetProperty("status").GetString());
        // The reserve took a free place first; then only one of the two regular households fits.
        Assert.Equal("Ok", results[r]);
        Assert.Single(new[] { results[a], results[b] }, s => s == "Conflict");
    }
}

public sealed class AcceptanceQuotaTests_Sqlite(SqliteApp app) : AcceptanceQuotaTests(app), IClassFixture<SqliteApp>;

public sealed class AcceptanceQuotaTests_Postgres(PostgresApp app) : AcceptanceQuotaTests(app), IClassFixture<PostgresApp>;

/// <summary>A household sent back in the approval chain says why, where the office now due to act sees it.</summary>
public sealed class SentBackTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task The_village_sees_the_towns_send_back_reason_on_the_household_page()
    {
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var h = await db.Households.Where(h => h.VillageCode == DemoData.LuomanVillage).OrderBy(h => h.HeadName).FirstAsync();
            h.ForceStatusForLoadTest(Tongxing.Web.Domain.HouseholdStatus.ApprovedByVillage);
            await db.SaveChangesAsync();
            id = h.Id;
        }
        var town = await app.SignIn("luoman.dangwei");
        var version = (await Api.Household(town, id)).GetProperty("version").GetInt32();
        var sent = await town.PostAsJsonAsync($"/api/v1/households/{id}/approval", new { action = "SendBack", comment = "申请书缺本人签字", version }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var village = await app.SignIn("luoman.cun");
        Assert.Contains("申请书缺本人签字", (await Api.Household(village, id)).GetProperty("sentBack").GetString(), StringComparison.Ordinal);
        var page = await village.GetStringAsync($"/Households/Details/{id}");
        Assert.Contains("退回或撤回意见", page, StringComparison.Ordinal);
        Assert.Contains("申请书缺本人签字", page, StringComparison.Ordinal);
    }
}

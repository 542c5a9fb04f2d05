using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

public sealed class TwoFactorTests : IAsyncLifetime
{
    private readonly SqliteApp _app = new() { RequireTwoFactor = true };

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    private static string Totp(string base32, DateTimeOffset at)
    {
        var bits = base32.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).Select(c => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".IndexOf(c, StringComparison.Ordinal))
            .SelectMany(v => Enumerable.Range(0, 5).Select(i => (v >> (4 - i)) & 1)).ToArray();
        var key = Enumerable.Range(0, bits.Length / 8).Select(b => (byte)Enumerable.Range(0, 8).Aggregate(0, (acc, i) => (acc << 1) | bits[b * 8 + i])).ToArray();
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
#pragma warning disable CA5350 // RFC 6238 authenticators use HMAC-SHA1; this reproduces one.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0xF;
        var code = ((hash[offset] & 0x7F) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return code.ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> KeyOf(string userName)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(userName))!))!;
    }

    /// <summary>
    /// Posts the code an authenticator shows (real time: phones do not run on the app's clock), <paramref name="steps"/>
    /// 30-second steps ahead (a code is accepted once, so a second sign-in takes the next one).
    /// </summary>
    private static Task<HttpResponseMessage> PostCode(HttpClient client, string page, string key, int steps = 0) =>
        TestApp.PostForm(client, page, new() { ["Code"] = Totp(key, DateTimeOffset.UtcNow.AddSeconds(30 * steps)) });

    [Fact]
    public async Task District_federation_must_enrol_and_then_signs_in_with_a_code()
    {
        var client = await _app.SignIn("qucanlian");
        var home = await client.GetAsync("/");
        Assert.Equal("/Account/TwoFactor", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);
        Assert.Contains("按规定必须启用两步验证", await client.GetStringAsync("/Account/TwoFactor"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await TestApp.PostForm(client, "/Account/TwoFactor", new() { ["Code"] = "000000" })).StatusCode);
        // An office not required to enrol is offered it, not told it must.
        var optional = await (await _app.SignIn("quzuzhibu")).GetStringAsync("/Account/TwoFactor");
        Assert.Contains("您的岗位可自愿启用", optional, StringComparison.Ordinal);
        Assert.DoesNotContain("必须启用", optional, StringComparison.Ordinal);

        var key = await KeyOf("qucanlian");
        var enrolled = await PostCode(client, "/Account/TwoFactor", key);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(10, RecoveryCodesIn(await enrolled.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/households")).StatusCode);

        // Next sign-in: password, then the code.
        var again = _app.Anonymous();
        var first = await TestApp.PostForm(again, "/Account/Login", new() { ["UserName"] = "qucanlian", ["Password"] = DemoData.DemoPassword });
        Assert.StartsWith("/Account/LoginTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("验证码不正确", await (await TestApp.PostForm(again, "/Account/LoginTwoFactor", new() { ["Code"] = "123456" })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCode(again, "/Account/LoginTwoFactor", key, steps: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Opening_the_enrolment_page_ends_no_session_however_long_the_code_takes()
    {
        var elsewhere = await _app.SignInCookie("guanliyuan");
        var client = await _app.SignIn("guanliyuan");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/TwoFactor")).StatusCode);
        var key = await KeyOf("guanliyuan");
        // Past the session check: the key is the one shown, and neither session was ended by its creation.
        _app.Clock.Advance(TimeSpan.FromSeconds(65));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/TwoFactor")).StatusCode);
        Assert.Equal(key, await KeyOf("guanliyuan"));
        Assert.Equal(HttpStatusCode.OK, (await _app.Replaying(elsewhere).GetAsync("/Account/TwoFactor")).StatusCode);
        var enrolled = await PostCode(client, "/Account/TwoFactor", key);
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);
        Assert.Equal(10, RecoveryCodesIn(await enrolled.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task Tokens_need_a_completed_two_step_sign_in_and_a_code_is_accepted_once()
    {
        var client = await _app.SignIn("quzuzhibu");
        await EnrolAs("quzuzhibu");
        // A password-only session of an account with two-step sign-in cannot issue a token, by either door.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/tokens", new { name = "x", days = 30 })).StatusCode);
        var page = await TestApp.PostForm(client, "/Account/Tokens", new() { ["Name"] = "x", ["Days"] = "30" }, "/Account/Tokens?handler=Issue");
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);

        // Signed in with password and code: it can.
        var full = _app.Anonymous();
        await TestApp.PostForm(full, "/Account/Login", new() { ["UserName"] = "quzuzhibu", ["Password"] = DemoData.DemoPassword });
        var key = await KeyOf("quzuzhibu");
        // One code, typed twice: computed once, so that a 30-second step passing between the two posts (a busy machine)
        // cannot turn the replay into a fresh code.
        var code = Totp(key, DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(full, "/Account/LoginTwoFactor", new() { ["Code"] = code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await full.PostAsJsonAsync("/api/v1/tokens", new { name = "对接", days = 30 })).StatusCode);

        // The same code again, by someone who watched it typed: refused.
        var replay = _app.Anonymous();
        await TestApp.PostForm(replay, "/Account/Login", new() { ["UserName"] = "quzuzhibu", ["Password"] = DemoData.DemoPassword });
        var second = await TestApp.PostForm(replay, "/Account/LoginTwoFactor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("验证码不正确", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>Enrols an authenticator for the user directly (as if done on another device).</summary>
    private async Task EnrolAs(string userName)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    private static List<string> RecoveryCodesIn(string html) =>
        [.. new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim())];

    private static async Task<HttpResponseMessage> SignInWith(HttpClient client, string user, string code)
    {
        var first = await TestApp.PostForm(client, "/Account/Login", new() { ["UserName"] = user, ["Password"] = DemoData.DemoPassword });
        Assert.StartsWith("/Account/LoginTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return await TestApp.PostForm(client, "/Account/LoginTwoFactor", new() { ["Code"] = code });
    }

    [Fact]
    public async Task Enrolment_shows_ten_recovery_codes_once_each_signs_in_once_and_new_ones_replace_them()
    {
        var client = await _app.SignIn("luoman.dangwei");
        await client.GetAsync("/Account/TwoFactor");
        var enrolled = await PostCode(client, "/Account/TwoFactor", await KeyOf("luoman.dangwei"));
        var codes = RecoveryCodesIn(await enrolled.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        // Shown once: the page shows how many are left, not the codes.
        var later = await client.GetStringAsync("/Account/TwoFactor");
        Assert.Empty(RecoveryCodesIn(later));
        Assert.Contains("剩余恢复码 10 个", later, StringComparison.Ordinal);

        // A lost phone: a recovery code (typed in lower case, with spaces) instead of the six digits, once.
        var lost = _app.Anonymous();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWith(lost, "luoman.dangwei", " " + codes[0].ToLowerInvariant() + " ")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/api/v1/me")).StatusCode);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var entry = await db.AuditEntries.OrderByDescending(a => a.Seq).FirstAsync(a => a.Action == "登录");
            Assert.Contains("使用恢复码登录，剩余9个", entry.Details, StringComparison.Ordinal);
        }
        var reused = await SignInWith(_app.Anonymous(), "luoman.dangwei", codes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("恢复码不正确", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // New codes, from a session that passed the second step and with the password typed again; the old ones stop working.
        var withoutPassword = await (await TestApp.PostForm(lost, "/Account/TwoFactor", [], "/Account/TwoFactor?handler=RecoveryCodes")).Content.ReadAsStringAsync();
        Assert.Contains("请输入登录密码，确认是本人操作", withoutPassword, StringComparison.Ordinal);
        Assert.Empty(RecoveryCodesIn(withoutPassword));
        var wrong = await (await TestApp.PostForm(lost, "/Account/TwoFactor", new() { ["CurrentPassword"] = "Wrong-password-1" }, "/Account/TwoFactor?handler=NewAuthenticator")).Content.ReadAsStringAsync();
        Assert.Contains("登录密码不正确", wrong, StringComparison.Ordinal);
        var renewed = await TestApp.PostForm(lost, "/Account/TwoFactor", new() { ["CurrentPassword"] = DemoData.DemoPassword }, "/Account/TwoFactor?handler=RecoveryCodes");
        var fresh = RecoveryCodesIn(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(codes));
        Assert.Equal(HttpStatusCode.OK, (await SignInWith(_app.Anonymous(), "luoman.dangwei", codes[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWith(_app.Anonymous(), "luoman.dangwei", fresh[0])).StatusCode);

        // The new phone: the old key is void, the page enrols the new one and gives new codes.
        var oldKey = await KeyOf("luoman.dangwei");
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostForm(lost, "/Account/TwoFactor", new() { ["CurrentPassword"] = DemoData.DemoPassword }, "/Account/TwoFactor?handler=NewAuthenticator")).StatusCode);
        var newKey = await KeyOf("luoman.dangwei");
        Assert.NotEqual(oldKey, newKey);
        Assert.Contains(string.Join(' ', newKey.ToLowerInvariant().Chunk(4).Select(c => new string(c))), await lost.GetStringAsync("/Account/TwoFactor"), StringComparison.Ordinal);
        var reenrolled = await PostCode(lost, "/Account/TwoFactor", newKey, steps: 2);
        Assert.Equal(10, RecoveryCodesIn(await reenrolled.Content.ReadAsStringAsync()).Count);
        Assert.Equal(HttpStatusCode.OK, (await SignInWith(_app.Anonymous(), "luoman.dangwei", fresh[1])).StatusCode);
    }

    [Fact]
    public async Task Offices_not_required_to_enrol_work_without_it()
    {
        var village = await _app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.OK, (await village.GetAsync("/")).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

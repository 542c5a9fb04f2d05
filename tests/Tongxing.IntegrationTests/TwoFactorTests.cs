using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>Posts the current code; the app may check it against its own clock or the wall clock, so both are tried.</summary>
    private async Task<HttpResponseMessage> PostCode(HttpClient client, string page, string key)
    {
        HttpResponseMessage? response = null;
        foreach (var at in new[] { DateTimeOffset.UtcNow, _app.Clock.GetUtcNow() })
        {
            response = await TestApp.PostForm(client, page, new() { ["Code"] = Totp(key, at) });
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                return response;
            }
        }
        return response!;
    }

    [Fact]
    public async Task District_federation_must_enrol_and_then_signs_in_with_a_code()
    {
        var client = await _app.SignIn("qucanlian");
        var home = await client.GetAsync("/");
        Assert.Equal("/Account/TwoFactor", home.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/TwoFactor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestApp.PostForm(client, "/Account/TwoFactor", new() { ["Code"] = "000000" })).StatusCode);

        var key = await KeyOf("qucanlian");
        Assert.Equal(HttpStatusCode.Redirect, (await PostCode(client, "/Account/TwoFactor", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/households")).StatusCode);

        // Next sign-in: password, then the code.
        var again = _app.Anonymous();
        var first = await TestApp.PostForm(again, "/Account/Login", new() { ["UserName"] = "qucanlian", ["Password"] = DemoData.DemoPassword });
        Assert.StartsWith("/Account/LoginTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("验证码不正确", await (await TestApp.PostForm(again, "/Account/LoginTwoFactor", new() { ["Code"] = "123456" })).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCode(again, "/Account/LoginTwoFactor", key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/me")).StatusCode);
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

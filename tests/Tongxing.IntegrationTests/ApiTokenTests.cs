using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

public abstract class ApiTokenTests(TestApp app)
{
    private async Task<(string Token, Guid Id)> Issue(string user, int days = 30)
    {
        var client = await app.SignIn(user);
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "对接测试", days });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("token").GetString()!, body.GetProperty("id").GetGuid());
    }

    private HttpClient WithToken(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task A_token_acts_as_its_owner_with_the_same_scope()
    {
        var (token, _) = await Issue("guzhou.cun");
        var client = WithToken(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("guzhou.cun", me.GetProperty("userName").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/households?pageSize=100");
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.Equal("古洲村委会", r.GetProperty("villageName").GetString()));
    }

    [Fact]
    public async Task Only_the_hash_is_stored()
    {
        var (token, id) = await Issue("luoman.canlian");
        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TongxingDb>().ApiTokens.SingleAsync(t => t.Id == id);
        Assert.NotEqual(token, stored.Hash);
        Assert.DoesNotContain(token, stored.Hash + stored.Prefix + stored.Name, StringComparison.Ordinal);
        Assert.Equal(Tongxing.Web.Auth.ApiTokenAuthentication.HashOf(token), stored.Hash);
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var (token, id) = await Issue("luoman.canlian");
        var client = WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_malformed_token_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("tx_not-a-real-token").GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithToken("garbage").GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_cannot_mint_another_token()
    {
        var (token, _) = await Issue("luoman.canlian");
        var response = await WithToken(token).PostAsJsonAsync("/api/v1/tokens", new { name = "x", days = 365 });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_lifetime_is_bounded_and_named()
    {
        var client = await app.SignIn("luoman.canlian");
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "", days = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("有效期应为1至365天", text, StringComparison.Ordinal);
        Assert.Contains("请填写令牌用途", text, StringComparison.Ordinal);
    }
}

public sealed class ApiTokenTests_Sqlite(SqliteApp app) : ApiTokenTests(app), IClassFixture<SqliteApp>;

public sealed class ApiTokenTests_Postgres(PostgresApp app) : ApiTokenTests(app), IClassFixture<PostgresApp>;

/// <summary>Expiry moves the app's clock, so it gets an app of its own.</summary>
public sealed class ApiTokenExpiryTests : IAsyncLifetime
{
    private readonly SqliteApp _app = new();

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var client = await _app.SignIn("luoman.canlian");
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "短期", days = 1 });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        _app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>Two app nodes on one database and one upload folder: nothing lives only in one node's memory.</summary>
public abstract class TwoNodeTests(TestApp node1)
{
    [Fact]
    public async Task Signed_in_on_node_one_the_user_continues_on_node_two()
    {
        await using var node2 = new TestApp(node1.Provider, node1);
        var first = node1.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var html = await first.GetAsync("/Account/Login");
        var antiforgeryCookie = string.Join("; ", html.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var login = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = "luoman.cun",
                ["Password"] = Tongxing.Web.Data.Seed.DemoData.DemoPassword,
                ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(await html.Content.ReadAsStringAsync()),
            }),
        };
        login.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await first.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("tongxing=", StringComparison.Ordinal));

        // The cookie node 1 issued opens node 2; what node 2 writes, node 1 reads.
        var second = node2.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        second.DefaultRequestHeaders.Add("Cookie", session);
        var me = await second.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("luoman.cun", me.GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync("/api/v1/households", Api.Eligible(name: "梁双节点"), Api.Json)).StatusCode);

        var node1Client = await node1.SignIn("luoman.cun");
        var list = await node1Client.GetFromJsonAsync<JsonElement>("/api/v1/households?q=梁双节点");
        Assert.Equal(1, list.GetProperty("total").GetInt32());

        // On one machine both nodes could also share a key folder by accident; the keys must be in the database.
        await using var scope = node1.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<TongxingDb>().DataProtectionKeys.AnyAsync());
    }
}

public sealed class TwoNodeTests_Sqlite(SqliteApp app) : TwoNodeTests(app), IClassFixture<SqliteApp>;

public sealed class TwoNodeTests_Postgres(PostgresApp app) : TwoNodeTests(app), IClassFixture<PostgresApp>;

namespace Tongxing.IntegrationTests;

/// <summary>A first start on an empty database: migrations, seed and the first sign-in log no error.</summary>
public abstract class StartupTests(Provider provider)
{
    [Fact]
    public async Task A_first_start_on_an_empty_database_logs_no_error()
    {
        await using var app = new TestApp(provider);
        var client = await app.SignIn("caizheng");
        var page = await client.GetAsync("/");
        Assert.True(page.StatusCode == System.Net.HttpStatusCode.OK, $"{page.StatusCode} {page.Headers.Location}");
        // On PostgreSQL the database itself does not exist yet: EF logs the failed connection of its existence check
        // before it creates the database. That one is EF's, expected, and not what this test is about.
        var errors = app.Errors.Where(e => !(provider == Provider.Postgres
            && e.StartsWith("Microsoft.EntityFrameworkCore.Database.Connection: An error occurred using the connection to database", StringComparison.Ordinal))).ToList();
        Assert.True(errors.Count == 0, "errors logged on start:\n" + string.Join("\n", errors));
    }
}

public sealed class StartupTests_Sqlite() : StartupTests(Provider.Sqlite);

public sealed class StartupTests_Postgres() : StartupTests(Provider.Postgres);

using System.Net;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

public sealed class ModelTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteTongxingDb(new DbContextOptionsBuilder<SqliteTongxingDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no SQLite migration: run scripts/add-migration.sh <Name>");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresTongxingDb(new DbContextOptionsBuilder<PostgresTongxingDb>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes with no PostgreSQL migration: run scripts/add-migration.sh <Name>");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteTongxingDb(new DbContextOptionsBuilder<SqliteTongxingDb>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresTongxingDb(new DbContextOptionsBuilder<PostgresTongxingDb>().UseNpgsql("Host=unused").Options);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[15..]);
        Assert.Equal(Names(sqlite), Names(postgres));
    }
}

public sealed class OpenApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task OpenApi_document_describes_the_v1_api()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/households", json, StringComparison.Ordinal);
        Assert.Contains("/api/v1/tokens", json, StringComparison.Ordinal);
    }
}

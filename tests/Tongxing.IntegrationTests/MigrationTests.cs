using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The schema is one baseline migration per provider (collapsed before the first installation; later changes are
/// migrations on top of it). It builds the whole schema from nothing, takes it down to nothing, and builds it again.
/// </summary>
public abstract class MigrationTests(TestApp app)
{
    [Fact]
    public async Task The_baseline_builds_the_schema_from_nothing_and_takes_it_down_again()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Single(migrations, m => m.EndsWith("_Baseline", StringComparison.Ordinal));
        Assert.EndsWith("_Baseline", migrations[0], StringComparison.Ordinal);
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(Migration.InitialDatabase);
        Assert.Equal(migrations, (await db.Database.GetPendingMigrationsAsync()).ToList());
        await migrator.MigrateAsync(migrations[^1]);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Households.CountAsync());
        Assert.Equal(0, await db.Areas.CountAsync());
    }
}

public sealed class MigrationTests_Sqlite(EmptySqliteApp app) : MigrationTests(app), IClassFixture<EmptySqliteApp>;

public sealed class MigrationTests_Postgres(EmptyPostgresApp app) : MigrationTests(app), IClassFixture<EmptyPostgresApp>;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Migrations that fill a new column from existing rows, run on the demo register: taken back down, then up again.</summary>
public abstract class MigrationTests(TestApp app)
{
    [Fact]
    public async Task Reversed_ids_are_filled_in_for_members_registered_before_the_column()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var migrations = db.Database.GetMigrations().ToList();
        var added = migrations.FindIndex(m => m.EndsWith("_MemberIdReversed", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(migrations[added - 1]);
        await migrator.MigrateAsync(migrations[^1]);

        var members = await db.Members.AsNoTracking().Select(m => new { m.IdNumber, m.IdNumberReversed }).ToListAsync();
        Assert.True(members.Count > 100, $"{members.Count} members in the demo");
        Assert.All(members, m => Assert.Equal(HouseholdSearch.Reverse(m.IdNumber), m.IdNumberReversed));
    }
}

public sealed class MigrationTests_Sqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationTests_Postgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;

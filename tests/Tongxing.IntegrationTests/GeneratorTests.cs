using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

public abstract class GeneratorTests(TestApp app)
{
    [Fact]
    public async Task Generator_builds_the_hierarchy_and_households_over_every_state()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var size = new ProvinceSize(Cities: 3, Districts: 7, Towns: 20, Villages: 150, Households: 3_000);
        var before = await db.AuditEntries.CountAsync();

        var written = await new ProvinceGenerator(db, TimeProvider.System).GenerateAsync(size, 1, _ => { }, CancellationToken.None);

        Assert.Equal(3_000, written);
        var levels = await db.Areas.Where(a => a.Code.StartsWith("46")).GroupBy(a => a.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Assert.Equal([1, 3, 7, 20, 150], new[] { AreaLevel.Region, AreaLevel.City, AreaLevel.District, AreaLevel.Town, AreaLevel.Village }.Select(l => levels[l]));
        var generated = db.Households.Where(h => h.RegionCode == "460000000000");
        Assert.Equal(3_000, await generated.CountAsync());
        Assert.Equal(150, await generated.Select(h => h.VillageCode).Distinct().CountAsync());
        Assert.True(await generated.Select(h => h.Status).Distinct().CountAsync() >= 10);
        var members = await db.Members.CountAsync(m => generated.Any(h => h.Id == m.HouseholdId));
        Assert.InRange(members, 11_000, 13_000); // ~4 per household, as the issue asks (400,000 for 100,000)
        Assert.All(await db.Members.Where(m => generated.Any(h => h.Id == m.HouseholdId)).Select(m => m.IdNumber).Take(500).ToListAsync(), id => Assert.True(ResidentId.Parse(id).Ok));
        // Synthetic bulk: one audit entry says it was written, and the chain still verifies.
        Assert.Equal(before + 1, await db.AuditEntries.CountAsync());
        Assert.True((await new AuditVerifier(db).VerifyAsync(CancellationToken.None)).Intact);
        var first = await generated.OrderBy(h => h.VillageCode).ThenBy(h => h.HeadIdNumber).Select(h => h.HeadIdNumber).FirstAsync();
        Assert.Equal(18, first.Length);
    }
}

public sealed class GeneratorTests_Sqlite(SqliteApp app) : GeneratorTests(app), IClassFixture<SqliteApp>;

public sealed class GeneratorTests_Postgres(PostgresApp app) : GeneratorTests(app), IClassFixture<PostgresApp>;

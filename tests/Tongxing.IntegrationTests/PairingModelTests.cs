using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The pairing model below any handler: counts on both sides, the paired state, the visit schedule's date, area scoping.</summary>
public abstract class PairingModelTests(TestApp app)
{
    [Fact]
    public async Task Pairing_counts_on_both_sides_moves_a_paid_household_to_paired_and_starts_its_visit_schedule()
    {
        var helper = await Pairings.AddHelperAsync(app);
        var on = new DateOnly(2020, 5, 20);
        var households = await Pairings.PairedHouseholdsAsync(app, 2, helper, on: on);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var rows = await db.Households.Where(h => households.Contains(h.Id)).ToListAsync();
        Assert.All(rows, h =>
        {
            Assert.Equal(HouseholdStatus.Paired, h.Status);
            Assert.Equal(1, h.HelperCount);
            Assert.Equal(on, h.VisitsFrom);
        });
        Assert.Equal(2, (await db.Helpers.FirstAsync(h => h.Id == helper)).ActiveHouseholds);

        await Pairings.ReturnVisitAsync(app, households[0], new DateOnly(2020, 6, 1));
        db.ChangeTracker.Clear();
        Assert.Equal(new DateOnly(2020, 6, 1), (await db.Households.FirstAsync(h => h.Id == households[0])).VisitsFrom);
        var schedule = new VisitSchedule(90, 15);
        var today = new DateOnly(2020, 8, 10);
        var due = await db.Households.Within(new AreaScope(AreaLevel.Town, DemoData.Luoman))
            .Where(h => households.Contains(h.Id) && h.HelperCount > 0 && h.VisitsFrom <= schedule.DueIfFromOnOrBefore(today)).Select(h => h.Id).ToListAsync();
        Assert.Equal([households[1]], due);
        Assert.Equal(2, await db.Pairings.Within(new AreaScope(AreaLevel.Village, DemoData.LuomanVillage)).CountAsync(p => p.HelperId == helper));
        Assert.Equal(0, await db.Pairings.Within(new AreaScope(AreaLevel.Town, DemoData.Liushan)).CountAsync(p => p.HelperId == helper));
    }

    [Fact]
    public async Task Two_pairings_racing_for_a_households_last_place_do_not_both_save()
    {
        var households = await FiledHouseholds.AddAsync(app, 1);
        var first = await Pairings.AddHelperAsync(app);
        await Pairings.PairAsync(app, households[0], first);
        var second = await Pairings.AddHelperAsync(app);
        var third = await Pairings.AddHelperAsync(app);
        await using var a = app.Services.CreateAsyncScope();
        await using var b = app.Services.CreateAsyncScope();
        var dbA = a.ServiceProvider.GetRequiredService<TongxingDb>();
        var dbB = b.ServiceProvider.GetRequiredService<TongxingDb>();
        var who = new Actor("seed", "测试", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.LuomanVillage));
        async Task<Pairing> Start(TongxingDb db, Guid helper)
        {
            var h = await db.Households.FirstAsync(x => x.Id == households[0]);
            var p = await db.Programmes.FirstAsync(x => x.Id == h.ProgrammeId);
            var (pairing, result) = Pairing.Start(h, await db.Helpers.FirstAsync(x => x.Id == helper), p, new DateOnly(2020, 5, 20), who, app.Clock.GetUtcNow());
            Assert.True(result.Succeeded);
            db.Pairings.Add(pairing!);
            return pairing!;
        }
        await Start(dbA, second);
        await Start(dbB, third);
        await dbA.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
    }
}

public sealed class PairingModelTests_Sqlite(SqliteApp app) : PairingModelTests(app), IClassFixture<SqliteApp>;

public sealed class PairingModelTests_Postgres(PostgresApp app) : PairingModelTests(app), IClassFixture<PostgresApp>;

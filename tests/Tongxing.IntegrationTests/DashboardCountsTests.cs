using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Dashboard;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The dashboard's maintained counts (ADR 0032): after the programme's operations they equal a recount from the
/// records, the dashboard shows them, and changes saved at once in one village leave them exact.
/// </summary>
public abstract class DashboardCountsTests(TestApp app)
{
    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    /// <summary>The counts that differ from a recount, described (empty: exact).</summary>
    private Task<List<string>> Differences() => Db(async db =>
        (await DashboardCounts.CheckAsync(db, null, CancellationToken.None))
            .Select(d => $"{d.Key}: kept {d.Count}/{d.Amount}, recounted {d.Recounted}/{d.RecountedAmount}").ToList());

    private static async Task<JsonElement> Ok(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task Place(HouseholdStatus status, params Guid[] ids) => await Db(async db =>
    {
        foreach (var h in await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync())
        {
            h.ForceStatusForLoadTest(status);
        }
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task After_registering_reviewing_approving_paying_reversing_pairing_visiting_and_withdrawing_the_kept_counts_equal_a_recount()
    {
        Assert.Empty(await Differences());
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");

        // Register, submit, review (one accepted, one returned), a batch acceptance.
        var a = await Api.Register(village, Api.Eligible(name: "计数甲"));
        var b = await Api.Register(village, Api.Eligible(name: "计数乙"));
        var c = await Api.Register(village, Api.Eligible(name: "计数丙"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [a, b, c], [])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, a, "Accept", null, (await Api.Household(district, a)).GetProperty("version").GetInt32())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, b, "Return", "材料不全", (await Api.Household(district, b)).GetProperty("version").GetInt32())).StatusCode);
        await Ok(await district.PostAsJsonAsync("/api/v1/households/batch", new { action = "Accept", households = new[] { c } }, Api.Json));

        // Past the notice: applied, approved by the village, then withdrawn.
        await Place(HouseholdStatus.NoticePassed, a, c);
        await Ok(await village.PostAsJsonAsync($"/api/v1/households/{a}/approval",
            new { action = "Approve", step = "Apply", version = (await Api.Household(village, a)).GetProperty("version").GetInt32() }, Api.Json));
        await Ok(await village.PostAsJsonAsync($"/api/v1/households/{c}/approval",
            new { action = "Approve", step = "Apply", version = (await Api.Household(village, c)).GetProperty("version").GetInt32() }, Api.Json));
        await Ok(await village.PostAsJsonAsync($"/api/v1/households/{c}/approval",
            new { action = "Withdraw", comment = "本人放弃", version = (await Api.Household(village, c)).GetProperty("version").GetInt32() }, Api.Json));

        // Money: arrivals, allocations, payments, a receipt, a reversal.
        await FundMovements.ArriveAsync(app, DemoData.LiunanDistrict, FundSource.Region, 70_000);
        await FundMovements.AllocateAsync(app, DemoData.LiunanDistrict, DemoData.Luoman, 70_000, 10_000, 20_000);
        var filed = await FiledHouseholds.AddAsync(app, 4);
        var payments = await FiledHouseholds.PayAsync(app, filed[..3]);
        await FundMovements.ReceiptAsync(app, payments[0]);
        var batch = await Db(db => db.Payments.Where(p => p.Id == payments[2]).Select(p => p.BatchId).SingleAsync());
        var entry = (await Ok(await town.GetAsync($"/api/v1/payment-batches/{batch}"))).GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("paymentId").GetGuid() == payments[2]);
        await Ok(await town.PostAsJsonAsync($"/api/v1/payments/{payments[2]}/reversal", new { reason = "账号错误，重新发放", version = entry.GetProperty("version").GetInt32() }));

        // Helpers: two pairings, a return visit, a signed agreement, an ended pairing.
        var helper = await Pairings.AddHelperAsync(app);
        var first = await Pairings.PairAsync(app, filed[0], helper);
        var second = await Pairings.PairAsync(app, filed[1], helper);
        await Pairings.ReturnVisitAsync(app, filed[0], new DateOnly(2020, 4, 6));
        await FollowUps.SignAsync(app, first, new DateOnly(2020, 4, 6));
        await VisitSetup.EndAsync(app, second, new DateOnly(2020, 4, 7));

        Assert.Empty(await Differences());

        // The dashboard shows the kept counts: its figures are those of the records, counted here another way.
        var view = await Ok(await district.GetAsync("/api/v1/dashboard"));
        var total = view.GetProperty("total");
        var (paid, receipted, withdrawn) = await Db(async db => (
            await db.Payments.CountAsync(p => p.DistrictCode == DemoData.LiunanDistrict && p.State == PaymentState.Paid),
            await db.Payments.CountAsync(p => p.DistrictCode == DemoData.LiunanDistrict && p.State == PaymentState.Paid && p.ReceiptKind != null),
            await db.Households.CountAsync(h => h.DistrictCode == DemoData.LiunanDistrict && h.Status == HouseholdStatus.Withdrawn)));
        Assert.Equal(paid, total.GetProperty("paid").GetInt32());
        Assert.Equal(receipted, total.GetProperty("receipted").GetInt32());
        Assert.Equal(withdrawn, total.GetProperty("stages").GetProperty(nameof(ProgressStage.Withdrawn)).GetInt32());
        Assert.Equal(DashboardView.Live, view.GetProperty("freshness").GetString());

        // A town reads its villages' counts, a district its towns' totals, a village its own row (found by its town): each
        // equal to its records counted here.
        foreach (var (client, level) in new[] { (town, AreaLevel.Town), (village, AreaLevel.Village) })
        {
            var code = (await Ok(await client.GetAsync("/api/v1/me"))).GetProperty("areaCode").GetString()!;
            var seen = (await Ok(await client.GetAsync("/api/v1/dashboard"))).GetProperty("total");
            var (paidHere, statuses) = await Db(async db => (
                await db.Payments.CountAsync(p => p.State == PaymentState.Paid && (level == AreaLevel.Town ? p.TownCode == code : p.VillageCode == code)),
                await db.Households.Where(h => level == AreaLevel.Town ? h.TownCode == code : h.VillageCode == code).Select(h => h.Status).ToListAsync()));
            Assert.True(statuses.Count >= 3, $"{level}: the households registered above are in this area");
            var stages = ProgressStages.All.ToDictionary(s => s.ToString(), s => statuses.Count(x => ProgressStages.Of(x) == s));
            Assert.Equal(paidHere, seen.GetProperty("paid").GetInt32());
            Assert.Equal(stages, seen.GetProperty("stages").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
        }
        var byTown = view.GetProperty("areas").EnumerateArray().Sum(r => r.GetProperty("paid").GetInt32());
        Assert.Equal(paid, byTown);

        // The region reads each district's totals, kept beside its villages' counts: the same figures over the region.
        var region = await app.SignIn("zizhiqu.canlian");
        var regionView = await Ok(await region.GetAsync("/api/v1/dashboard"));
        var year = regionView.GetProperty("year").GetInt32();
        var (regionPaid, regionWithdrawn) = await Db(async db => (
            await db.Payments.CountAsync(p => p.State == PaymentState.Paid && db.Programmes.Any(g => g.Id == p.ProgrammeId && g.Year == year)),
            await db.Households.CountAsync(h => h.Status == HouseholdStatus.Withdrawn && db.Programmes.Any(g => g.Id == h.ProgrammeId && g.Year == year))));
        Assert.Equal(regionPaid, regionView.GetProperty("total").GetProperty("paid").GetInt32());
        Assert.Equal(regionWithdrawn, regionView.GetProperty("total").GetProperty("stages").GetProperty(nameof(ProgressStage.Withdrawn)).GetInt32());
        Assert.True(regionPaid > 0);
    }

    [Fact]
    public async Task Status_changes_saved_at_once_in_one_village_leave_its_counts_exact()
    {
        var villageCode = (await VisitSetup.VillagesAsync(app, DemoData.Liushan))[^1];
        Task<long> PaidInVillage() => Db(db => db.Set<DashboardCount>()
            .Where(x => x.VillageCode == villageCode && x.Measure == DashboardMeasure.InStatus(HouseholdStatus.Paid)).SumAsync(x => x.Count));
        var before = await PaidInVillage();
        var ids = await FiledHouseholds.AddAsync(app, 12, villageCode);
        // Each household saved by its own request at the same time: every save changes the village's 已建档 and 已发放 counts.
        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await Place(HouseholdStatus.Paid, id);
                    return;
                }
                catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException && attempt < 20)
                {
                    // SQLite's single writer may refuse a busy save; the client retries, as a person would.
                }
            }
        })));
        Assert.Empty(await Differences());
        Assert.Equal(before + 12, await PaidInVillage());
    }
}

public sealed class DashboardCountsTests_Sqlite(SqliteApp app) : DashboardCountsTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardCountsTests_Postgres(PostgresApp app) : DashboardCountsTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// A transaction's count changes are applied at its commit (ADR 0032, amended): a long transaction in a district — a
/// bulk approval, an import chunk — does not hold the district's totals while it writes, so another office's save in the
/// district goes through meanwhile (PostgreSQL: rows are locked per row; SQLite has one writer anyway).
/// </summary>
public sealed class DashboardCountLockTests_Postgres(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_save_in_the_district_does_not_wait_for_an_open_transaction_that_changed_its_counts()
    {
        var village = await app.SignIn("guzhou.cun");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var household = await db.Households.FirstAsync(h => h.VillageCode == DemoData.LuomanVillage && h.Status == HouseholdStatus.Proposed);
        await using var transaction = await db.Database.BeginTransactionAsync();
        household.ForceStatusForLoadTest(HouseholdStatus.SubmittedByTown);
        await db.SaveChangesAsync(); // its district's totals change, not yet applied

        // Another office of the district registers a household while that transaction is still open.
        var save = village.PostAsJsonAsync("/api/v1/households", Api.Eligible(DemoData.GuzhouVillage, "韦并行"), Api.Json);
        var finished = await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(save, finished);
        Assert.Equal(HttpStatusCode.Created, (await save).StatusCode);

        await transaction.CommitAsync();
        await using var check = app.Services.CreateAsyncScope();
        Assert.Empty(await DashboardCounts.CheckAsync(check.ServiceProvider.GetRequiredService<TongxingDb>(), null, CancellationToken.None));
    }
}

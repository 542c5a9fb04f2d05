using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The generated programme year (<c>generate N --full</c>), written in bulk, is one the app's rules and pages agree with.</summary>
public abstract class GenerateYearTests(TestApp app)
{
    private const string Region = "460000000000";
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>One generated year per app (the generator refuses a second), seen from its chosen today.</summary>
    private async Task<int> Generated()
    {
        await Once.WaitAsync();
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            app.Clock.SetUtcNow(GenerateYearSpread.At(GenerateYearSpread.Today));
            if (!await db.Areas.AnyAsync(a => a.Code == Region))
            {
                var before = await db.AuditEntries.CountAsync();
                var size = new ProvinceSize(Cities: 1, Districts: 2, Towns: 4, Villages: 12, Households: 300);
                Assert.Equal(300, await new ProvinceGenerator(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>())
                    .GenerateAsync(size, 1, _ => { }, CancellationToken.None, full: true));
                return before;
            }
            return -1;
        }
        finally
        {
            Once.Release();
        }
    }

    private static IQueryable<Household> Generated(TongxingDb db) => db.Households.Where(h => h.RegionCode == Region);

    [Fact]
    public async Task Most_households_are_filed_and_paid_and_every_paid_one_went_through_filing()
    {
        await Generated();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var households = Generated(db);
        var paidOrPaired = await households.CountAsync(h => h.Status == HouseholdStatus.Paid || h.Status == HouseholdStatus.Paired);
        Assert.InRange(paidOrPaired, 300 / 2, 300);
        // Paid or paired exactly when a live payment was paid; and every such household's history passes through 已备案 first.
        var paid = db.Payments.Where(p => p.RegionCode == Region && p.State == PaymentState.Paid);
        Assert.Equal(paidOrPaired, await paid.CountAsync());
        Assert.Equal(paidOrPaired, await households.CountAsync(h => paid.Any(p => p.HouseholdId == h.Id)));
        Assert.Equal(0, await paid.CountAsync(p => !households.Any(h => h.Id == p.HouseholdId && h.BankAccountNumber != null)));
        Assert.True(await db.Payments.CountAsync(p => p.RegionCode == Region && p.State == PaymentState.Failed) > 0);
        Assert.True(await db.PaymentBatches.CountAsync(b => b.RegionCode == Region && b.Number == 2) > 0, "failed payments are re-paid in a second batch");
        var members = await db.Members.CountAsync(m => households.Any(h => h.Id == m.HouseholdId));
        Assert.InRange(members, 300 * 2, 300 * 6);
    }

    [Fact]
    public async Task Every_source_reconciles_in_the_app_reconciliation()
    {
        await Generated();
        var client = await app.SignIn("bench.district");
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/funds/reconciliation", Api.Json);
        Assert.NotEmpty(view.GetProperty("sources").EnumerateArray());
        Assert.All(view.GetProperty("sources").EnumerateArray(), s =>
        {
            Assert.Equal(s.GetProperty("needFen").GetInt64(), s.GetProperty("receivedFen").GetInt64());
            Assert.Equal(s.GetProperty("receivedFen").GetInt64(), s.GetProperty("allocatedFen").GetInt64());
        });
        var kinds = view.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).Distinct().ToList();
        Assert.Empty(kinds.Except(["FiledUnpaid", "PaidWithoutReceipt"]));
    }

    [Fact]
    public async Task Pairings_are_only_for_paid_households_with_one_or_two_helpers_of_their_town()
    {
        await Generated();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var pairings = db.Pairings.Where(p => p.RegionCode == Region);
        Assert.True(await pairings.CountAsync() > 100);
        Assert.Equal(0, await pairings.CountAsync(p => !db.Households.Any(h => h.Id == p.HouseholdId && h.Status == HouseholdStatus.Paired)));
        Assert.Equal(0, await pairings.CountAsync(p => !db.Helpers.Any(x => x.Id == p.HelperId && x.TownCode == p.TownCode)));
        var counts = await pairings.GroupBy(p => p.HouseholdId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.All(counts, c => Assert.InRange(c.Count, 1, 2));
        var helperCounts = await Generated(db).Where(h => h.HelperCount > 0).ToDictionaryAsync(h => h.Id, h => h.HelperCount);
        Assert.Equal(helperCounts.OrderBy(x => x.Key), counts.ToDictionary(c => c.Key, c => c.Count).OrderBy(x => x.Key));
        Assert.True(await pairings.CountAsync(p => p.AgreementStoredName != null) > await pairings.CountAsync() * 8 / 10);
        Assert.True(await db.SupportLogs.CountAsync(l => l.RegionCode == Region) > await pairings.CountAsync() * 4);
    }

    [Fact]
    public async Task Return_visits_keep_the_programme_interval_and_some_households_are_overdue_today()
    {
        await Generated();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.DistrictCode.StartsWith("46"));
        var schedule = VisitSchedule.Of(programme);
        var paired = await Generated(db).Where(h => h.PairedOn != null).Select(h => new { h.Id, h.PairedOn, h.VisitsFrom }).ToListAsync();
        var visits = (await db.Visits.Where(v => v.RegionCode == Region).Select(v => new { v.HouseholdId, v.On }).ToListAsync()).ToLookup(v => v.HouseholdId, v => v.On);
        Assert.NotEmpty(visits);
        foreach (var h in paired)
        {
            var from = h.PairedOn!.Value;
            foreach (var on in visits[h.Id].Order())
            {
                // Each visit inside the window around its due date, never after today.
                Assert.InRange(on, schedule.DueOn(from).AddDays(-schedule.WindowDays), schedule.DueOn(from).AddDays(schedule.WindowDays));
                Assert.True(on <= GenerateYearSpread.Today);
                from = on;
            }
            Assert.Equal(from, h.VisitsFrom);
        }
        var states = paired.Select(h => schedule.StateOf(h.VisitsFrom, GenerateYearSpread.Today)).ToList();
        Assert.Contains(VisitState.Overdue, states);
        Assert.True(states.Count(s => s == VisitState.Overdue) < paired.Count / 3);
        var client = await app.SignIn("bench.district");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/visits/due")).StatusCode);
    }

    [Fact]
    public async Task The_audit_chain_verifies_with_one_entry_per_stage()
    {
        var before = await Generated();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        if (before >= 0)
        {
            Assert.Equal(before + 6, await db.AuditEntries.CountAsync());
        }
        Assert.True(await db.AuditEntries.CountAsync(a => a.Action.StartsWith("生成模拟数据：")) == 5);
        Assert.True((await new AuditVerifier(db).VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Dashboard_lists_and_town_reports_work_on_the_generated_year()
    {
        await Generated();
        var client = await app.SignIn("bench.district");
        var dashboard = await client.GetAsync("/api/v1/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Dashboard")).StatusCode);
        var town = await app.SignIn("bench.town");
        var list = await town.GetFromJsonAsync<JsonElement>("/api/v1/households", Api.Json);
        Assert.NotEmpty(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync("/Households")).StatusCode);
        var region = await app.SignIn("bench.region");
        Assert.Equal(HttpStatusCode.OK, (await region.GetAsync("/api/v1/dashboard")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var reports = await db.TownReports.Where(r => r.RegionCode == Region).GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Assert.True(reports.GetValueOrDefault(ReportState.Accepted) > 0);
    }
}

public sealed class GenerateYearTests_Sqlite(SqliteApp app) : GenerateYearTests(app), IClassFixture<SqliteApp>;

public sealed class GenerateYearTests_Postgres(PostgresApp app) : GenerateYearTests(app), IClassFixture<PostgresApp>;

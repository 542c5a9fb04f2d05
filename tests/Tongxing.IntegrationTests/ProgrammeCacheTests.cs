using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The programme as pages read it is kept on each node and checked against its stamp on every read (ADR 0033): whatever
/// saves a change to it — another request, another node, a quota, share or phase alone — the next read sees the change,
/// and saves that do not touch it leave the kept copy valid.
/// </summary>
public abstract class ProgrammeCacheTests(TestApp app)
{
    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private Task<long> StampOfDemo() => Db(db => db.Programmes.Where(p => p.DistrictCode == DemoData.LiunanDistrict)
        .Select(p => EF.Property<long>(p, ProgrammeCache.Stamp)).SingleAsync());

    private static async Task<int> LuomanQuota(HttpClient district) =>
        (await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("towns").EnumerateArray()
            .Single(t => t.GetProperty("townCode").GetString() == DemoData.Luoman).GetProperty("quota").GetInt32();

    [Fact]
    public async Task A_change_to_a_town_quota_alone_saved_elsewhere_is_read_at_once_and_other_saves_keep_the_stamp()
    {
        var district = await app.SignIn("qucanlian");
        var quota = await LuomanQuota(district);
        Assert.Equal(quota, await LuomanQuota(district)); // read twice: the second from the kept copy

        // Another context (another request or node) changes one quota row only: the programme's own row is untouched.
        var before = await StampOfDemo();
        await Db(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.DistrictCode == DemoData.LiunanDistrict);
            p.SetTownQuota(DemoData.Luoman, quota + 1);
            return await db.SaveChangesAsync();
        });
        Assert.NotEqual(before, await StampOfDemo());
        Assert.Equal(quota + 1, await LuomanQuota(district));

        // A save that touches no programme keeps the stamp, so the kept copy stays valid.
        var stamp = await StampOfDemo();
        var village = await app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.Created, (await village.PostAsJsonAsync("/api/v1/households", Api.Eligible(name: "韦缓存"), Api.Json)).StatusCode);
        Assert.Equal(stamp, await StampOfDemo());

        await Db(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.DistrictCode == DemoData.LiunanDistrict);
            p.SetTownQuota(DemoData.Luoman, quota);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(quota, await LuomanQuota(district));
    }

    [Fact]
    public async Task Parameters_changed_on_one_node_screen_the_next_registration_on_the_other()
    {
        await using var node2 = new TestApp(app.Provider, app);
        var district = await app.SignIn("qucanlian");
        var village2 = await node2.SignIn("luoman.cun");
        // Node 2 has read the programme (and kept it) and screened a man of 45 as of working age (16–59)...
        Assert.Contains("男16–59周岁", (await (await node2.SignIn("qucanlian")).GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("workingAge").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Eligible", await RegisterManOf45(village2), StringComparison.Ordinal);
        // ...before node 1 changes the ages to 16–40: node 2's next screening applies them.
        await Put(district, maleMaxAge: 40);
        try
        {
            Assert.Equal("NotEligible", await RegisterManOf45(village2));
        }
        finally
        {
            await Put(district, maleMaxAge: 59);
        }
        Assert.StartsWith("Eligible", await RegisterManOf45(village2), StringComparison.Ordinal);
    }

    private static async Task<string> RegisterManOf45(HttpClient village)
    {
        var input = Api.Eligible(name: "韦节点");
        var id45 = Households.NewId(Gender.Male, 45);
        input.Members[0].IdNumber = id45;
        input.Members[0].CertificateNumber = ResidentId.Parse(id45).Value!.Value + "42";
        await Api.Register(village, input);
        // The outcome stored at registration (the household page shows it live, from the programme as it is now).
        foreach (var outcome in new[] { "EligiblePriority", "Eligible", "NotEligible", "Incomplete" })
        {
            if ((await village.GetFromJsonAsync<JsonElement>($"/api/v1/households?screening={outcome}&q={id45}")).GetProperty("total").GetInt32() == 1)
            {
                return outcome;
            }
        }
        return "none";
    }

    [Fact]
    public async Task The_region_reads_a_districts_changed_quota_at_once()
    {
        var region = await app.SignIn("zizhiqu.canlian");
        async Task<int> Quota() => (await region.GetFromJsonAsync<JsonElement>("/api/v1/dashboard")).GetProperty("total").GetProperty("quota").GetInt32();
        var before = await Quota();
        Assert.Equal(before, await Quota());
        async Task Set(int delta) => await Db(async db =>
        {
            var p = await db.Programmes.SingleAsync(x => x.DistrictCode == DemoData.LiunanDistrict);
            p.Quota += delta;
            return await db.SaveChangesAsync();
        });
        await Set(5);
        try
        {
            Assert.Equal(before + 5, await Quota());
        }
        finally
        {
            await Set(-5);
        }
        Assert.Equal(before, await Quota());
    }

    [Fact]
    public async Task A_context_that_changed_the_programme_reads_the_change_itself()
    {
        await Db(async db =>
        {
            var today = new DateOnly(2020, 4, 10);
            var kept = await HouseholdChecks.CurrentProgrammeAsync(db, DemoData.LiunanDistrict, today, CancellationToken.None);
            Assert.NotNull(kept);
            var tracked = await HouseholdChecks.ProgrammeToChangeAsync(db, DemoData.LiunanDistrict, today, CancellationToken.None);
            Assert.NotSame(kept, tracked);
            var name = tracked!.Name;
            tracked.Rename(name + "（改）");
            await db.SaveChangesAsync();
            Assert.Equal(name + "（改）", (await HouseholdChecks.CurrentProgrammeAsync(db, DemoData.LiunanDistrict, today, CancellationToken.None))!.Name);
            tracked.Rename(name);
            await db.SaveChangesAsync();
            Assert.Equal(name, (await HouseholdChecks.CurrentProgrammeAsync(db, DemoData.LiunanDistrict, today, CancellationToken.None))!.Name);
            return 0;
        });
    }

    private static async Task Put(HttpClient district, int maleMaxAge)
    {
        var response = await district.PutAsJsonAsync("/api/v1/programmes/current/eligibility", new
        {
            referenceDate = "2020-04-02",
            maleMinAge = 16,
            maleMaxAge,
            femaleMinAge = 16,
            femaleMaxAge = 54,
            priorityIncomeThreshold = "5000",
            blockEarlierSupported = false,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ProgrammeCacheTests_Sqlite(SqliteApp app) : ProgrammeCacheTests(app), IClassFixture<SqliteApp>;

public sealed class ProgrammeCacheTests_Postgres(PostgresApp app) : ProgrammeCacheTests(app), IClassFixture<PostgresApp>;

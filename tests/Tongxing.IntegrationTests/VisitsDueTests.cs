using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>
/// 回访提醒 and 帮扶人履职情况 through the API, with the test clock: a pairing comes due and overdue as days pass, a return
/// visit resets it, an ended pairing leaves the list; counts per area; each office sees its area, a helper only their
/// own households, the federations above district level only counts.
/// </summary>
public abstract class VisitsDueTests(TestApp app)
{
    private static readonly DateOnly May20 = new(2020, 5, 20);

    private static async Task<JsonElement> Due(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/visits/due?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<Guid> Ids(JsonElement view) => view.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("householdId").GetGuid()).ToList();

    [Fact]
    public async Task A_pairing_comes_due_then_overdue_most_overdue_first_a_return_visit_resets_it_and_ending_the_last_pairing_removes_it()
    {
        VisitSetup.Today(app, May20);
        var village = (await VisitSetup.VillagesAsync(app, DemoData.Luoman))[2];
        var helper = await Pairings.AddHelperAsync(app, village);
        var earlier = (await Pairings.PairedHouseholdsAsync(app, 1, helper, village, new DateOnly(2020, 5, 10)))[0];
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, village, May20))[0];
        // A sign-in lasts hours, not months: each day of the test signs in again.
        HttpClient client;
        var mine = $"village={village}";

        // Quarterly with 15 days either side: due 18 Aug, the window opens 3 Aug; on 27 Jul the week ends 2 Aug.
        VisitSetup.Today(app, new DateOnly(2020, 7, 27));
        client = await app.SignIn("luoman.canlian");
        Assert.DoesNotContain(household, Ids(await Due(client, mine)));
        VisitSetup.Today(app, new DateOnly(2020, 7, 28));
        client = await app.SignIn("luoman.canlian");
        var due = await Due(client, mine);
        Assert.Contains(household, Ids(due));
        var row = due.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("householdId").GetGuid() == household);
        Assert.Equal("2020-08-18", row.GetProperty("dueOn").GetString());
        Assert.Equal($"/Pairing/Visit/{household}", row.GetProperty("visitLink").GetString());
        Assert.Equal($"/Households/Details/{household}", row.GetProperty("householdLink").GetString());
        Assert.DoesNotContain(household, Ids(await Due(client, mine + "&state=overdue")));

        VisitSetup.Today(app, new DateOnly(2020, 9, 3));
        client = await app.SignIn("luoman.canlian");
        Assert.DoesNotContain(household, Ids(await Due(client, mine)));
        var overdue = await Due(client, mine + "&state=overdue");
        Assert.Equal([earlier, household], Ids(overdue));
        Assert.Equal([11, 1], overdue.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("daysOverdue").GetInt32()));
        // 我的待办 says how many are overdue and links to the list.
        var next = await client.GetStringAsync("/api/v1/me/next-actions");
        Assert.Contains("OverdueVisits", next, StringComparison.Ordinal);
        Assert.Contains("/Pairing/Due?state=overdue", next, StringComparison.Ordinal);

        await Pairings.ReturnVisitAsync(app, household, new DateOnly(2020, 9, 3));
        Assert.Equal([earlier], Ids(await Due(client, mine + "&state=overdue")));
        Assert.DoesNotContain(household, Ids(await Due(client, mine)));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var pairing = await db.Pairings.Where(p => p.HouseholdId == earlier).Select(p => p.Id).FirstAsync();
            await VisitSetup.EndAsync(app, pairing, new DateOnly(2020, 9, 3));
        }
        VisitSetup.Today(app, new DateOnly(2021, 3, 1));
        client = await app.SignIn("luoman.canlian");
        var later = await Due(client, mine + "&state=overdue");
        Assert.Equal([household], Ids(later));
        var html = await (await client.GetAsync("/Pairing/Due?state=overdue&village=" + village)).Content.ReadAsStringAsync();
        Assert.Contains("已逾期", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_per_area_come_from_the_record_and_each_office_sees_only_its_area()
    {
        VisitSetup.Today(app, May20);
        var village = (await VisitSetup.VillagesAsync(app, DemoData.Luoman))[3];
        var other = (await VisitSetup.VillagesAsync(app, DemoData.Liushan))[0];
        var helper = await Pairings.AddHelperAsync(app, village);
        var households = await Pairings.PairedHouseholdsAsync(app, 3, helper, village, May20);
        await Pairings.ReturnVisitAsync(app, households[1], new DateOnly(2020, 6, 1));
        await Pairings.ReturnVisitAsync(app, households[2], new DateOnly(2020, 8, 1));
        var liushanHelper = await Pairings.AddHelperAsync(app, other);
        var liushan = (await Pairings.PairedHouseholdsAsync(app, 1, liushanHelper, other, May20))[0];
        VisitSetup.Today(app, new DateOnly(2020, 9, 3));

        // The town federation: per village, paired 3 / due this week 1 (from 1 Jun) / overdue 1 (from 20 May).
        var town = await Due(await app.SignIn("luoman.canlian"), "state=overdue");
        var mine = town.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == village);
        Assert.Equal((3, 1, 1), (mine.GetProperty("paired").GetInt32(), mine.GetProperty("dueThisWeek").GetInt32(), mine.GetProperty("overdue").GetInt32()));
        Assert.DoesNotContain(town.GetProperty("areas").EnumerateArray(), a => a.GetProperty("code").GetString() == other);
        Assert.DoesNotContain(liushan, Ids(await Due(await app.SignIn("luoman.canlian"), "state=overdue&village=" + other)));
        Assert.Contains(households[0], Ids(await Due(await app.SignIn("luoman.canlian"), "state=overdue&village=" + village)));
        Assert.Equal([households[1]], Ids(await Due(await app.SignIn("luoman.dangwei"), "village=" + village)));
        Assert.DoesNotContain(households[0], Ids(await Due(await app.SignIn("liushan.dangwei"), "state=overdue")));

        // The district: one row per town, the totals their sum.
        var district = await Due(await app.SignIn("qucanlian"), "state=overdue");
        var towns = district.GetProperty("areas").EnumerateArray().ToList();
        Assert.Contains(towns, t => t.GetProperty("code").GetString() == DemoData.Luoman && t.GetProperty("overdue").GetInt32() >= 1);
        Assert.Contains(towns, t => t.GetProperty("code").GetString() == DemoData.Liushan && t.GetProperty("overdue").GetInt32() >= 1);
        Assert.Equal(towns.Sum(t => t.GetProperty("overdue").GetInt32()), district.GetProperty("totals").GetProperty("overdue").GetInt32());
        Assert.Contains(liushan, Ids(district));
        // The district's page offers villages once a town is chosen (from its table of towns), never all of them at once.
        var districtPage = await (await app.SignIn("qucanlian")).GetStringAsync("/Pairing/Due?state=overdue");
        Assert.DoesNotContain("id=\"village\"", districtPage, StringComparison.Ordinal);
        var townPage = await (await app.SignIn("qucanlian")).GetStringAsync("/Pairing/Due?state=overdue&town=" + DemoData.Luoman);
        Assert.Contains($"<option value=\"{village}\"", townPage, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{other}\"", townPage, StringComparison.Ordinal);
        // Each list's length, taken from the counts per unit or counted, is the number of households it lists: the
        // whole district, one town of it, a village of that town, a village of the town's own list, both states.
        var districtClient = await app.SignIn("qucanlian");
        var townClient = await app.SignIn("luoman.canlian");
        foreach (var (client, filter) in new[]
        {
            (districtClient, ""),
            (districtClient, "town=" + DemoData.Luoman),
            (districtClient, $"town={DemoData.Luoman}&village={village}"),
            (districtClient, "village=" + village),
            (townClient, "village=" + village),
            (townClient, ""),
        })
        {
            foreach (var state in new[] { "overdue", "due" })
            {
                var view = await Due(client, $"state={state}&{filter}");
                var listed = new List<Guid>();
                for (var p = 1; p <= Math.Max(1, (view.GetProperty("total").GetInt32() + 29) / 30); p++)
                {
                    listed.AddRange(Ids(await Due(client, $"state={state}&{filter}&page={p}")));
                }
                Assert.True(listed.Count == view.GetProperty("total").GetInt32(), $"{state} {filter}: total {view.GetProperty("total").GetInt32()}, listed {listed.Count}");
                Assert.Equal(listed.Count, listed.Distinct().Count());
            }
        }
        Assert.True((await Due(districtClient, "state=overdue&town=" + DemoData.Luoman)).GetProperty("total").GetInt32() >= 1);

        // The district's dashboard carries the same figures per town.
        var dashboard = await (await app.SignIn("qucanlian")).GetFromJsonAsync<JsonElement>("/api/v1/dashboard");
        var luoman = dashboard.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == DemoData.Luoman);
        var luomanDue = towns.Single(t => t.GetProperty("code").GetString() == DemoData.Luoman);
        Assert.Equal(luomanDue.GetProperty("paired").GetInt32(), luoman.GetProperty("paired").GetInt32());
        Assert.Equal(luomanDue.GetProperty("overdue").GetInt32(), luoman.GetProperty("visitsOverdue").GetInt32());

        // Above the district: counts only, never a household.
        var region = await Due(await app.SignIn("zizhiqu.canlian"), "state=overdue");
        Assert.True(region.GetProperty("countsOnly").GetBoolean());
        Assert.Empty(region.GetProperty("rows").EnumerateArray());
        // Nor the villages to filter a list by: the region's answer stays small (every village of the region was 2 MB).
        Assert.Empty(region.GetProperty("villages").EnumerateArray());
        Assert.True(region.GetProperty("totals").GetProperty("overdue").GetInt32() >= 2);
        Assert.DoesNotContain(households[0].ToString(), region.GetRawText(), StringComparison.Ordinal);
        // Finance has neither households nor visits.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("caizheng")).GetAsync("/api/v1/visits/due")).StatusCode);
    }

    [Fact]
    public async Task A_helper_sees_only_the_households_paired_with_them_and_not_the_helper_activity()
    {
        VisitSetup.Today(app, May20);
        var own = await Pairings.AddHelperAsync(app, DemoData.LuomanVillage, "陆师傅", "bangfuren");
        var someoneElse = await Pairings.AddHelperAsync(app, DemoData.LuomanVillage);
        var mine = (await Pairings.PairedHouseholdsAsync(app, 1, own, DemoData.LuomanVillage, May20))[0];
        var theirs = (await Pairings.PairedHouseholdsAsync(app, 1, someoneElse, DemoData.LuomanVillage, May20))[0];
        VisitSetup.Today(app, new DateOnly(2020, 9, 3));
        var client = await app.SignIn("bangfuren");
        var view = await Due(client, "state=overdue");
        Assert.Equal([mine], Ids(view));
        Assert.True(view.GetProperty("ownHouseholdsOnly").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("rows")[0].GetProperty("householdLink").ValueKind);
        Assert.DoesNotContain(theirs.ToString(), view.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/helpers/activity")).StatusCode);
        Assert.Contains(theirs, Ids(await Due(await app.SignIn("luoman.cun"), "state=overdue")));
    }

    [Fact]
    public async Task Helper_activity_counts_logs_against_those_expected_lapsed_households_and_the_latest_rating()
    {
        VisitSetup.Today(app, May20);
        var village = (await VisitSetup.VillagesAsync(app, DemoData.Luoman))[4];
        var busy = await Pairings.AddHelperAsync(app, village, "韦勤");
        var households = await Pairings.PairedHouseholdsAsync(app, 2, busy, village, May20);
        foreach (var on in new[] { new DateOnly(2020, 6, 10), new DateOnly(2020, 7, 10), new DateOnly(2020, 8, 10) })
        {
            await VisitSetup.LogAsync(app, households[0], busy, on);
        }
        await Pairings.ReturnVisitAsync(app, households[0], new DateOnly(2020, 8, 1));
        VisitSetup.Today(app, new DateOnly(2020, 8, 1));
        var fresh = await Pairings.AddHelperAsync(app, village, "覃新");
        await Pairings.PairedHouseholdsAsync(app, 1, fresh, village, new DateOnly(2020, 8, 1));
        VisitSetup.Today(app, new DateOnly(2020, 8, 18));

        var client = await app.SignIn("luoman.dangwei");
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/helpers/activity?village={village}&days=90");
        var rows = all.GetProperty("rows").EnumerateArray().ToList();
        var b = rows.Single(r => r.GetProperty("helperId").GetGuid() == busy);
        // 90 days × 2 households at one log per 30 days: 6 expected, 3 logged, one household without a log for 30 days.
        Assert.Equal(2, b.GetProperty("households").GetInt32());
        Assert.Equal(3, b.GetProperty("logs").GetInt32());
        Assert.Equal(6, b.GetProperty("expected").GetInt32());
        Assert.Equal("2020-08-10", b.GetProperty("lastLogOn").GetString());
        Assert.Equal(1, b.GetProperty("lapsedHouseholds").GetInt32());
        Assert.Equal("好", b.GetProperty("latestRating").GetString());
        Assert.Contains("*", b.GetProperty("phone").GetString()!, StringComparison.Ordinal);
        var f = rows.Single(r => r.GetProperty("helperId").GetGuid() == fresh);
        Assert.Equal((0, 0), (f.GetProperty("expected").GetInt32(), f.GetProperty("lapsedHouseholds").GetInt32()));

        var lapsed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/helpers/activity?village={village}&lapsed=true");
        Assert.Equal([busy], lapsed.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("helperId").GetGuid()));
        // Another town's office sees none of this town's helpers.
        var liushan = await (await app.SignIn("liushan.dangwei")).GetFromJsonAsync<JsonElement>($"/api/v1/helpers/activity?village={village}");
        Assert.Empty(liushan.GetProperty("rows").EnumerateArray());
        var page = await (await client.GetAsync($"/Pairing/HelperActivity?village={village}")).Content.ReadAsStringAsync();
        Assert.Contains("韦勤", page, StringComparison.Ordinal);
        Assert.Contains("3 / 6", page, StringComparison.Ordinal);
    }
}

public sealed class VisitsDueTests_Sqlite(SqliteApp app) : VisitsDueTests(app), IClassFixture<SqliteApp>;

public sealed class VisitsDueTests_Postgres(PostgresApp app) : VisitsDueTests(app), IClassFixture<PostgresApp>;

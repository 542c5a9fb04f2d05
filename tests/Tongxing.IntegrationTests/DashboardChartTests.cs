using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The dashboard's charts: the funnel, the money by source, visits and the phases with who is behind, against households
/// made at known stages; the drill-down within the user's area and refused outside it; counts only above the district.
/// </summary>
public abstract class DashboardChartTests(TestApp app)
{
    private static async Task<JsonElement> Get(HttpClient client, string url) => await client.GetFromJsonAsync<JsonElement>(url, Api.Json);

    private static readonly string[] FunnelFields = ["proposed", "accepted", "noticed", "filed", "paid", "paired", "visited"];

    private static Dictionary<string, int> Funnel(JsonElement area) =>
        FunnelCounts.Labels.Select((label, i) => (label, i)).Where(x => x.i < 6 || area.GetProperty("funnel").GetProperty("visited").ValueKind == JsonValueKind.Number)
            .ToDictionary(x => x.label, x => area.GetProperty("funnel").GetProperty(FunnelFields[x.i]).GetInt32());

    private static long PaidFen(JsonElement view) => view.GetProperty("funds").EnumerateArray().Sum(f => f.GetProperty("paid").GetProperty("fen").GetInt64());

    [Fact]
    public async Task A_villages_funnel_money_and_visits_move_with_households_made_at_known_stages()
    {
        VisitSetup.Today(app, new DateOnly(2020, 5, 12));
        var village = (await VisitSetup.VillagesAsync(app, DemoData.Luoman))[2];
        var client = await app.SignIn("luoman.canlian");
        var url = $"/api/v1/dashboard?area={village}";
        var before = await Get(client, url);

        await FiledHouseholds.AddAsync(app, 3, village);
        var paidOnly = await FiledHouseholds.AddAsync(app, 1, village);
        await FiledHouseholds.PayAsync(app, paidOnly);
        var helper = await Pairings.AddHelperAsync(app, village);
        var paired = await Pairings.PairedHouseholdsAsync(app, 2, helper, village);
        await Pairings.ReturnVisitAsync(app, paired[0], new DateOnly(2020, 5, 12));

        var after = await Get(client, url);
        Assert.Equal("村（社区）", after.GetProperty("childLevel").GetString());
        var was = Funnel(before.GetProperty("total"));
        var now = Funnel(after.GetProperty("total"));
        Assert.Equal([6, 6, 6, 6, 3, 2, 1], FunnelCounts.Labels.Select(l => now[l] - was[l]));
        // Three payments of 1000 yuan split by the sources' shares; a village sees no arrival or allocation.
        Assert.Equal(3 * 100_000L, PaidFen(after) - PaidFen(before));
        Assert.All(after.GetProperty("funds").EnumerateArray(), f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("received").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("allocated").ValueKind);
        });
        Assert.True(after.GetProperty("visitsCounted").GetBoolean());
        Assert.Equal(2, after.GetProperty("total").GetProperty("paired").GetInt32() - before.GetProperty("total").GetProperty("paired").GetInt32());
        Assert.Equal(2, after.GetProperty("total").GetProperty("agreementsMissing").GetInt32() - before.GetProperty("total").GetProperty("agreementsMissing").GetInt32());

        // The funds and pairing phases name the village with what it lacks, counted from the records.
        var phases = after.GetProperty("phases").EnumerateArray().ToDictionary(p => p.GetProperty("label").GetString()!);
        var f = Funnel(after.GetProperty("total"));
        var funds = phases["发放资金"];
        Assert.Equal("已逾期", funds.GetProperty("state").GetString());
        Assert.Contains(funds.GetProperty("behind").EnumerateArray(), b => b.GetProperty("code").GetString() == village
            && b.GetProperty("what").GetString() == $"{f["已建档"] - f["已发放"]}户已建档未发放");
        var pairing = phases["结对帮扶"];
        Assert.Equal("进行中", pairing.GetProperty("state").GetString());
        Assert.Equal("截止5月27日（还有15天）", pairing.GetProperty("deadlineText").GetString());
        Assert.Contains(pairing.GetProperty("behind").EnumerateArray(), b => b.GetProperty("code").GetString() == village
            && b.GetProperty("what").GetString()!.StartsWith($"{f["已发放"] - f["已结对"]}户已发放未结对", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, phases["检查验收"].GetProperty("behind").ValueKind);
        Assert.Equal("未开始", phases["检查验收"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_district_funnel_and_money_equal_the_register_and_the_ledger_counted_another_way()
    {
        VisitSetup.Today(app, new DateOnly(2020, 5, 12));
        await FundMovements.ArriveAsync(app, DemoData.LiunanDistrict, FundSource.City, 5000);
        var client = await app.SignIn("qucanlian");
        var view = await Get(client, "/api/v1/dashboard");

        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        var statuses = await db.Households.Where(h => h.DistrictCode == DemoData.LiunanDistrict).Select(h => new { h.Status, h.TownCode, h.LastReturnVisitOn }).ToListAsync();
        var live = statuses.Where(h => h.Status != HouseholdStatus.Withdrawn).ToList();
        var expected = new[]
        {
            live.Count,
            live.Count(h => h.Status is >= HouseholdStatus.ReviewedByDistrict and <= HouseholdStatus.Assessed),
            live.Count(h => h.Status is >= HouseholdStatus.OnNotice and <= HouseholdStatus.Assessed),
            live.Count(h => h.Status is >= HouseholdStatus.Filed and <= HouseholdStatus.Assessed),
            live.Count(h => h.Status is >= HouseholdStatus.Paid and <= HouseholdStatus.Assessed),
            live.Count(h => h.Status is HouseholdStatus.Paired or HouseholdStatus.Assessed),
            statuses.Count(h => h.LastReturnVisitOn != null),
        };
        Assert.Equal(expected, FunnelCounts.Labels.Select(l => Funnel(view.GetProperty("total"))[l]));
        // Each town's funnel adds up to the district's.
        var towns = view.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(expected[3], towns.Sum(t => t.GetProperty("funnel").GetProperty("filed").GetInt32()));

        var lines = await db.FundEntries.Where(e => e.DistrictCode == DemoData.LiunanDistrict).Select(e => new { e.Kind, e.Source, e.Fen }).ToListAsync();
        foreach (var f in view.GetProperty("funds").EnumerateArray())
        {
            var source = Enum.Parse<FundSource>(f.GetProperty("source").GetString()!);
            Assert.Equal(lines.Where(l => l.Kind == FundEntryKind.Arrival && l.Source == source).Sum(l => l.Fen), f.GetProperty("received").GetProperty("fen").GetInt64());
            Assert.Equal(lines.Where(l => l.Kind == FundEntryKind.Allocation && l.Source == source).Sum(l => l.Fen), f.GetProperty("allocated").GetProperty("fen").GetInt64());
            Assert.Equal(lines.Where(l => l.Kind == FundEntryKind.Payment && l.Source == source).Sum(l => l.Fen), f.GetProperty("paid").GetProperty("fen").GetInt64());
        }
        Assert.Contains(lines, l => l.Kind == FundEntryKind.Arrival && l.Source == FundSource.City);

        // 调查摸底 (over since 9 April): a town is behind when fewer were accepted than its quota.
        var survey = view.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "Survey");
        foreach (var t in towns)
        {
            var accepted = t.GetProperty("funnel").GetProperty("accepted").GetInt32();
            var behind = survey.GetProperty("behind").EnumerateArray().Any(b => b.GetProperty("code").GetString() == t.GetProperty("code").GetString());
            Assert.Equal(accepted < t.GetProperty("quota").GetInt32(), behind);
        }
    }

    [Fact]
    public async Task The_district_opens_a_town_with_a_way_back_and_the_page_links_each_town()
    {
        var client = await app.SignIn("quzuzhibu");
        var view = await Get(client, $"/api/v1/dashboard?area={DemoData.Luoman}");
        Assert.Equal("村（社区）", view.GetProperty("childLevel").GetString());
        Assert.Equal(DemoData.Luoman, view.GetProperty("areaCode").GetString());
        Assert.Equal(["柳南区", "洛满镇"], view.GetProperty("breadcrumb").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        Assert.All(view.GetProperty("areas").EnumerateArray(), a => Assert.StartsWith(DemoData.Luoman[..9], a.GetProperty("code").GetString()!, StringComparison.Ordinal));

        var page = await client.GetAsync("/Dashboard");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"?area={DemoData.Luoman}", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tx-chart-quota\"", html, StringComparison.Ordinal);
        Assert.Contains("type=\"application/json\"", html, StringComparison.Ordinal);
        Assert.Contains("/lib/echarts.common.min.js", html, StringComparison.Ordinal);

        var town = await client.GetAsync($"/Dashboard?area={DemoData.Luoman}");
        Assert.Equal(HttpStatusCode.OK, town.StatusCode);
        var townHtml = await town.Content.ReadAsStringAsync();
        Assert.Contains("breadcrumb", townHtml, StringComparison.Ordinal);
        Assert.Contains("洛满镇工作进度", townHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("luoman.dangwei", DemoData.Liushan)]
    [InlineData("luoman.cun", DemoData.GuzhouVillage)]
    [InlineData("quzuzhibu", DemoData.Liuzhou)]
    [InlineData("qucanlian", "999999999999")]
    [InlineData("qucanlian", "<script>")]
    public async Task A_unit_outside_the_users_area_is_not_found(string user, string area)
    {
        var client = await app.SignIn(user);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/dashboard?area={Uri.EscapeDataString(area)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Dashboard?area={Uri.EscapeDataString(area)}")).StatusCode);
    }

    [Fact]
    public async Task The_region_sees_counts_only_and_opens_a_city_and_a_district()
    {
        var client = await app.SignIn("zizhiqu.canlian");
        var response = await client.GetAsync("/api/v1/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("idNumber", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("headName", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\d{17}[\\dX]", body);
        var view = JsonSerializer.Deserialize<JsonElement>(body, Api.Json);
        Assert.False(view.GetProperty("visitsCounted").GetBoolean());
        // 已回访 comes from the maintained counts at every level (ADR 0032): the region's is its one district's.
        var regionVisited = view.GetProperty("total").GetProperty("funnel").GetProperty("visited").GetInt32();
        Assert.Equal(6, view.GetProperty("phases").GetArrayLength());
        Assert.True(view.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == DemoData.Liuzhou).GetProperty("canOpen").GetBoolean());

        var city = await Get(client, $"/api/v1/dashboard?area={DemoData.Liuzhou}");
        Assert.Equal("县（区）", city.GetProperty("childLevel").GetString());
        var crumbs = city.GetProperty("breadcrumb").EnumerateArray().Select(b => b.GetProperty("code").GetString()).ToList();
        Assert.Equal([DemoData.Guangxi, DemoData.Liuzhou], crumbs);
        var district = await Get(client, $"/api/v1/dashboard?area={DemoData.LiunanDistrict}");
        Assert.Equal("乡镇", district.GetProperty("childLevel").GetString());
        Assert.True(district.GetProperty("visitsCounted").GetBoolean());
        Assert.Equal(152, district.GetProperty("total").GetProperty("quota").GetInt32());
        Assert.Equal(district.GetProperty("total").GetProperty("funnel").GetProperty("visited").GetInt32(), regionVisited);
        var page = await client.GetAsync($"/Dashboard?area={DemoData.LiunanDistrict}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}

public sealed class DashboardChartTests_Sqlite(SqliteApp app) : DashboardChartTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardChartTests_Postgres(PostgresApp app) : DashboardChartTests(app), IClassFixture<PostgresApp>;

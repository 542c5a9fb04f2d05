using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>The progress dashboard: counts per unit one level down, equal to the register counted another way, scoped, no personal data.</summary>
public abstract class DashboardTests(TestApp app)
{
    private async Task<Dictionary<ProgressStage, int>> StagesInDb(Func<IQueryable<Household>, IQueryable<Household>> scope)
    {
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        var statuses = await scope(db.Households.Where(h => h.DistrictCode == DemoData.LiunanDistrict)).Select(h => h.Status).ToListAsync();
        return ProgressStages.All.ToDictionary(st => st, st => statuses.Count(x => ProgressStages.Of(x) == st));
    }

    private static Dictionary<ProgressStage, int> Stages(JsonElement area) =>
        ProgressStages.All.ToDictionary(s => s, s => area.GetProperty("stages").GetProperty(s.ToString()).GetInt32());

    [Fact]
    public async Task District_sees_each_town_with_its_quota_and_counts_that_match_the_register()
    {
        var client = await app.SignIn("quzuzhibu");
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Api.Json);
        Assert.Equal(2020, view.GetProperty("year").GetInt32());
        Assert.Equal("乡镇", view.GetProperty("childLevel").GetString());
        var towns = view.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(2, towns.Count);
        var luoman = towns.Single(t => t.GetProperty("code").GetString() == DemoData.Luoman);
        Assert.Equal("洛满镇", luoman.GetProperty("name").GetString());
        Assert.Equal(70, luoman.GetProperty("quota").GetInt32());
        Assert.Equal(152, view.GetProperty("total").GetProperty("quota").GetInt32());

        Assert.Equal(await StagesInDb(q => q.Where(h => h.TownCode == DemoData.Luoman)), Stages(luoman));
        var all = await StagesInDb(q => q);
        Assert.Equal(all, Stages(view.GetProperty("total")));
        Assert.Equal(all.Where(x => x.Key != ProgressStage.Withdrawn).Sum(x => x.Value), view.GetProperty("total").GetProperty("registered").GetInt32());
        Assert.Equal(towns.Sum(t => t.GetProperty("registered").GetInt32()), view.GetProperty("total").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task The_home_page_counts_each_town_s_households_as_the_dashboard_does()
    {
        var filed = await FiledHouseholds.AddAsync(app, 3);
        await FiledHouseholds.PayAsync(app, filed[..2]);
        await Pairings.PairAsync(app, filed[0], await Pairings.AddHelperAsync(app));
        // Paired before it is paid (its account still being collected): it has a helper, counted as 已结对.
        await Pairings.PairAsync(app, filed[2], await Pairings.AddHelperAsync(app));
        var client = await app.SignIn("quzuzhibu");
        var dashboard = (await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Api.Json)).GetProperty("areas").EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!);
        var towns = (await client.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current", Api.Json)).GetProperty("towns").EnumerateArray().ToList();
        Assert.Equal(2, towns.Count);
        foreach (var town in towns)
        {
            var d = dashboard[town.GetProperty("townCode").GetString()!];
            Assert.Equal(d.GetProperty("registered").GetInt32(), town.GetProperty("registered").GetInt32());
            Assert.Equal(d.GetProperty("stages").GetProperty(nameof(ProgressStage.Filed)).GetInt32(), town.GetProperty("filed").GetInt32());
            Assert.Equal(d.GetProperty("funnel").GetProperty("paid").GetInt32(), town.GetProperty("paid").GetInt32());
            // 已结对: households with a helper, as the dashboard's own 已结对 and 结对帮扶 count them.
            Assert.Equal(d.GetProperty("paired").GetInt32(), town.GetProperty("paired").GetInt32());
        }
        var luoman = towns.Single(t => t.GetProperty("townCode").GetString() == DemoData.Luoman);
        Assert.True(luoman.GetProperty("filed").GetInt32() >= 3 && luoman.GetProperty("paid").GetInt32() >= 2 && luoman.GetProperty("paired").GetInt32() >= 2);
        var row = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/")).QuerySelectorAll("#town-progress tbody tr")
            .Single(r => r.TextContent.Contains("洛满镇", StringComparison.Ordinal));
        Assert.Equal(["洛满镇", "70 户", $"{luoman.GetProperty("registered").GetInt32()} 户", $"{luoman.GetProperty("filed").GetInt32()} 户",
            $"{luoman.GetProperty("paid").GetInt32()} 户", $"{luoman.GetProperty("paired").GetInt32()} 户"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_town_sees_only_its_own_villages()
    {
        var client = await app.SignIn("liushan.dangwei");
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Api.Json);
        Assert.Equal("村（社区）", view.GetProperty("childLevel").GetString());
        var villages = view.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToList();
        Assert.NotEmpty(villages);
        Assert.All(villages, v => Assert.StartsWith(DemoData.Liushan[..9], v, StringComparison.Ordinal));
        Assert.Equal(await StagesInDb(q => q.Where(h => h.TownCode == DemoData.Liushan)), Stages(view.GetProperty("total")));
    }

    [Theory]
    [InlineData("zizhiqu.canlian", DemoData.Liuzhou, "柳州市", "市")]
    [InlineData("shicanlian", DemoData.LiunanDistrict, "柳南区", "县（区）")]
    public async Task Overseers_above_the_district_see_the_units_below_them_and_nothing_personal(string user, string child, string childName, string level)
    {
        var client = await app.SignIn(user);
        var response = await client.GetAsync("/api/v1/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var view = JsonSerializer.Deserialize<JsonElement>(body, Api.Json);
        Assert.Equal(level, view.GetProperty("childLevel").GetString());
        var area = view.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == child);
        Assert.Equal(152, area.GetProperty("quota").GetInt32());
        Assert.Equal(await StagesInDb(q => q), Stages(area));
        Assert.DoesNotContain("idNumber", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("\\d{17}[\\dX]", body);

        var page = await client.GetAsync("/Dashboard");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The unit below, named in the table (the footer names the overseer's own federation, not the unit below).
        var table = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("main table")!.TextContent;
        Assert.Contains(childName, table, StringComparison.Ordinal);
        // The overseers see nothing else.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);
    }

    [Fact]
    public async Task A_year_without_a_programme_shows_nothing_rather_than_another_years_counts()
    {
        var client = await app.SignIn("quzuzhibu");
        var view = await client.GetFromJsonAsync<JsonElement>("/api/v1/dashboard?year=2019", Api.Json);
        Assert.Equal(0, view.GetProperty("programmes").GetInt32());
        Assert.Equal(0, view.GetProperty("total").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task Helpers_and_the_public_are_refused()
    {
        var helper = await app.SignIn("bangfuren");
        Assert.Equal(HttpStatusCode.Forbidden, (await helper.GetAsync("/api/v1/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/dashboard")).StatusCode);
    }
}

public sealed class DashboardTests_Sqlite(SqliteApp app) : DashboardTests(app), IClassFixture<SqliteApp>;

public sealed class DashboardTests_Postgres(PostgresApp app) : DashboardTests(app), IClassFixture<PostgresApp>;

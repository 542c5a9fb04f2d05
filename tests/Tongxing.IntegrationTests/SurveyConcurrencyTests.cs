using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Requests of one town or one household sent at the same moment: the quota holds, one wins, the others are told (409), never a 500.</summary>
public abstract class SurveyConcurrencyTests(TestApp app)
{
    [Fact]
    public async Task Parallel_submissions_of_one_town_never_exceed_its_quota()
    {
        var village = await app.SignIn("luoman.cun");
        var ids = new List<Guid>();
        for (var i = 0; i < 71; i++)
        {
            ids.Add(await Api.Register(village, Api.Eligible(name: "并发报送")));
        }
        int counted;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            counted = await db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && !h.IsReserve
                && h.Status >= HouseholdStatus.SubmittedByTown && h.Status < HouseholdStatus.Returned);
            var programme = await db.Programmes.SingleAsync();
            programme.SetTownQuota(DemoData.Luoman, counted + 70);
            await db.SaveChangesAsync();
        }
        var town = await app.SignIn("luoman.dangwei");

        // 24 + 24 + 23 = 71 against 70 places: any two fit, all three do not.
        Guid[][] lists = [[.. ids.Take(24)], [.. ids.Skip(24).Take(24)], [.. ids.Skip(48)]];
        var answers = await Task.WhenAll(lists.Select(l => Api.Submit(town, l)));

        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("本镇任务数为", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var submitted = 0;
        foreach (var id in ids)
        {
            submitted += (await Api.Household(town, id)).GetProperty("status").GetString() == "镇已报送待审核" ? 1 : 0;
        }
        Assert.InRange(submitted, 47, 48);
        Assert.Empty(Logged());
    }

    [Fact]
    public async Task Parallel_submissions_of_the_same_households_one_wins_the_other_is_told()
    {
        var village = await app.SignIn("luoman.cun");
        Guid[] ids = [await Api.Register(village, Api.Eligible(name: "同单甲")), await Api.Register(village, Api.Eligible(name: "同单乙"))];
        var town = await app.SignIn("luoman.dangwei");

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Api.Submit(town, ids, ids)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var lost in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
            Assert.Contains("当前状态为“镇已报送待审核”，不能报送", await lost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Empty(Logged());
    }

    [Fact]
    public async Task Parallel_resubmits_of_one_household_one_wins_the_others_are_told()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible(name: "并发重提"));
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
        var district = await app.SignIn("qucanlian");
        var version = (await Api.Household(district, id)).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, id, "Return", "人口数不符", version)).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            village.PostAsJsonAsync($"/api/v1/households/{id}/resubmit", new { comment = "已核实" }, Api.Json)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var lost in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
            Assert.Contains("并发重提户", (await lost.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var history = (await Api.Household(village, id)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("comment").GetString()).ToList();
        Assert.Single(history, c => c == "重新提交：已核实");
        Assert.Empty(Logged());
    }

    /// <summary>Errors the app logged (a lost race logs its exception), apart from EF's check for the not yet created PostgreSQL database on start.</summary>
    private List<string> Logged() => app.Errors.Where(e =>
        !e.StartsWith("Microsoft.EntityFrameworkCore.Database.Connection: An error occurred using the connection to database", StringComparison.Ordinal)).ToList();
}

public sealed class SurveyConcurrencyTests_Sqlite(SqliteApp app) : SurveyConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyConcurrencyTests_Postgres(PostgresApp app) : SurveyConcurrencyTests(app), IClassFixture<PostgresApp>;

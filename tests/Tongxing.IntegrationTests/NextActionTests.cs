using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Each office's home page lists what waits for it, counted from the records in its area. The clock moves, so each provider gets an app of its own.</summary>
public abstract class NextActionTests(TestApp app)
{
    private static async Task<Dictionary<string, JsonElement>> Waiting(HttpClient client)
    {
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/next-actions");
        return list.EnumerateArray().ToDictionary(a => a.GetProperty("item").GetString()!, a => a);
    }

    private static async Task<Dictionary<string, int>> Counts(HttpClient client) =>
        (await Waiting(client)).ToDictionary(a => a.Key, a => a.Value.GetProperty("count").GetInt32());

    /// <summary>The home page's list as a person sees it: each line's work, count and link; every link opens.</summary>
    private static async Task<Dictionary<string, (int Count, string Text)>> HomePage(HttpClient client)
    {
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var section = page.QuerySelector("#next-actions");
        Assert.NotNull(section);
        var lines = new Dictionary<string, (int, string)>();
        foreach (var li in section.QuerySelectorAll("li[data-item]"))
        {
            var link = li.QuerySelector("a")!.GetAttribute("href")!;
            var opened = await client.GetAsync(link);
            Assert.True(opened.StatusCode == HttpStatusCode.OK, $"{link}: {opened.StatusCode}");
            lines[li.GetAttribute("data-item")!] = (int.Parse(li.QuerySelector(".tx-count")!.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), li.TextContent);
        }
        return lines;
    }

    /// <summary>Moves demo households of a village or town (still as proposed) to the given states: only the counts are under test.</summary>
    private async Task Force(string areaCode, params HouseholdStatus[] statuses)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var households = await db.Households.Where(h => (h.TownCode == areaCode || h.VillageCode == areaCode) && h.Status == HouseholdStatus.Proposed)
            .OrderBy(h => h.Id).Take(statuses.Length).ToListAsync();
        for (var i = 0; i < statuses.Length; i++)
        {
            households[i].ForceStatusForLoadTest(statuses[i]);
        }
        await db.SaveChangesAsync();
    }

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private async Task<int> Proposed(string townCode)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // Only what the town can send: households the screening found eligible.
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.CountAsync(h => h.TownCode == townCode && h.Status == HouseholdStatus.Proposed
            && (h.Screening == ScreeningOutcome.Eligible || h.Screening == ScreeningOutcome.EligiblePriority));
    }

    [Fact]
    public async Task Each_office_sees_what_waits_for_it_in_its_area_with_counts_links_and_deadlines()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Api.Register(village, Api.Eligible(name: "韦待办" + "甲乙丙丁戊"[i])));
        }
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [.. ids])).StatusCode);
        foreach (var id in ids.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, id, "Accept", null, (await Api.Household(district, id)).GetProperty("version").GetInt32())).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, ids[3], "Return", "家庭人均收入与佐证材料不符", (await Api.Household(district, ids[3])).GetProperty("version").GetInt32())).StatusCode);
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { ids[0], ids[1] }, startDate = "2020-04-05" }, Api.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        // Further along the chain: one household at each approval step in 洛满村, and one waiting for the district in 流山镇.
        await Force(DemoData.LuomanVillage, HouseholdStatus.NoticePassed, HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown, HouseholdStatus.ApprovedByDistrict);
        await Force(DemoData.Liushan, HouseholdStatus.ApprovedByTown);

        // The village: the returned household, the accepted one without a notice, the application and its own approval.
        var mine = await Counts(village);
        Assert.Equal(new Dictionary<string, int> { ["CorrectReturned"] = 1, ["PostNotice"] = 1, ["Apply"] = 1, ["ApproveByVillage"] = 1 }, mine);
        var home = await HomePage(village);
        Assert.Equal(mine, home.ToDictionary(h => h.Key, h => h.Value.Count));
        Assert.Contains("区残联退回的对象", home["CorrectReturned"].Text, StringComparison.Ordinal);
        Assert.Contains("截止4月16日（还有11天）", home["CorrectReturned"].Text, StringComparison.Ordinal);
        Assert.Contains("截止4月29日", home["PostNotice"].Text, StringComparison.Ordinal);
        Assert.Equal("/Households?Status=Returned", (await Waiting(village))["CorrectReturned"].GetProperty("link").GetString());
        Assert.Contains("共 1 户", await village.GetStringAsync("/Households?Status=Returned"), StringComparison.Ordinal);

        // Another village of the same town has none of it.
        Assert.Empty(await Counts(await app.SignIn("guzhou.cun")));
        Assert.DoesNotContain("data-item", await (await app.SignIn("guzhou.cun")).GetStringAsync("/"), StringComparison.Ordinal);

        // The town committee: what the villages proposed and it has not sent, approval at its level, filing; the town federation only the 附件1.
        var proposed = await Proposed(DemoData.Luoman);
        Assert.True(proposed > 0);
        var all = await With(db => db.Households.CountAsync(h => h.TownCode == DemoData.Luoman && h.Status == HouseholdStatus.Proposed));
        Assert.True(all > proposed, "the demo has households screened out, which the town cannot send");
        Assert.Equal(new Dictionary<string, int> { ["SubmitSurvey"] = proposed, ["ApproveByTown"] = 1, ["File"] = 1 }, await Counts(town));
        Assert.Equal(await Counts(town), (await HomePage(town)).ToDictionary(h => h.Key, h => h.Value.Count));
        Assert.Contains("截止4月9日（还有4天）", (await HomePage(town))["SubmitSurvey"].Text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["SubmitSurvey"] = proposed }, await Counts(await app.SignIn("luoman.canlian")));
        Assert.Equal(await Proposed(DemoData.Liushan), (await Counts(await app.SignIn("liushan.dangwei")))["SubmitSurvey"]);

        // The district federation: the town that has sent no 附件1 yet (流山镇), the submission still to review, approvals at
        // its level from both towns.
        Assert.Equal(new Dictionary<string, int> { ["ChaseSurveys"] = 1, ["ReviewSurvey"] = 1, ["ApproveByDistrict"] = 2 }, await Counts(district));
        var districtHome = await HomePage(district);
        Assert.Equal(await Counts(district), districtHome.ToDictionary(h => h.Key, h => h.Value.Count));
        Assert.Contains("尚未报送汇总表（附件1）的镇，请督促：流山镇", districtHome["ChaseSurveys"].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("洛满镇", districtHome["ChaseSurveys"].Text, StringComparison.Ordinal);
        Assert.Contains("截止4月9日（还有4天）", districtHome["ChaseSurveys"].Text, StringComparison.Ordinal);
        Assert.Equal("/Survey", (await Waiting(district))["ChaseSurveys"].GetProperty("link").GetString());

        // Offices that only watch have nothing waiting, and the page says so.
        var organisation = await app.SignIn("quzuzhibu");
        Assert.Empty(await Counts(organisation));
        Assert.Contains("目前没有等待您办理的事项", await organisation.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/me/next-actions")).StatusCode);

        // After the notice period the notice waits to be confirmed; the returned household is now overdue.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 12, 2, 0, 0, TimeSpan.Zero));
        Assert.Contains("已逾期3天", (await HomePage(await app.SignIn("qucanlian")))["ChaseSurveys"].Text, StringComparison.Ordinal);
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 20, 2, 0, 0, TimeSpan.Zero));
        // Once the survey phase is over, a town's missing 附件1 is no longer chased there (调查摸底 keeps the record).
        Assert.DoesNotContain("ChaseSurveys", (await Counts(await app.SignIn("qucanlian"))).Keys);
        village = await app.SignIn("luoman.cun");
        var later = await Waiting(village);
        Assert.Equal(1, later["PassNotice"].GetProperty("count").GetInt32());
        Assert.Equal("/Notices", later["PassNotice"].GetProperty("link").GetString());
        Assert.True(later["CorrectReturned"].GetProperty("overdue").GetBoolean());
        var overdue = await HomePage(village);
        Assert.Contains("已逾期4天", overdue["CorrectReturned"].Text, StringComparison.Ordinal);
        Assert.Contains("公示期已满", overdue["PassNotice"].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_level_reads_its_own_task_on_the_home_page_and_the_city_and_region_are_sent_to_the_progress_page()
    {
        static async Task<string> Home(HttpClient client) => new HtmlParser().ParseDocument(await client.GetStringAsync("/")).Body!.TextContent;
        Assert.Contains("全区任务 152 户，已登记", await Home(await app.SignIn("qucanlian")), StringComparison.Ordinal);
        Assert.Contains("本镇任务 70 户（全区 152 户），本镇已登记", await Home(await app.SignIn("luoman.dangwei")), StringComparison.Ordinal);
        Assert.Contains("本镇任务 70 户（全区 152 户），本村已登记", await Home(await app.SignIn("luoman.cun")), StringComparison.Ordinal);
        foreach (var (user, whole) in new[] { ("shicanlian", "全市"), ("zizhiqu.canlian", "全区") })
        {
            var client = await app.SignIn(user);
            var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
            Assert.DoesNotContain("尚未配置帮扶项目", home.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains($"{whole}各县（市、区）的任务、进度", home.Body.TextContent, StringComparison.Ordinal);
            Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/Dashboard" && a.TextContent.Contains("工作进度", StringComparison.Ordinal));
        }
    }
}

public sealed class NextActionTests_Sqlite(SqliteApp app) : NextActionTests(app), IClassFixture<SqliteApp>;

public sealed class NextActionTests_Postgres(PostgresApp app) : NextActionTests(app), IClassFixture<PostgresApp>;

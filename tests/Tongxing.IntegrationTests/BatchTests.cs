using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Select many → one action, by the page and by the API: each household checked on its own, a result for each.</summary>
public abstract class BatchTests(TestApp app)
{
    private static async Task<HttpResponseMessage> Batch(HttpClient client, string action, Guid[] households, string? comment = null) =>
        await client.PostAsJsonAsync("/api/v1/households/batch", new { action, comment, households }, Api.Json);

    private static async Task<Dictionary<Guid, JsonElement>> Items(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetGuid());
    }

    private static string Status(JsonElement item) => item.GetProperty("status").GetString()!;

    /// <summary>Posts a page's form with repeated fields (the ticked boxes), with the page's antiforgery token.</summary>
    private static async Task<string> PostPage(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = TestApp.AntiforgeryToken(await client.GetStringAsync(page));
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Puts households straight into a state of the chain (the notice's own rules are tested with the notice).</summary>
    private async Task Place(HouseholdStatus status, params Guid[] ids)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        foreach (var h in await db.Households.Where(h => ids.Contains(h.Id)).ToListAsync())
        {
            h.ForceStatusForLoadTest(status);
        }
        await db.SaveChangesAsync();
    }

    private static async Task<string> StatusOf(HttpClient client, Guid id) => (await Api.Household(client, id)).GetProperty("status").GetString()!;

    [Fact]
    public async Task District_reviews_many_at_once_a_refused_one_does_not_stop_the_others()
    {
        var village = await app.SignIn("luoman.cun");
        var a = await Api.Register(village, Api.Eligible(name: "批审甲"));
        var b = await Api.Register(village, Api.Eligible(name: "批审乙"));
        var c = await Api.Register(village, Api.Eligible(name: "批审丙"));
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [a, b, c], [a, b, c])).StatusCode);
        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, c, "Accept", null, (await Api.Household(district, c)).GetProperty("version").GetInt32())).StatusCode);
        var unknown = Guid.NewGuid();

        // Returning asks for a reason once, at the field, and returns none.
        var noReason = await Batch(district, "Return", [a, b]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("请填写退回原因", (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Comment")[0].GetString());

        var items = await Items(await Batch(district, "Accept", [a, c, unknown, b]));
        Assert.Equal("Ok", Status(items[a]));
        Assert.Equal("Ok", Status(items[b]));
        Assert.Equal("Invalid", Status(items[c]));
        Assert.Contains("不能审核", items[c].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("NotFound", Status(items[unknown]));
        Assert.Equal("区残联审核通过", await StatusOf(district, a));
        Assert.Equal("区残联审核通过", await StatusOf(district, b));

        // Only the district federation reviews: another office is refused as a whole.
        Assert.Equal(HttpStatusCode.Forbidden, (await Batch(town, "Accept", [a])).StatusCode);
    }

    [Fact]
    public async Task District_reviews_a_towns_list_filtered_by_status_on_the_page()
    {
        var village = await app.SignIn("luoman.cun");
        var a = await Api.Register(village, Api.Eligible(name: "页审甲"));
        var b = await Api.Register(village, Api.Eligible(name: "页审乙"));
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [a, b], [a, b])).StatusCode);
        var district = await app.SignIn("qucanlian");

        var board = await district.GetFromJsonAsync<JsonElement>($"/api/v1/survey?town={DemoData.Luoman}&status=SubmittedByTown");
        var listed = board.GetProperty("candidates").EnumerateArray().ToList();
        Assert.All(listed, c => Assert.Equal("镇已报送待审核", c.GetProperty("status").GetString()));
        Assert.Contains(listed, c => c.GetProperty("id").GetGuid() == a);
        var filtered = await district.GetStringAsync($"/Survey?town={DemoData.Luoman}&status=SubmittedByTown");
        Assert.Contains("页审甲", filtered, StringComparison.Ordinal);
        Assert.Contains("data-label=\"状态\" class=\"text-nowrap\">镇已报送待审核", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-label=\"状态\" class=\"text-nowrap\">区残联审核通过", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-label=\"状态\" class=\"text-nowrap\">村已提名", filtered, StringComparison.Ordinal);

        var page = $"/Survey?town={DemoData.Luoman}&status=SubmittedByTown";
        var html = await PostPage(district, page, $"/Survey?handler=Return&town={DemoData.Luoman}&status=SubmittedByTown",
            [new("Households", a.ToString()), new("Households", b.ToString()), new("Reason", "家庭人口数与户籍不符")]);
        Assert.Contains("批量办理“退回村（社区）”：已办理2户", html, StringComparison.Ordinal);
        Assert.Equal("区残联已退回", await StatusOf(district, a));
        Assert.Equal("区残联已退回", await StatusOf(district, b));
    }

    [Fact]
    public async Task Every_approval_step_takes_many_at_once_and_another_areas_household_is_not_found_and_untouched()
    {
        var luoman = await app.SignIn("luoman.cun");
        var a = await Api.Register(luoman, Api.Eligible(name: "批批甲"));
        var b = await Api.Register(luoman, Api.Eligible(name: "批批乙"));
        var guzhou = await app.SignIn("guzhou.cun");
        var other = await Api.Register(guzhou, Api.Eligible(DemoData.GuzhouVillage, "别村户"));
        await Place(HouseholdStatus.NoticePassed, a, b, other);

        // The village applies for its two; the other village's household is not found and stays as it was.
        var applied = await Items(await Batch(luoman, "Apply", [a, other, b]));
        Assert.Equal("Ok", Status(applied[a]));
        Assert.Equal("Ok", Status(applied[b]));
        Assert.Equal("NotFound", Status(applied[other]));
        Assert.Equal(JsonValueKind.Null, applied[other].GetProperty("headName").ValueKind);
        Assert.Equal("公示通过", await StatusOf(guzhou, other));

        // The village approves on the page: the queue lists its households waiting, the result names each.
        var waiting = await luoman.GetFromJsonAsync<JsonElement>("/api/v1/approvals?step=ApproveByVillage");
        Assert.Equal(["Apply", "ApproveByVillage"], waiting.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(2, waiting.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("id").GetGuid() == a || r.GetProperty("id").GetGuid() == b));
        Assert.DoesNotContain(waiting.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetGuid() == other);
        var queue = await luoman.GetStringAsync("/Approvals?step=ApproveByVillage");
        Assert.Contains("批批甲", queue, StringComparison.Ordinal);
        var html = await PostPage(luoman, "/Approvals?step=ApproveByVillage", "/Approvals",
            [new("Step", "ApproveByVillage"), new("Households", a.ToString()), new("Households", b.ToString()), new("Comment", "村两委会议通过")]);
        Assert.Contains("批量办理“村党组织审批同意”：已办理2户", html, StringComparison.Ordinal);

        // Another town's committee finds neither; this town's approves both, then the district, then the town files.
        var liushan = await Items(await Batch(await app.SignIn("liushan.dangwei"), "ApproveByTown", [a, b]));
        Assert.All(liushan.Values, i => Assert.Equal("NotFound", Status(i)));
        Assert.Equal("村党组织已审批", await StatusOf(luoman, a));
        var town = await app.SignIn("luoman.dangwei");
        Assert.All((await Items(await Batch(town, "ApproveByTown", [a, b]))).Values, i => Assert.Equal("Ok", Status(i)));
        var district = await app.SignIn("qucanlian");
        // The district's queue names each household's town (it acts for several); the village's does not.
        var districtQueue = await district.GetStringAsync("/Approvals?step=ApproveByDistrict");
        Assert.Contains("<td data-label=\"乡镇\">洛满镇</td>", districtQueue, StringComparison.Ordinal);
        Assert.DoesNotContain("data-label=\"乡镇\"", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Batch(district, "File", [a, b])).StatusCode);
        Assert.All((await Items(await Batch(district, "ApproveByDistrict", [a, b]))).Values, i => Assert.Equal("Ok", Status(i)));
        var filed = await PostPage(town, "/Approvals?step=File", "/Approvals", [new("Step", "File"), new("Households", a.ToString()), new("Households", b.ToString())]);
        Assert.Contains("批量办理“镇党委备案”：已办理2户", filed, StringComparison.Ordinal);
        Assert.Equal("已备案", await StatusOf(luoman, a));
        Assert.Equal("已备案", await StatusOf(luoman, b));

        // Every household's history records its own step by the office that took it.
        var history = (await Api.Household(luoman, a)).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("comment").GetString()).ToList();
        Assert.Contains("村党组织审批同意：村两委会议通过", history);
        Assert.Equal(HttpStatusCode.Forbidden, (await Batch(await app.SignIn("quzuzhibu"), "ApproveByDistrict", [a])).StatusCode);
    }
}

public sealed class BatchTests_Sqlite(SqliteApp app) : BatchTests(app), IClassFixture<SqliteApp>;

public sealed class BatchTests_Postgres(PostgresApp app) : BatchTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>Helpers for the survey tests: register through the API, read the board, submit and review.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<Guid> Register(HttpClient client, HouseholdInput input)
    {
        var response = await client.PostAsJsonAsync("/api/v1/households", input, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static HouseholdInput Eligible(string village = DemoData.LuomanVillage, string? name = null)
    {
        var input = Households.Valid(village, name);
        input.WillToWork = true;
        input.ProjectFeasible = true;
        return input;
    }

    public static async Task<JsonElement> Household(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}");

    public static async Task<HttpResponseMessage> Submit(HttpClient town, Guid[] regular, Guid[]? reserves = null) =>
        await town.PostAsJsonAsync("/api/v1/survey/submissions", new { households = regular, reserves = reserves ?? [] }, Json);

    public static async Task<HttpResponseMessage> Review(HttpClient district, Guid id, string decision, string? reason, int version) =>
        await district.PostAsJsonAsync($"/api/v1/households/{id}/review", new { decision, reason, version }, Json);
}

public abstract class SurveyTests(TestApp app)
{
    [Fact]
    public async Task Registration_is_screened_at_once_with_reasons()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Api.Eligible();
        input.PerCapitaIncome = "4999.99";
        var id = await Api.Register(village, input);
        var screening = await village.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}/screening");
        Assert.Equal("EligiblePriority", screening.GetProperty("outcome").GetString());
        Assert.Contains(screening.GetProperty("rules").EnumerateArray(), r => r.GetProperty("rule").GetString() == "劳动年龄" && r.GetProperty("verdict").GetString() == "Passed");

        var list = await village.GetFromJsonAsync<JsonElement>($"/api/v1/households?screening=EligiblePriority&q={input.Members[0].IdNumber}");
        Assert.Equal("重点扶持对象", list.GetProperty("items")[0].GetProperty("screeningLabel").GetString());
    }

    [Fact]
    public async Task Same_person_in_another_village_is_refused_without_naming_a_place_the_user_cannot_see()
    {
        var luoman = await app.SignIn("luoman.cun");
        var input = Api.Eligible(name: "覃重复");
        await Api.Register(luoman, input);

        var guzhou = await app.SignIn("guzhou.cun");
        var again = Households.Valid(DemoData.GuzhouVillage);
        again.Members[1].IdNumber = input.Members[0].IdNumber;
        again.Members[1].Gender = Gender.Male;
        var response = await guzhou.PostAsJsonAsync("/api/v1/households", again, Api.Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Members[1].IdNumber")[0].GetString();
        Assert.Equal("该人员已在本项目其他地区登记，一人只能登记一次", message);
    }

    [Fact]
    public async Task Same_person_twice_in_ones_own_area_names_where_they_are_whatever_the_id_format()
    {
        var luoman = await app.SignIn("luoman.cun");
        var first = Api.Eligible(name: "莫十五");
        first.Members[0].IdNumber = "450204610501013";
        first.Members[0].CertificateNumber = null;
        await Api.Register(luoman, first);

        var second = Api.Eligible();
        second.Members[1].IdNumber = ResidentId.Parse("450204610501013").Value!.Value;
        second.Members[1].Gender = Gender.Male;
        var response = await luoman.PostAsJsonAsync("/api/v1/households", second, Api.Json);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Members[1].IdNumber")[0].GetString();
        Assert.Equal("该人员已在洛满镇洛满村委会莫十五户登记，本项目一人只能登记一次", message);
    }

    [Fact]
    public async Task Returned_household_is_seen_by_the_village_with_the_reason_corrected_and_resubmitted()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Api.Eligible(name: "黄退回");
        var id = await Api.Register(village, input);
        var town = await app.SignIn("luoman.dangwei");
        var submitted = await Api.Submit(town, [id], [id]);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);

        var district = await app.SignIn("qucanlian");
        var h = await Api.Household(district, id);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Review(district, id, "Return", "", h.GetProperty("version").GetInt32())).StatusCode);
        var returned = await Api.Review(district, id, "Return", "家庭人口数与户籍不符，请核实", h.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        var list = await village.GetFromJsonAsync<JsonElement>("/api/v1/households?status=Returned&q=黄退回");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var page = await village.GetStringAsync($"/Households/Details/{id}");
        Assert.Contains("家庭人口数与户籍不符，请核实", page, StringComparison.Ordinal);

        var detail = await Api.Household(village, id);
        input.Size = 3;
        var corrected = await village.PutAsJsonAsync($"/api/v1/households/{id}?version={detail.GetProperty("version").GetInt32()}", input, Api.Json);
        Assert.Equal(HttpStatusCode.NoContent, corrected.StatusCode);
        var resubmitted = await village.PostAsJsonAsync($"/api/v1/households/{id}/resubmit", new { comment = "已改为3人" }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);

        var after = await Api.Household(village, id);
        Assert.Equal("村已提名", after.GetProperty("status").GetString());
        Assert.Equal(3, after.GetProperty("size").GetInt32());
        var steps = after.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("to").GetString()).ToList();
        Assert.Equal(["村已提名", "村已提名", "镇已报送待审核", "区残联已退回", "区残联已退回", "村已提名"], steps);
        Assert.Contains(after.GetProperty("history").EnumerateArray(), e => e.GetProperty("comment").GetString() == "退回：家庭人口数与户籍不符，请核实");
    }

    [Fact]
    public async Task Two_reviewers_at_once_one_wins_the_other_is_told()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible(name: "潘并发"));
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
        var district = await app.SignIn("qucanlian");
        var version = (await Api.Household(district, id)).GetProperty("version").GetInt32();

        var first = await Api.Review(district, id, "Accept", null, version);
        var second = await Api.Review(district, id, "Return", "重复审核", version);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已被他人处理", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("区残联审核通过", (await Api.Household(district, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_district_federation_reviews_and_only_towns_submit()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Submit(village, [id])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Submit(await app.SignIn("liushan.dangwei"), [id], [id])).StatusCode);
        var town = await app.SignIn("luoman.dangwei");
        await Api.Submit(town, [id], [id]);
        var org = await app.SignIn("quzuzhibu");
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Review(org, id, "Accept", null, 3)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.Review(town, id, "Accept", null, 3)).StatusCode);
    }

    [Fact]
    public async Task Ineligible_households_cannot_be_submitted_and_nothing_of_the_batch_is_sent()
    {
        var village = await app.SignIn("luoman.cun");
        var good = await Api.Register(village, Api.Eligible());
        var bad = Api.Eligible();
        bad.Poverty = PovertyStatus.NotRegistered;
        var badId = await Api.Register(village, bad);
        var town = await app.SignIn("luoman.dangwei");
        var response = await Api.Submit(town, [good, badId], [good, badId]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不符合条件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("村已提名", (await Api.Household(town, good)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Town_board_shows_quota_deadline_and_villages_without_candidates()
    {
        var town = await app.SignIn("luoman.dangwei");
        var board = await town.GetFromJsonAsync<JsonElement>("/api/v1/survey");
        var luoman = board.GetProperty("towns").EnumerateArray().Single();
        Assert.Equal(70, luoman.GetProperty("quota").GetInt32());
        Assert.Contains("4月9日", luoman.GetProperty("deadline").GetString(), StringComparison.Ordinal);
        Assert.True(board.GetProperty("candidates").GetArrayLength() > 0);

        var district = await app.SignIn("qucanlian");
        var all = await district.GetFromJsonAsync<JsonElement>("/api/v1/survey");
        Assert.Equal(["洛满镇", "流山镇"], all.GetProperty("towns").EnumerateArray().Select(t => t.GetProperty("townName").GetString()));
        var html = await district.GetStringAsync("/Survey");
        Assert.Contains("尚无提名的村", html, StringComparison.Ordinal);
    }
}

public sealed class SurveyTests_Sqlite(SqliteApp app) : SurveyTests(app), IClassFixture<SqliteApp>;

public sealed class SurveyTests_Postgres(PostgresApp app) : SurveyTests(app), IClassFixture<PostgresApp>;

/// <summary>Quota and re-screening change shared state, so each runs on an app of its own.</summary>
public abstract class QuotaTests(TestApp app)
{
    [Fact]
    public async Task Town_cannot_submit_beyond_its_quota_unless_extra_households_are_reserves()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var programme = await db.Programmes.SingleAsync();
            programme.SetTownQuota(DemoData.Luoman, 2);
            programme.SetTownQuota(DemoData.Liushan, 150);
            await db.SaveChangesAsync();
        }
        var village = await app.SignIn("luoman.cun");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Api.Register(village, Api.Eligible()));
        }
        var town = await app.SignIn("luoman.dangwei");
        var over = await Api.Submit(town, [.. ids]);
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains("最多还能报送2户", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // As the page sends it: 列为备选 ticked on top of 报送 makes the household a reserve, counted once.
        var ok = await Api.Submit(town, [.. ids], [ids[2]]);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var board = await town.GetFromJsonAsync<JsonElement>("/api/v1/survey");
        var luoman = board.GetProperty("towns")[0];
        Assert.Equal(2, luoman.GetProperty("submitted").GetInt32());
        Assert.Equal(1, luoman.GetProperty("reserves").GetInt32());

        var district = await app.SignIn("qucanlian");
        var reserve = await Api.Household(district, ids[2]);
        Assert.True(reserve.GetProperty("isReserve").GetBoolean());
        var extra = await Api.Register(village, Api.Eligible());
        Assert.Equal(HttpStatusCode.Conflict, (await Api.Submit(town, [extra])).StatusCode);
    }

    [Fact]
    public async Task Changing_a_parameter_rescreens_and_the_history_says_why()
    {
        var district = await app.SignIn("qucanlian");
        var before = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?screening=EligiblePriority&pageSize=1");
        var response = await district.PutAsJsonAsync("/api/v1/programmes/current/eligibility", new
        {
            referenceDate = "2020-04-02",
            maleMinAge = 16,
            maleMaxAge = 59,
            femaleMinAge = 16,
            femaleMaxAge = 54,
            priorityIncomeThreshold = "8000",
            blockEarlierSupported = false,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(result.GetProperty("changed").GetInt32() > 0);
        var after = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?screening=EligiblePriority&pageSize=1");
        Assert.True(after.GetProperty("total").GetInt32() > before.GetProperty("total").GetInt32());
        var eligibleNow = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?screening=Eligible&pageSize=100");
        Assert.Equal(0, eligibleNow.GetProperty("total").GetInt32());
        var someone = after.GetProperty("items")[0].GetProperty("id").GetGuid();
        var history = (await Api.Household(district, someone)).GetProperty("history").EnumerateArray().Last().GetProperty("comment").GetString();
        Assert.Contains("项目参数调整", history, StringComparison.Ordinal);

        var village = await app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PutAsJsonAsync("/api/v1/programmes/current/eligibility", new { priorityIncomeThreshold = "1" })).StatusCode);
    }
}

public sealed class QuotaTests_Sqlite(SqliteApp app) : QuotaTests(app), IClassFixture<SqliteApp>;

public sealed class QuotaTests_Postgres(PostgresApp app) : QuotaTests(app), IClassFixture<PostgresApp>;

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

public abstract class HouseholdTests(TestApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private async Task<int> CountHouseholds()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.CountAsync();
    }

    private static async Task<Guid> Register(HttpClient client, HouseholdInput input)
    {
        var response = await client.PostAsJsonAsync("/api/v1/households", input, Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Village_branch_registers_a_household_through_the_api_and_sees_it_in_full()
    {
        var client = await app.SignIn("luoman.cun");
        var input = Households.Valid(headName: "蓝秀英");
        var id = await Register(client, input);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}");
        Assert.Equal("蓝秀英", detail.GetProperty("headName").GetString());
        Assert.Equal("4,200.50", detail.GetProperty("perCapitaIncome").GetString());
        var head = detail.GetProperty("members").EnumerateArray().First();
        Assert.Equal(input.Members[0].IdNumber, head.GetProperty("idNumber").GetString());
        Assert.Equal("肢体残疾二级", head.GetProperty("disability").GetString());
        Assert.Equal("登记帮扶对象", detail.GetProperty("history")[0].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Income_is_stored_in_fen()
    {
        var client = await app.SignIn("luoman.cun");
        var id = await Register(client, Households.Valid());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var fen = await db.Households.Where(h => h.Id == id).Select(h => h.PerCapitaIncome).SingleAsync();
        Assert.Equal(420_050, fen.Fen);
    }

    [Fact]
    public async Task Bad_id_is_refused_with_the_field_and_nothing_is_saved()
    {
        var client = await app.SignIn("luoman.cun");
        var input = Households.Valid();
        var good = input.Members[1].IdNumber!;
        input.Members[1].IdNumber = good[..17] + (good[17] == '0' ? '1' : '0');
        var before = await CountHouseholds();

        var response = await client.PostAsJsonAsync("/api/v1/households", input, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("Members[1].IdNumber")[0].GetString();
        Assert.Contains("校验位", message, StringComparison.Ordinal);
        Assert.Equal(before, await CountHouseholds());
    }

    [Fact]
    public async Task Legacy_15_digit_id_is_accepted_and_stored_as_18()
    {
        var client = await app.SignIn("luoman.cun");
        var input = Households.Valid(headId: "110105491231003");
        input.Members[0].CertificateNumber = null;
        var id = await Register(client, input);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}");
        Assert.Equal(ResidentId.Parse("110105491231003").Value!.Value, detail.GetProperty("members")[0].GetProperty("idNumber").GetString());
    }

    [Fact]
    public async Task Income_sent_as_a_json_number_is_accepted()
    {
        var client = await app.SignIn("luoman.cun");
        var json = JsonSerializer.Serialize(Households.Valid(), Json).Replace("\"perCapitaIncome\":\"4200.50\"", "\"perCapitaIncome\":3999.9", StringComparison.Ordinal);
        var response = await client.PostAsync("/api/v1/households", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task List_masks_id_numbers_and_finds_by_name_and_by_id()
    {
        var client = await app.SignIn("luoman.cun");
        var input = Households.Valid(headName: "覃搜索");
        await Register(client, input);
        var id = input.Members[0].IdNumber!;

        var byName = await client.GetFromJsonAsync<JsonElement>("/api/v1/households?q=覃搜索");
        var row = byName.GetProperty("items").EnumerateArray().Single();
        Assert.Equal($"{id[..6]}********{id[^4..]}", row.GetProperty("headIdMasked").GetString());
        Assert.DoesNotContain(id, byName.GetRawText(), StringComparison.Ordinal);

        var byId = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households?q={id}");
        Assert.Equal("覃搜索", byId.GetProperty("items")[0].GetProperty("headName").GetString());
        // The last digits, through the members' reversed IDs: this household among those whose head's ID ends so.
        var byTail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households?q={id[^8..]}&pageSize=100");
        Assert.Contains(byTail.GetProperty("items").EnumerateArray(), r => r.GetProperty("headName").GetString() == "覃搜索");
        var shifted = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households?q={id[^9..^1]}&pageSize=100");
        Assert.DoesNotContain(shifted.GetProperty("items").EnumerateArray(), r => r.GetProperty("headName").GetString() == "覃搜索");

        var page = await client.GetStringAsync("/Households?Q=覃搜索");
        Assert.Contains($"{id[..6]}********{id[^4..]}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(id, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_pages_and_filters_in_the_users_area()
    {
        var district = await app.SignIn("qucanlian");
        var all = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?pageSize=10");
        Assert.True(all.GetProperty("total").GetInt32() >= 200);
        Assert.Equal(10, all.GetProperty("items").GetArrayLength());

        var liushan = await district.GetFromJsonAsync<JsonElement>($"/api/v1/households?town={DemoData.Liushan}&pageSize=100");
        Assert.True(liushan.GetProperty("total").GetInt32() > 0);
        Assert.All(liushan.GetProperty("items").EnumerateArray(), r => Assert.Equal("流山镇", r.GetProperty("townName").GetString()));

        var second = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?pageSize=10&page=2");
        Assert.NotEqual(all.GetProperty("items")[0].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());

        var village = await app.SignIn("guzhou.cun");
        var own = await village.GetFromJsonAsync<JsonElement>("/api/v1/households?pageSize=100");
        Assert.True(own.GetProperty("total").GetInt32() > 0);
        Assert.All(own.GetProperty("items").EnumerateArray(), r => Assert.Equal("古洲村委会", r.GetProperty("villageName").GetString()));
        Assert.Single(own.GetProperty("villages").EnumerateArray());
    }

    [Fact]
    public async Task The_total_counts_every_matching_household_on_any_page_and_past_the_last()
    {
        // The page's rows and the total come back from one query (the count as a subquery); past the last page there
        // is no row to carry it, and the total is counted on its own.
        var district = await app.SignIn("qucanlian");
        int inTown, namedWei;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            inTown = await db.Households.CountAsync(h => h.TownCode == DemoData.Liushan);
            // Counted another way than the list does: through the members' names, not the household's search keys.
            namedWei = await db.Households.CountAsync(h => h.DistrictCode == DemoData.LiunanDistrict && db.Members.Any(m => m.HouseholdId == h.Id && EF.Functions.Like(m.Name, "%韦%")));
        }
        Assert.True(inTown > 10);
        var lastPage = (inTown + 9) / 10;
        foreach (var page in new[] { 1, lastPage, lastPage + 1, 999 })
        {
            var list = await district.GetFromJsonAsync<JsonElement>($"/api/v1/households?town={DemoData.Liushan}&pageSize=10&page={page}");
            Assert.Equal(inTown, list.GetProperty("total").GetInt32());
            Assert.Equal(page < lastPage ? 10 : page == lastPage ? inTown - (10 * (lastPage - 1)) : 0, list.GetProperty("items").GetArrayLength());
        }

        // A search: the total is the number of households with a member so named, and the pages hold them all.
        var seen = new HashSet<Guid>();
        var first = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?q=韦&pageSize=7");
        for (var page = 1; page <= (first.GetProperty("total").GetInt32() + 6) / 7; page++)
        {
            var list = await district.GetFromJsonAsync<JsonElement>($"/api/v1/households?q=韦&pageSize=7&page={page}");
            seen.UnionWith(list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        }
        Assert.True(seen.Count > 7);
        Assert.Equal(namedWei, first.GetProperty("total").GetInt32());
        Assert.Equal(namedWei, seen.Count);

        var none = await district.GetFromJsonAsync<JsonElement>("/api/v1/households?q=无此人名");
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Contains("共 0 户", await district.GetStringAsync("/Households?Q=无此人名"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_villages_household_is_404_by_url_and_api_and_absent_from_lists()
    {
        var luoman = await app.SignIn("luoman.cun");
        var id = await Register(luoman, Households.Valid(headName: "韦隔离"));

        var guzhou = await app.SignIn("guzhou.cun");
        Assert.Equal(HttpStatusCode.NotFound, (await guzhou.GetAsync($"/api/v1/households/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guzhou.GetAsync($"/Households/Details/{id}")).StatusCode);
        var list = await guzhou.GetFromJsonAsync<JsonElement>("/api/v1/households?q=韦隔离");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        var table = new HtmlParser().ParseDocument(await guzhou.GetStringAsync("/Households?Q=韦隔离")).QuerySelector("table tbody")!.TextContent;
        Assert.DoesNotContain("韦隔离", table, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的帮扶对象", table, StringComparison.Ordinal);

        var otherTown = await app.SignIn("liushan.dangwei");
        Assert.Equal(HttpStatusCode.NotFound, (await otherTown.GetAsync($"/api/v1/households/{id}")).StatusCode);

        var ownTown = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await ownTown.GetAsync($"/api/v1/households/{id}")).StatusCode);
    }

    [Fact]
    public async Task Village_user_cannot_register_into_another_village()
    {
        var guzhou = await app.SignIn("guzhou.cun");
        var before = await CountHouseholds();
        var response = await guzhou.PostAsJsonAsync("/api/v1/households", Households.Valid(DemoData.LuomanVillage), Json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("VillageCode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountHouseholds());
    }

    [Theory]
    [InlineData("luoman.dangwei")]
    [InlineData("qucanlian")]
    [InlineData("caizheng")]
    [InlineData("bangfuren")]
    public async Task Only_village_branches_register_households(string user)
    {
        var client = await app.SignIn(user);
        var response = await client.PostAsJsonAsync("/api/v1/households", Households.Valid(), Json);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Households/Register")).StatusCode);
    }

    [Theory]
    [InlineData("caizheng")]
    [InlineData("bangfuren")]
    [InlineData("shicanlian")]
    [InlineData("zizhiqu.canlian")]
    public async Task Roles_without_the_list_get_403(string user)
    {
        var client = await app.SignIn(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);
    }

    [Fact]
    public async Task Organization_department_sees_the_household_with_personal_data_masked()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Households.Valid();
        var id = await Register(village, input);
        var org = await app.SignIn("quzuzhibu");
        var detail = await org.GetStringAsync($"/api/v1/households/{id}");
        Assert.DoesNotContain(input.Members[0].IdNumber!, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("13877001234", detail, StringComparison.Ordinal);
        Assert.Contains("138****1234", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("肢体", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(input.Members[0].CertificateNumber!, detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.GetAsync("/api/v1/survey/attachment1?town=450204101000")).StatusCode);
        using var ledger = new System.IO.Compression.ZipArchive(new MemoryStream(await org.GetByteArrayAsync("/api/v1/ledger/export")));
        var sheet = string.Concat(ledger.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains($"{input.Members[0].IdNumber![..6]}********{input.Members[0].IdNumber![^4..]}", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(input.Members[0].IdNumber!, sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_shows_the_id_error_at_the_field_then_saves_when_corrected()
    {
        var client = await app.SignIn("luoman.cun");
        var id = Households.NewId(Gender.Female);
        var fields = new Dictionary<string, string>
        {
            ["Input.VillageCode"] = DemoData.LuomanVillage,
            ["Input.Size"] = "1",
            ["Input.PerCapitaIncome"] = "3000",
            ["Input.Poverty"] = "Registered",
            ["Input.ProjectType"] = "Crops",
            ["Input.ProjectDescription"] = "种植沃柑3亩",
            ["Input.Members[0].Name"] = "莫表单",
            ["Input.Members[0].Gender"] = "Female",
            ["Input.Members[0].IdNumber"] = id[..17] + (id[17] == '1' ? '2' : '1'),
            ["Input.Members[0].Relation"] = "Head",
            ["Input.Members[0].LabourAbility"] = "Strong",
        };
        var before = await CountHouseholds();
        var response = await TestApp.PostForm(client, "/Households/Register", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var fieldMessage = doc.QuerySelector("[data-valmsg-for='Input.Members[0].IdNumber']")!.TextContent;
        Assert.Contains("校验位", fieldMessage, StringComparison.Ordinal);
        Assert.Equal(before, await CountHouseholds());

        fields["Input.Members[0].IdNumber"] = id;
        var saved = await TestApp.PostForm(client, "/Households/Register", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/Households/Details/", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountHouseholds());
    }

    [Fact]
    public async Task Unknown_household_id_is_404()
    {
        var client = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/households/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class HouseholdTests_Sqlite(SqliteApp app) : HouseholdTests(app), IClassFixture<SqliteApp>;

public sealed class HouseholdTests_Postgres(PostgresApp app) : HouseholdTests(app), IClassFixture<PostgresApp>;

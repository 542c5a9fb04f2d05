using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.IntegrationTests;

public static class Programmes
{
    /// <summary>Liunan's 2020 programme moved on to <paramref name="year"/>, as the form or API would send it.</summary>
    public static ProgrammeInput Input(int year)
    {
        var p = DemoData.Liunan2020();
        while (p.Year < year)
        {
            p = p.CopyForNextYear();
        }
        return ProgrammeInput.From(p);
    }

    public static async Task<int> IdOf(TestApp app, int year, string district = DemoData.LiunanDistrict)
    {
        await using var s = app.Services.CreateAsyncScope();
        return await s.ServiceProvider.GetRequiredService<TongxingDb>().Programmes.Where(p => p.DistrictCode == district && p.Year == year).Select(p => p.Id).SingleAsync();
    }

    /// <summary>A second district (柳北区, one town) with its own 2020 programme, added once per app; returns its code.</summary>
    public static async Task<string> AddOtherDistrictAsync(TestApp app)
    {
        const string other = "450205000000";
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        if (!await db.Areas.AnyAsync(a => a.Code == other))
        {
            db.Areas.AddRange(new Area(other, "柳北区", AreaLevel.District, DemoData.Liuzhou), new Area("450205101000", "石碑坪镇", AreaLevel.Town, other));
            await db.SaveChangesAsync();
        }
        if (!await db.Programmes.AnyAsync(p => p.DistrictCode == other && p.Year == 2020))
        {
            var theirs = Programme.Create(2020, other, DemoData.Liunan2020().Settings with { TownQuotas = [new("450205101000", 152)] });
            Assert.True((await CreateProgramme.AddAsync(db, theirs, ProgrammeLimits.Default, new HashSet<string> { "450205101000" }, default)).Ok);
        }
        return other;
    }

    public static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }
}

/// <summary>The programme of a year: created, copied, checked, changed within limits, in scope, once per district and year.</summary>
public abstract class ProgrammeTests(TestApp app)
{
    [Fact]
    public async Task The_district_federation_creates_a_year_and_finds_it_in_the_list_by_year()
    {
        var district = await app.SignIn("qucanlian");
        var response = await district.PostAsJsonAsync("/api/v1/programmes", Programmes.Input(2022), Api.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var list = await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes", Api.Json);
        var rows = list.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("year").GetInt32() == 2022 && r.GetProperty("id").GetInt32() == id && !r.GetProperty("current").GetBoolean());
        // The clock is in April 2020: the 2020 programme stays the one the daily pages work on.
        Assert.Contains(rows, r => r.GetProperty("year").GetInt32() == 2020 && r.GetProperty("current").GetBoolean());
        Assert.Equal(2020, (await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("year").GetInt32());

        var details = await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}", Api.Json);
        Assert.Equal("2022年柳南区“党员扶残 温暖同行”项目", details.GetProperty("settings").GetProperty("name").GetString());
        Assert.Equal(6, details.GetProperty("settings").GetProperty("phases").GetArrayLength());

        await using var s = app.Services.CreateAsyncScope();
        var audit = await s.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.Where(e => e.Entity == "Programme" && e.Action == "新增").ToListAsync();
        Assert.Contains(audit, e => e.Details!.Contains("2022年柳南区", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_copy_of_last_year_moves_the_dates_by_a_year_and_keeps_the_numbers_and_a_second_copy_conflicts()
    {
        var district = await app.SignIn("qucanlian");
        var from = await Programmes.IdOf(app, 2020);
        var response = await district.PostAsync($"/api/v1/programmes/{from}/copy", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var s = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}", Api.Json)).GetProperty("settings");
        Assert.Equal(2021, s.GetProperty("year").GetInt32());
        Assert.Equal(152, s.GetProperty("quota").GetInt32());
        Assert.Equal("2021-04-02", s.GetProperty("referenceDate").GetString());
        Assert.Equal([70, 82], s.GetProperty("townQuotas").EnumerateArray().Select(t => t.GetProperty("quota").GetInt32()));
        Assert.Equal(["70", "10", "20"], s.GetProperty("fundShares").EnumerateArray().Select(f => f.GetProperty("percent").GetString()));
        var survey = s.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "Survey");
        Assert.Equal("2021-04-09", survey.GetProperty("deadline").GetString());
        Assert.Equal(5, s.GetProperty("noticeWorkingDays").GetInt32());

        var again = await district.PostAsync($"/api/v1/programmes/{from}/copy", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("2021年度的帮扶项目已经建立", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_split_over_towns_that_does_not_add_up_and_other_bad_fields_are_refused_at_their_fields()
    {
        var district = await app.SignIn("qucanlian");
        var input = Programmes.Input(2030);
        input.TownQuotas[1].Quota = 80;
        input.SubsidyPerHousehold = "999";
        input.FundShares[2].Percent = "10";
        input.NoticeWorkingDays = 30;
        input.Phases[1].End = input.Phases[1].Start!.Value.AddDays(-1);
        var errors = await Programmes.Errors(await district.PostAsJsonAsync("/api/v1/programmes", input, Api.Json));
        Assert.Contains("各镇任务数之和（150户）应等于全区任务数（152户）", errors["TownQuotas"]);
        Assert.Contains("每户扶持资金不能低于1,000.00元", errors["SubsidyPerHousehold"]);
        Assert.Contains(errors["FundShares"], m => m.StartsWith("各级资金分担比例之和应为100%", StringComparison.Ordinal));
        Assert.Contains("公示期应为5至15个工作日", errors["NoticeWorkingDays"]);
        Assert.Contains("“审批建档”阶段的结束日期不能早于开始日期", errors["Phases[1]"]);

        var stranger = Programmes.Input(2030);
        stranger.TownQuotas[1].TownCode = "450205101000";
        Assert.Contains((await Programmes.Errors(await district.PostAsJsonAsync("/api/v1/programmes", stranger, Api.Json)))["TownQuotas"],
            m => m.Contains("不是本区的乡镇", StringComparison.Ordinal));

        // The page door: the same rule, its message at the towns' table.
        var form = new Dictionary<string, string>
        {
            ["Input.DistrictCode"] = DemoData.LiunanDistrict,
            ["Input.Year"] = "2030",
            ["Input.Name"] = "2030年项目",
            ["Input.Quota"] = "152",
            ["Input.MinHouseholdsPerVillage"] = "1",
            ["Input.SubsidyPerHousehold"] = "1000",
            ["Input.ReferenceDate"] = "2030-04-02",
            ["Input.MaleMinAge"] = "16",
            ["Input.MaleMaxAge"] = "59",
            ["Input.FemaleMinAge"] = "16",
            ["Input.FemaleMaxAge"] = "54",
            ["Input.PriorityIncomeThreshold"] = "5000",
            ["Input.MinSkills"] = "1",
            ["Input.MaxSkills"] = "2",
            ["Input.MinHelpers"] = "1",
            ["Input.MaxHelpers"] = "2",
            ["Input.NoticeWorkingDays"] = "5",
            ["Input.TownQuotas[0].TownCode"] = DemoData.Luoman,
            ["Input.TownQuotas[0].Quota"] = "70",
            ["Input.TownQuotas[1].TownCode"] = DemoData.Liushan,
            ["Input.TownQuotas[1].Quota"] = "80",
            ["Input.FundShares[0].Source"] = "Region",
            ["Input.FundShares[0].Percent"] = "100",
        };
        var page = await TestApp.PostForm(district, "/Programmes/Edit", form);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Equal("各镇任务数之和（150户）应等于全区任务数（152户）", doc.QuerySelector("[data-valmsg-for='Input.TownQuotas']")!.TextContent.Trim());
        Assert.Contains("请填写“调查摸底”阶段的起止日期", doc.QuerySelector("[data-valmsg-for='Input.Phases[0]']")!.TextContent, StringComparison.Ordinal);
        await using var s = app.Services.CreateAsyncScope();
        Assert.False(await s.ServiceProvider.GetRequiredService<TongxingDb>().Programmes.AnyAsync(p => p.Year == 2030));
    }

    [Fact]
    public async Task A_town_with_villages_but_no_quota_is_flagged_on_the_form()
    {
        var district = await app.SignIn("qucanlian");
        var blank = await district.GetStringAsync("/Programmes/Edit");
        Assert.Contains("以下乡镇有村（社区）但未分配任务：洛满镇、流山镇", blank, StringComparison.Ordinal);
        var existing = await district.GetStringAsync($"/Programmes/Edit/{await Programmes.IdOf(app, 2020)}");
        Assert.DoesNotContain("但未分配任务", existing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_households_are_accepted_the_split_cannot_fall_below_them_and_a_started_phase_keeps_its_start()
    {
        var village = await app.SignIn("luoman.cun");
        var hid = await Api.Register(village, Api.Eligible(name: "韦已审"));
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [hid])).StatusCode);
        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, hid, "Accept", null, (await Api.Household(district, hid)).GetProperty("version").GetInt32())).StatusCode);

        var id = await Programmes.IdOf(app, 2020);
        var input = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}", Api.Json)).GetProperty("settings").Deserialize<ProgrammeInput>(Api.Json)!;
        input.TownQuotas.Single(t => t.TownCode == DemoData.Luoman).Quota = 0;
        input.TownQuotas.Single(t => t.TownCode == DemoData.Liushan).Quota = 152;
        input.Phases[0].Start = new DateOnly(2020, 4, 3);
        var errors = await Programmes.Errors(await district.PutAsJsonAsync($"/api/v1/programmes/{id}", input, Api.Json));
        Assert.Contains(errors["TownQuotas"], m => m.StartsWith("洛满镇已有", StringComparison.Ordinal) && m.Contains("户通过区残联审核", StringComparison.Ordinal));
        Assert.Contains("“调查摸底”阶段已于2020年4月2日开始，开始日期不能再改", errors["Phases[0]"]);

        var page = await district.GetStringAsync($"/Programmes/Edit/{id}");
        Assert.Contains("开始日期不能再改", page, StringComparison.Ordinal);
        Assert.Contains("通过区残联审核，全区任务数不能少于", page, StringComparison.Ordinal);

        // What cannot break what was done still changes, and is audited.
        var fine = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{id}", Api.Json)).GetProperty("settings").Deserialize<ProgrammeInput>(Api.Json)!;
        fine.Name = "2020年柳南区党员扶残项目（修订）";
        fine.Phases[3].End = new DateOnly(2020, 5, 29);
        Assert.Equal(HttpStatusCode.OK, (await district.PutAsJsonAsync($"/api/v1/programmes/{id}", fine, Api.Json)).StatusCode);
        Assert.Equal("2020年柳南区党员扶残项目（修订）", (await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("name").GetString());
        await using var s = app.Services.CreateAsyncScope();
        var audit = await s.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.Where(e => e.Entity == "Programme" && e.Action == "修改").ToListAsync();
        Assert.Contains(audit, e => e.Details!.Contains("修订", StringComparison.Ordinal));

        var year = fine;
        year.Year = 2019;
        Assert.Contains("项目的年度和所属县（区）建立后不能修改", (await Programmes.Errors(await district.PutAsJsonAsync($"/api/v1/programmes/{id}", year, Api.Json)))["Year"]);
    }

    [Fact]
    public async Task Another_districts_programme_is_invisible_and_unchangeable()
    {
        var other = await Programmes.AddOtherDistrictAsync(app);
        var id = await Programmes.IdOf(app, 2020, other);
        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/programmes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.PutAsJsonAsync($"/api/v1/programmes/{id}", Programmes.Input(2020), Api.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.PostAsync($"/api/v1/programmes/{id}/copy", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/Programmes/Edit/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/Programmes/Details/{id}")).StatusCode);
        var list = await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes", Api.Json);
        Assert.DoesNotContain(list.GetProperty("programmes").EnumerateArray(), r => r.GetProperty("districtCode").GetString() == other);
        var theirsInput = Programmes.Input(2031);
        theirsInput.DistrictCode = other;
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostAsJsonAsync("/api/v1/programmes", theirsInput, Api.Json)).StatusCode);

        // The city federation sees both districts' programmes, as counts.
        var city = await app.SignIn("shicanlian");
        var rows = (await city.GetFromJsonAsync<JsonElement>("/api/v1/programmes", Api.Json)).GetProperty("programmes").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("districtCode").GetString() == other && r.GetProperty("districtName").GetString() == "柳北区");
    }

    [Fact]
    public async Task The_region_and_city_see_the_programmes_below_them_as_counts_only()
    {
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        var id = await Programmes.IdOf(app, 2020);
        foreach (var user in new[] { "zizhiqu.canlian", "shicanlian" })
        {
            var client = await app.SignIn(user);
            var response = await client.GetAsync("/api/v1/programmes");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            var row = JsonSerializer.Deserialize<JsonElement>(body, Api.Json).GetProperty("programmes").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id);
            Assert.Equal(152, row.GetProperty("quota").GetInt32());
            Assert.Equal(await db.Households.CountAsync(h => h.ProgrammeId == id && h.Status != HouseholdStatus.Withdrawn), row.GetProperty("registered").GetInt32());
            Assert.False(row.GetProperty("mayConfigure").GetBoolean());
            Assert.DoesNotMatch("\\d{17}[\\dX]", body);
            Assert.DoesNotContain("idNumber", body, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/programmes/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/programmes", Programmes.Input(2032), Api.Json)).StatusCode);
            var page = await client.GetStringAsync("/Programmes");
            Assert.Contains("柳南区", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"/Programmes/Edit/{id}", page, StringComparison.Ordinal);
        }
        foreach (var user in new[] { "luoman.cun", "luoman.dangwei", "caizheng" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/programmes")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/programmes/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/programmes", Programmes.Input(2032), Api.Json)).StatusCode);
        }
    }

    [Fact]
    public async Task Two_offices_creating_the_same_year_at_once_get_one_programme_and_a_conflict()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignIn("qucanlian")));
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/v1/programmes", Programmes.Input(2023), Api.Json)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        await using var s = app.Services.CreateAsyncScope();
        Assert.Equal(1, await s.ServiceProvider.GetRequiredService<TongxingDb>().Programmes.CountAsync(p => p.Year == 2023));
    }

    [Fact]
    public async Task An_administrator_configures_the_districts_of_its_area_and_one_of_a_town_none()
    {
        await using (var s = app.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (name, area, level) in new[] { ("admin.city", DemoData.Liuzhou, AreaLevel.City), ("admin.town", DemoData.Luoman, AreaLevel.Town) })
            {
                if (await users.FindByNameAsync(name) is null)
                {
                    Assert.True((await users.CreateAsync(new AppUser { UserName = name, DisplayName = name, Role = Role.Administrator, AreaCode = area, AreaLevel = level, LockoutEnabled = true },
                        DemoData.DemoPassword)).Succeeded);
                }
            }
        }
        var city = await app.SignIn("admin.city");
        var input = Programmes.Input(2024);
        input.DistrictCode = DemoData.LiunanDistrict;
        Assert.Equal(HttpStatusCode.Created, (await city.PostAsJsonAsync("/api/v1/programmes", input, Api.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.GetAsync($"/api/v1/programmes/{await Programmes.IdOf(app, 2024)}")).StatusCode);

        var town = await app.SignIn("admin.town");
        input.Year = 2025;
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostAsJsonAsync("/api/v1/programmes", input, Api.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/programmes/{await Programmes.IdOf(app, 2024)}")).StatusCode);
    }
}

public sealed class ProgrammeTests_Sqlite(SqliteApp app) : ProgrammeTests(app), IClassFixture<SqliteApp>;

public sealed class ProgrammeTests_Postgres(PostgresApp app) : ProgrammeTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// Two years in one district: 2020's households filed, 2021 copied from 2020, the clock in 2021's survey. The daily pages
/// move to 2021, and a person supported in 2020 is flagged when proposed again — or refused when the programme says so.
/// </summary>
public abstract class TwoYearTests(TestApp app)
{
    [Fact]
    public async Task A_person_supported_in_2020_is_flagged_in_the_copied_2021_and_refused_when_the_programme_says_so()
    {
        var village = await app.SignIn("luoman.cun");
        var first = Api.Eligible(name: "覃两年");
        var supported = await Api.Register(village, first);
        await using (var s = app.Services.CreateAsyncScope())
        {
            // Test set-up: the 2020 household has gone through the whole chain (the chain itself is tested in NoticeTests).
            await s.ServiceProvider.GetRequiredService<TongxingDb>().Households.Where(h => h.Id == supported)
                .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HouseholdStatus.Filed));
        }
        var district = await app.SignIn("qucanlian");
        var y2020 = await Programmes.IdOf(app, 2020);
        var copied = await district.PostAsync($"/api/v1/programmes/{y2020}/copy", null);
        Assert.Equal(HttpStatusCode.Created, copied.StatusCode);
        var y2021 = (await copied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Before its survey starts the district still works on 2020; from 2 April 2021 on 2021.
        // (Each move of the clock outlasts the idle timeout: sign in again.)
        app.Clock.SetUtcNow(new DateTimeOffset(2021, 4, 1, 2, 0, 0, TimeSpan.Zero));
        district = await app.SignIn("qucanlian");
        Assert.Equal(2020, (await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("year").GetInt32());
        app.Clock.SetUtcNow(new DateTimeOffset(2021, 4, 6, 2, 0, 0, TimeSpan.Zero));
        district = await app.SignIn("qucanlian");
        Assert.Equal(2021, (await district.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current")).GetProperty("year").GetInt32());
        Assert.Equal(2021, (await (await app.SignIn("quzuzhibu")).GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Api.Json)).GetProperty("year").GetInt32());

        village = await app.SignIn("luoman.cun");
        var again = Households.Valid(DemoData.LuomanVillage, "覃两年", first.Members[0].IdNumber);
        again.WillToWork = true;
        again.ProjectFeasible = true;
        var proposed = await Api.Register(village, again);
        var household = await Api.Household(village, proposed);
        Assert.Equal("村已提名", household.GetProperty("status").GetString());
        var screening = await village.GetFromJsonAsync<JsonElement>($"/api/v1/households/{proposed}/screening");
        var earlier = screening.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == EligibilityRules.EarlierRule);
        Assert.Equal("NeedsCheck", earlier.GetProperty("verdict").GetString());
        await using (var s = app.Services.CreateAsyncScope())
        {
            Assert.Equal(y2021, await s.ServiceProvider.GetRequiredService<TongxingDb>().Households.Where(h => h.Id == proposed).Select(h => h.ProgrammeId).SingleAsync());
        }

        // The 2021 programme now refuses people supported before: every household is screened again.
        var input = (await district.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{y2021}", Api.Json)).GetProperty("settings").Deserialize<ProgrammeInput>(Api.Json)!;
        input.BlockEarlierSupported = true;
        var edited = await district.PutAsJsonAsync($"/api/v1/programmes/{y2021}", input, Api.Json);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32() >= 1);
        screening = await village.GetFromJsonAsync<JsonElement>($"/api/v1/households/{proposed}/screening");
        Assert.Equal("Failed", screening.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == EligibilityRules.EarlierRule).GetProperty("verdict").GetString());
        Assert.Equal("NotEligible", screening.GetProperty("outcome").GetString());
        var history = (await Api.Household(village, proposed)).GetProperty("history").EnumerateArray().Last().GetProperty("comment").GetString();
        Assert.Contains("项目参数调整", history, StringComparison.Ordinal);
    }
}

public sealed class TwoYearTests_Sqlite(SqliteApp app) : TwoYearTests(app), IClassFixture<SqliteApp>;

public sealed class TwoYearTests_Postgres(PostgresApp app) : TwoYearTests(app), IClassFixture<PostgresApp>;

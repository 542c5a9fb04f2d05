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
/// 检查验收 through the API: the checklist pre-filled on a complete and on a partly complete town, the reproducible sample,
/// what concluding needs, the lock, who reads which town, and two inspectors starting the same town at once.
/// </summary>
public abstract class InspectionTests(TestApp app)
{
    private static readonly DateOnly Day = new(2020, 11, 25);

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return r.StatusCode == HttpStatusCode.NoContent ? default : await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> StartAsync(HttpClient client, string town) =>
        (await Json(await client.PostAsJsonAsync("/api/v1/inspections", new { townCode = town, on = "2020-11-25", inspectors = "张三（区委组织部）、李四（区残联）" })))
        .GetProperty("id").GetGuid();

    private static async Task<Dictionary<string, JsonElement>> ChecksAsync(HttpClient client, Guid id) =>
        (await Json(await client.GetAsync($"/api/v1/inspections/{id}"))).GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!);

    [Fact]
    public async Task On_a_complete_town_every_checklist_line_is_met_from_the_records_with_its_evidence()
    {
        VisitSetup.Today(app, Day);
        var (town, villages) = await InspectionSetup.NewTownAsync(app, 3, 3);
        await InspectionSetup.CompleteAsync(app, town, villages, Day);
        var client = await app.SignIn("quzuzhibu");
        var id = await StartAsync(client, town);
        var checks = await ChecksAsync(client, id);
        Assert.Equal(InspectionChecklist.Items.Select(i => i.Key), checks.Keys);
        Assert.All(checks.Values, c => Assert.True(c.GetProperty("recordMet").GetBoolean(), c.GetProperty("key").GetString() + "：" + c.GetProperty("recordValue").GetString()));
        Assert.Equal("已备案3户，任务3户", checks["quota"].GetProperty("recordValue").GetString());
        Assert.Equal("应报3份，按时3份，逾期报送0份，未报0份", checks["reports"].GetProperty("recordValue").GetString());
        Assert.Equal($"/Reports?town={town}", checks["reports"].GetProperty("link").GetString());
        Assert.Equal("/Funds/Reconciliation", checks["funds"].GetProperty("link").GetString());

        var list = await Json(await client.GetAsync("/api/v1/inspections"));
        var row = list.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == town);
        Assert.Equal(("检查中", "已报送待审核"), (row.GetProperty("state").GetString(), row.GetProperty("summary").GetString()));
        Assert.Equal("截止11月27日（还有2天）", list.GetProperty("deadline").GetString());
    }

    [Fact]
    public async Task On_a_partly_complete_town_the_missing_records_are_named_and_a_refresh_reads_them_again()
    {
        VisitSetup.Today(app, Day);
        var (town, villages) = await InspectionSetup.NewTownAsync(app, 3, 3);
        var households = new List<Guid>();
        households.AddRange(await FiledHouseholds.AddAsync(app, 1, villages[0]));
        households.AddRange(await FiledHouseholds.AddAsync(app, 1, villages[1]));
        await FiledHouseholds.PayAsync(app, [households[0]], Day.AddDays(-60));
        var helper = await Pairings.AddHelperAsync(app, villages[0]);
        await Pairings.PairAsync(app, households[0], helper, Day.AddDays(-50));
        var client = await app.SignIn("qucanlian");
        var id = await StartAsync(client, town);
        var checks = await ChecksAsync(client, id);
        string Value(string key) => checks[key].GetProperty("recordValue").GetString()!;
        Assert.All(checks.Values.Where(c => c.GetProperty("key").GetString() != "approvals"), c => Assert.False(c.GetProperty("recordMet").GetBoolean(), c.GetProperty("key").GetString()));
        Assert.Equal("已备案2户，任务3户", Value("quota"));
        Assert.Equal($"全镇3个村，1个村帮扶户不足1户：检查{town[6..9]}镇3村", Value("villages"));
        Assert.Equal("2户未经公示；公示0次，0次无现场照片", Value("notices"));
        Assert.StartsWith("未发放1户，已发放无收据1户，账目未对平", Value("funds"), StringComparison.Ordinal);
        Assert.Equal("已结对1户，1户未签订帮扶协议", Value("agreements"));
        Assert.Equal("已结对1户，回访逾期0户，从未回访1户", Value("visits"));
        Assert.Equal("应报3份，按时0份，逾期报送0份，未报3份", Value("reports"));

        await InspectionSetup.ReportsOnTimeAsync(app, town, Day);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/inspections/{id}/refresh", null)).StatusCode);
        checks = await ChecksAsync(client, id);
        Assert.True(checks["reports"].GetProperty("recordMet").GetBoolean());
    }

    [Fact]
    public async Task The_sample_is_drawn_from_a_stored_seed_reproducibly_and_cannot_be_redrawn_once_a_finding_is_recorded()
    {
        VisitSetup.Today(app, Day);
        var (town, villages) = await InspectionSetup.NewTownAsync(app, 4, 4);
        var households = new List<Guid>();
        foreach (var v in villages)
        {
            households.AddRange(await FiledHouseholds.AddAsync(app, 2, v));
        }
        var client = await app.SignIn("quzuzhibu");
        var id = await StartAsync(client, town);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 3 })).StatusCode);
        var view = await Json(await client.GetAsync($"/api/v1/inspections/{id}"));
        var seed = view.GetProperty("sampleSeed").GetInt32();
        var drawn = view.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("householdId").GetGuid()).ToList();
        Assert.Equal(HouseholdSampler.Draw(seed, households, 3), drawn);
        Assert.Equal(HouseholdSampler.Draw(seed, Enumerable.Reverse(households), 3), drawn);
        Assert.All(view.GetProperty("samples").EnumerateArray(), s => Assert.Contains("*", s.GetProperty("headName").GetString(), StringComparison.Ordinal));

        // Another town's households under the same seed are another sample.
        var other = await FiledHouseholds.AddAsync(app, 8, DemoData.GuzhouVillage);
        Assert.Empty(HouseholdSampler.Draw(seed, other, 3).Intersect(drawn));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 9 })).StatusCode);

        // Before any finding the inspectors may draw again (a new seed); a household drawn both times keeps one row.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 6 })).StatusCode);
        }
        view = await Json(await client.GetAsync($"/api/v1/inspections/{id}"));
        seed = view.GetProperty("sampleSeed").GetInt32();
        drawn = view.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("householdId").GetGuid()).ToList();
        Assert.Equal(HouseholdSampler.Draw(seed, households, 6), drawn);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/inspections/{id}/sample/{drawn[0]}", new { satisfactory = false, finding = "项目沃柑未见种植" })).StatusCode);
        var redraw = await client.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 3 });
        Assert.Equal(HttpStatusCode.Conflict, redraw.StatusCode);
        Assert.Contains("已登记抽查结果，不能重新抽取样本", await redraw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/v1/inspections/{id}/sample/{other[0]}", new { satisfactory = true })).StatusCode);
    }

    [Fact]
    public async Task Concluding_needs_every_line_and_household_checked_a_fail_needs_a_rectification_and_then_everything_is_locked()
    {
        VisitSetup.Today(app, Day);
        var (town, villages) = await InspectionSetup.NewTownAsync(app, 2, 2);
        var households = await InspectionSetup.CompleteAsync(app, town, villages, Day);
        var client = await app.SignIn("qucanlian");
        var id = await StartAsync(client, town);
        var early = await client.PostAsJsonAsync($"/api/v1/inspections/{id}/conclude", new { result = "Pass", findings = "工作扎实" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var body = await early.Content.ReadAsStringAsync();
        Assert.Contains("还有8项检查内容未确认", body, StringComparison.Ordinal);
        Assert.Contains("请先抽取抽查户", body, StringComparison.Ordinal);

        foreach (var key in InspectionChecklist.Items.Select(i => i.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/inspections/{id}/checks/{key}", new { met = true })).StatusCode);
        }
        var overridden = await client.PutAsJsonAsync($"/api/v1/inspections/{id}/checks/visits", new { met = false });
        Assert.Contains("请填写说明", await overridden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/sample", new { size = 2 })).StatusCode);
        foreach (var h in households)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/inspections/{id}/sample/{h}", new { satisfactory = true, finding = "与档案一致" })).StatusCode);
        }
        var fail = await client.PostAsJsonAsync($"/api/v1/inspections/{id}/conclude", new { result = "Fail", findings = "台账不全" });
        Assert.Contains("结论为不合格的，请至少提出一项整改事项", await fail.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The owner must be an account of the inspected town: the district's own accounts are refused.
        var quId = await UserIdAsync("qucanlian");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/rectifications",
            new { text = "补齐台账", ownerUserId = quId, dueOn = "2020-12-20" })).StatusCode);
        var townOwner = await AddTownAccountAsync(town);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/rectifications",
            new { text = "补齐帮扶台账", ownerUserId = townOwner, dueOn = "2020-12-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/conclude", new { result = "Fail", findings = "台账不全" })).StatusCode);

        var view = await Json(await client.GetAsync($"/api/v1/inspections/{id}"));
        Assert.Equal(("已作结论", "不合格"), (view.GetProperty("state").GetString(), view.GetProperty("result").GetString()));
        Assert.Equal("补齐帮扶台账", view.GetProperty("rectifications")[0].GetProperty("text").GetString());
        var locked = await client.PutAsJsonAsync($"/api/v1/inspections/{id}/checks/quota", new { met = true });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("检查验收已作出结论（不合格）并锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/inspections/{id}/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/v1/inspections/{id}/rectifications",
            new { text = "再补", ownerUserId = townOwner, dueOn = "2020-12-20" })).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var action = await db.ActionItems.SingleAsync(a => a.SourceId == id);
        Assert.Equal((ActionSource.Inspection, town, townOwner, ActionState.Open), (action.Source, action.TownCode, action.OwnerUserId, action.State));

        var report = await client.GetAsync($"/api/v1/inspections/{id}/report.docx");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.True((await report.Content.ReadAsByteArrayAsync()).Length > 2000);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "下载检查验收表" && e.EntityId == id.ToString()));
    }

    [Fact]
    public async Task A_towns_offices_read_their_own_towns_inspection_only_and_change_nothing_and_other_offices_see_none()
    {
        VisitSetup.Today(app, Day);
        var qu = await app.SignIn("qucanlian");
        var id = await StartAsync(qu, DemoData.Liushan);
        var liushan = await app.SignIn("liushan.dangwei");
        Assert.Equal(DemoData.Liushan, (await Json(await liushan.GetAsync($"/api/v1/inspections/{id}"))).GetProperty("townCode").GetString());
        Assert.False((await Json(await liushan.GetAsync($"/api/v1/inspections/{id}"))).GetProperty("canEdit").GetBoolean());
        Assert.Equal(DemoData.Liushan, Assert.Single((await Json(await liushan.GetAsync("/api/v1/inspections"))).GetProperty("towns").EnumerateArray()).GetProperty("townCode").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await liushan.PutAsJsonAsync($"/api/v1/inspections/{id}/checks/quota", new { met = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await liushan.PostAsJsonAsync("/api/v1/inspections", new { townCode = DemoData.Liushan, inspectors = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await liushan.GetAsync($"/Inspections/Inspection/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("luoman.dangwei")).GetAsync($"/api/v1/inspections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("luoman.canlian")).GetAsync($"/api/v1/inspections/{id}/report.docx")).StatusCode);
        foreach (var user in new[] { "luoman.cun", "bangfuren", "caizheng", "shicanlian" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/inspections/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/inspections")).StatusCode);
        }
    }

    [Fact]
    public async Task Two_inspectors_starting_the_same_town_at_once_get_the_same_inspection_never_an_error()
    {
        VisitSetup.Today(app, Day);
        var (town, _) = await InspectionSetup.NewTownAsync(app, 2, 2);
        var a = await app.SignIn("quzuzhibu");
        var b = await app.SignIn("qucanlian");
        var body = new { townCode = town, on = "2020-11-25", inspectors = "张三" };
        var answers = await Task.WhenAll(a.PostAsJsonAsync("/api/v1/inspections", body), b.PostAsJsonAsync("/api/v1/inspections", body),
            a.PostAsJsonAsync("/api/v1/inspections", body));
        Assert.All(answers, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var ids = new HashSet<Guid>();
        foreach (var r in answers.Where(r => r.IsSuccessStatusCode))
        {
            ids.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        Assert.Single(ids);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TongxingDb>().Inspections.CountAsync(i => i.TownCode == town));
        Assert.Equal(8, await scope.ServiceProvider.GetRequiredService<TongxingDb>().InspectionChecks.CountAsync(c => c.InspectionId == ids.First()));
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync();
    }

    /// <summary>A town committee account of the new town, to own its rectification items.</summary>
    private async Task<string> AddTownAccountAsync(string town)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        var user = new AppUser { UserName = "town" + town, DisplayName = "检查镇党委", Role = Role.TownCommittee, AreaCode = town, AreaLevel = AreaLevel.Town };
        Assert.True((await users.CreateAsync(user, DemoData.DemoPassword)).Succeeded);
        return user.Id;
    }
}

public sealed class InspectionTests_Sqlite(SqliteApp app) : InspectionTests(app), IClassFixture<SqliteApp>;

public sealed class InspectionTests_Postgres(PostgresApp app) : InspectionTests(app), IClassFixture<PostgresApp>;

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// 我的待办 of the second half of the year: pairing and agreements, visits due, reports to send and to review, actions
/// owned, towns to inspect — each counted from the records on the day the clock says. Each provider gets an app of its own.
/// </summary>
public abstract class OversightTaskTests(TestApp app)
{
    private async Task<Dictionary<string, JsonElement>> Waiting(string user)
    {
        var list = await (await app.SignIn(user)).GetFromJsonAsync<JsonElement>("/api/v1/me/next-actions");
        return list.EnumerateArray().ToDictionary(a => a.GetProperty("item").GetString()!, a => a);
    }

    private static int Count(Dictionary<string, JsonElement> w, string item) => w.TryGetValue(item, out var e) ? e.GetProperty("count").GetInt32() : 0;

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task The_village_pairs_paid_households_and_uploads_agreements_then_visits_fall_due_and_overdue()
    {
        VisitSetup.Today(app, new DateOnly(2020, 5, 10));
        var households = await FiledHouseholds.AddAsync(app, 3, DemoData.LuomanVillage);
        await FiledHouseholds.PayAsync(app, households);
        var helper = await Pairings.AddHelperAsync(app, DemoData.LuomanVillage);
        await Pairings.PairAsync(app, households[0], helper);
        await Pairings.PairAsync(app, households[1], helper);

        var village = await Waiting("luoman.cun");
        Assert.Equal(1, Count(village, "PairHouseholds"));
        Assert.Equal(2, Count(village, "SignAgreements"));
        Assert.Equal("/Pairing", village["SignAgreements"].GetProperty("link").GetString());
        Assert.Equal("截止5月27日（还有17天）", village["PairHouseholds"].GetProperty("deadlineText").GetString());
        Assert.Equal(2, Count(await Waiting("luoman.dangwei"), "SignAgreements"));
        Assert.Equal(0, Count(await Waiting("liushan.dangwei"), "SignAgreements"));

        // Paired on 10 May, every 90 days ± 15: in the window from 24 July, overdue after 23 August.
        VisitSetup.Today(app, new DateOnly(2020, 7, 23));
        Assert.Equal(0, Count(await Waiting("luoman.canlian"), "VisitsDue"));
        VisitSetup.Today(app, new DateOnly(2020, 7, 24));
        var due = await Waiting("luoman.canlian");
        Assert.Equal(2, Count(due, "VisitsDue"));
        Assert.Equal("/Pairing/Due", due["VisitsDue"].GetProperty("link").GetString());
        Assert.Equal(0, Count(due, "OverdueVisits"));
        await Pairings.ReturnVisitAsync(app, households[0], new DateOnly(2020, 7, 24));
        Assert.Equal(1, Count(await Waiting("luoman.canlian"), "VisitsDue"));
        VisitSetup.Today(app, new DateOnly(2020, 8, 24));
        var late = await Waiting("luoman.cun");
        Assert.Equal(0, Count(late, "VisitsDue"));
        Assert.Equal(1, Count(late, "OverdueVisits"));
        Assert.Equal(0, Count(await Waiting("bangfuren"), "VisitsDue"));
    }

    [Fact]
    public async Task A_quarter_report_waits_for_the_town_federation_from_the_quarter_s_end_and_then_for_the_district()
    {
        VisitSetup.Today(app, new DateOnly(2020, 6, 30));
        Assert.Equal(0, Count(await Waiting("luoman.canlian"), "SubmitReports"));
        VisitSetup.Today(app, new DateOnly(2020, 7, 5));
        var town = await Waiting("luoman.canlian");
        Assert.Equal(1, Count(town, "SubmitReports"));
        Assert.Equal("截止7月10日（还有5天）", town["SubmitReports"].GetProperty("deadlineText").GetString());
        Assert.False(town["SubmitReports"].GetProperty("overdue").GetBoolean());
        VisitSetup.Today(app, new DateOnly(2020, 7, 12));
        Assert.True((await Waiting("luoman.canlian"))["SubmitReports"].GetProperty("overdue").GetBoolean());
        Assert.Equal(0, Count(await Waiting("qucanlian"), "ReviewReports"));

        await With(async db =>
        {
            var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
            var path = new AreaPath("450000000000", "450200000000", DemoData.LiunanDistrict, DemoData.Luoman, "");
            var report = new TownReport(Guid.NewGuid(), programme.Id, path, TownReportKind.Quarter2, app.Clock.GetUtcNow());
            var who = new Actor("seed", "测试数据", Role.TownFederation, new AreaScope(AreaLevel.Town, DemoData.Luoman));
            Assert.True(report.Write("第二季度工作进展", null, app.Clock.GetUtcNow()).Succeeded);
            Assert.True(report.Submit("{}", who, app.Clock.GetUtcNow()).Succeeded);
            db.TownReports.Add(report);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, Count(await Waiting("luoman.canlian"), "SubmitReports"));
        Assert.Equal(1, Count(await Waiting("liushan.canlian"), "SubmitReports"));
        var district = await Waiting("qucanlian");
        Assert.Equal(1, Count(district, "ReviewReports"));
        Assert.Equal("/Reports?state=Submitted", district["ReviewReports"].GetProperty("link").GetString());
        Assert.Equal(0, Count(await Waiting("quzuzhibu"), "ReviewReports"));
    }

    [Fact]
    public async Task An_open_action_waits_for_its_owner_alone_until_done()
    {
        VisitSetup.Today(app, new DateOnly(2020, 6, 1));
        var owner = await With(db => db.Users.Where(u => u.UserName == "luoman.dangwei").Select(u => new { u.Id, u.DisplayName }).FirstAsync());
        var id = await With(async db =>
        {
            var programme = await db.Programmes.FirstAsync(p => p.DistrictCode == DemoData.LiunanDistrict);
            var who = new Actor("seed", "测试数据", Role.DistrictOrganization, new AreaScope(AreaLevel.District, DemoData.LiunanDistrict));
            var unit = new AreaPath("450000000000", "450200000000", DemoData.LiunanDistrict, "", "");
            var (action, result) = ActionItem.Create(ActionSource.Meeting, Guid.NewGuid(), programme.Id, unit, "落实帮扶人培训", owner.Id, owner.DisplayName,
                new DateOnly(2020, 6, 10), new DateOnly(2020, 6, 1), who, app.Clock.GetUtcNow());
            Assert.True(result.Succeeded);
            db.ActionItems.Add(action!);
            await db.SaveChangesAsync();
            return action!.Id;
        });
        var mine = await Waiting("luoman.dangwei");
        Assert.Equal(1, Count(mine, "OwnedActions"));
        Assert.Equal("/Actions", mine["OwnedActions"].GetProperty("link").GetString());
        Assert.Equal("截止6月10日（还有9天）", mine["OwnedActions"].GetProperty("deadlineText").GetString());
        Assert.Equal(0, Count(await Waiting("luoman.canlian"), "OwnedActions"));
        Assert.Equal(0, Count(await Waiting("quzuzhibu"), "OwnedActions"));
        VisitSetup.Today(app, new DateOnly(2020, 6, 11));
        Assert.True((await Waiting("luoman.dangwei"))["OwnedActions"].GetProperty("overdue").GetBoolean());

        await With(async db =>
        {
            var action = await db.ActionItems.FirstAsync(a => a.Id == id);
            Assert.True(action.Complete("已组织培训", new Actor(owner.Id, owner.DisplayName, Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman)), app.Clock.GetUtcNow()).Succeeded);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, Count(await Waiting("luoman.dangwei"), "OwnedActions"));
    }

    [Fact]
    public async Task Towns_wait_for_inspection_once_the_inspection_phase_begins()
    {
        VisitSetup.Today(app, new DateOnly(2020, 11, 15));
        Assert.Equal(0, Count(await Waiting("quzuzhibu"), "InspectTowns"));
        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var organisation = await Waiting("quzuzhibu");
        Assert.Equal(2, Count(organisation, "InspectTowns"));
        Assert.Equal("截止11月27日（还有7天）", organisation["InspectTowns"].GetProperty("deadlineText").GetString());
        Assert.Equal(2, Count(await Waiting("qucanlian"), "InspectTowns"));
        Assert.Equal(0, Count(await Waiting("caizheng"), "InspectTowns"));
    }
}

public sealed class OversightTaskTests_Sqlite(SqliteApp app) : OversightTaskTests(app), IClassFixture<SqliteApp>;

public sealed class OversightTaskTests_Postgres(PostgresApp app) : OversightTaskTests(app), IClassFixture<PostgresApp>;

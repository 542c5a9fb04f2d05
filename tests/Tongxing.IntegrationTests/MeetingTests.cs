using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>联席会议 and 督办事项: saved whole or not at all, owners of the district only, closed only by their owner, hidden from towns.</summary>
public abstract class MeetingTests(TestApp app)
{
    private static readonly string[] RequiredFields = ["On", "Departments", "Attendees", "Topics"];

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task A_meeting_and_its_actions_are_saved_together_or_not_at_all_and_the_minutes_print()
    {
        var town = await MeetingSetup.UserIdAsync(app, "luoman.dangwei");
        var federation = await MeetingSetup.UserIdAsync(app, "qucanlian");
        var client = await app.SignIn("quzuzhibu");
        var before = await With(db => db.Meetings.CountAsync());

        var refused = await client.PostAsJsonAsync("/api/v1/meetings", MeetingSetup.Body(app,
            ("洛满镇10日内完成资金发放", town, MeetingSetup.Day(app, 10)), ("区残联汇总协议签订情况", federation, MeetingSetup.Day(app, -1))));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("办结期限不能早于今天", problem.GetProperty("errors").GetProperty("Actions[1].DueOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await With(db => db.Meetings.CountAsync()));
        Assert.False(await With(db => db.ActionItems.AnyAsync(a => a.Text == "洛满镇10日内完成资金发放")));

        var blank = await client.PostAsJsonAsync("/api/v1/meetings", new { on = "2020-13-01", departments = "", attendees = "", topics = "", version = 0 });
        var errors = (await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.All(RequiredFields, f => Assert.True(errors.TryGetProperty(f, out _), f));

        var id = (await Json(await client.PostAsJsonAsync("/api/v1/meetings", MeetingSetup.Body(app,
            ("洛满镇10日内完成资金发放", town, MeetingSetup.Day(app, 10)), ("区残联汇总协议签订情况", federation, MeetingSetup.Day(app, 20)))))).GetProperty("id").GetGuid();
        var read = await Json(await (await app.SignIn("caizheng")).GetAsync($"/api/v1/meetings/{id}"));
        Assert.Equal(2, read.GetProperty("actions").GetArrayLength());
        Assert.Equal("办理中", read.GetProperty("actions")[0].GetProperty("state").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
        Assert.True(await With(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(Meeting) && a.EntityId == id.ToString())));

        var docx = await client.GetAsync($"/api/v1/meetings/{id}/minutes.docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), $"meetings-minutes-{app.Provider}.docx"), bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("联席会议纪要", xml, StringComparison.Ordinal);
        Assert.Contains("洛满镇10日内完成资金发放", xml, StringComparison.Ordinal);
        Assert.Contains("洛满镇党委 蓝书记", xml, StringComparison.Ordinal);

        // A correction from a second tab still holding version 0 is refused; the current one adds an action.
        var stale = await client.PutAsJsonAsync($"/api/v1/meetings/{id}", MeetingSetup.Body(app));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var body = JsonSerializer.SerializeToNode(MeetingSetup.Body(app, ("财政局核对资金到位", federation, MeetingSetup.Day(app, 5))))!;
        body["version"] = 1;
        await Json(await client.PutAsJsonAsync($"/api/v1/meetings/{id}", body));
        Assert.Equal(3, await With(db => db.ActionItems.CountAsync(a => a.SourceId == id)));
    }

    [Fact]
    public async Task An_owner_outside_the_district_or_not_an_office_of_it_is_refused()
    {
        var client = await app.SignIn("qucanlian");
        var otherDistrict = await MeetingSetup.AddUserAsync(app, Role.TownCommittee, "450205101000", AreaLevel.Town);
        var city = await MeetingSetup.UserIdAsync(app, "shicanlian");
        var helper = await MeetingSetup.UserIdAsync(app, "bangfuren");
        foreach (var owner in new[] { otherDistrict, city, helper, "no-such-user" })
        {
            var r = await client.PostAsJsonAsync("/api/v1/meetings", MeetingSetup.Body(app, ("核实", owner, MeetingSetup.Day(app, 3))));
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains("责任人须为本区或本区乡镇", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var owners = await Json(await client.GetAsync("/api/v1/meetings/owners"));
        var ids = owners.EnumerateArray().Select(o => o.GetProperty("userId").GetString()).ToList();
        Assert.Contains(await MeetingSetup.UserIdAsync(app, "liushan.canlian"), ids);
        Assert.DoesNotContain(otherDistrict, ids);
        Assert.DoesNotContain(helper, ids);
    }

    [Fact]
    public async Task Actions_appear_for_their_owner_close_only_by_the_owner_and_show_when_overdue()
    {
        _ = app.Services;
        var owner = await MeetingSetup.UserIdAsync(app, "luoman.dangwei");
        var meeting = await MeetingSetup.MeetAsync(app, ("洛满镇补签帮扶协议", owner, MeetingSetup.Day(app, 2)));
        var action = await With(db => db.ActionItems.Where(a => a.SourceId == meeting).Select(a => a.Id).FirstAsync());

        var town = await app.SignIn("luoman.dangwei");
        var mine = await Json(await town.GetAsync("/api/v1/actions/mine"));
        var row = mine.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == action);
        Assert.False(row.GetProperty("overdue").GetBoolean());
        Assert.Contains("洛满镇补签帮扶协议", await town.GetStringAsync("/Actions"), StringComparison.Ordinal);
        Assert.DoesNotContain(action.ToString(), await (await app.SignIn("luoman.canlian")).GetStringAsync("/api/v1/actions/mine"), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(5));
        town = await app.SignIn("luoman.dangwei");
        row = (await Json(await town.GetAsync("/api/v1/actions/mine"))).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == action);
        Assert.True(row.GetProperty("overdue").GetBoolean());
        Assert.Equal("已逾期", row.GetProperty("state").GetString());
        var overdue = await Json(await (await app.SignIn("quzuzhibu")).GetAsync("/api/v1/actions?state=Overdue"));
        Assert.Contains(overdue.GetProperty("actions").EnumerateArray(), a => a.GetProperty("id").GetGuid() == action);

        var close = new { note = "已全部补签", version = 0 };
        foreach (var other in new[] { "quzuzhibu", "qucanlian", "liushan.dangwei", "luoman.canlian" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn(other)).PostAsJsonAsync($"/api/v1/actions/{action}/complete", close)).StatusCode);
        }
        var empty = await town.PostAsJsonAsync($"/api/v1/actions/{action}/complete", new { note = " ", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写办理情况", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Closed on the page with the form's antiforgery token.
        var posted = await TestApp.PostForm(town, "/Actions", new() { ["Input.Note"] = "已全部补签", ["Input.Version"] = "0" }, $"/Actions?id={action}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(ActionState.Done, await With(db => db.ActionItems.Where(a => a.Id == action).Select(a => a.State).FirstAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsJsonAsync($"/api/v1/actions/{action}/complete", close)).StatusCode);
        var again = await town.PostAsJsonAsync($"/api/v1/actions/{action}/complete", new { note = "再次", version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已办结", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Towns_and_villages_cannot_read_or_record_the_districts_meetings()
    {
        var meeting = await MeetingSetup.MeetAsync(app);
        foreach (var user in new[] { "luoman.dangwei", "luoman.canlian", "luoman.cun", "bangfuren" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/meetings")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/meetings/{meeting}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/meetings/{meeting}/minutes.docx")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/meetings", MeetingSetup.Body(app))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/actions")).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/Meetings")).StatusCode);
        }
        // The city federation (no ViewMeetings) neither.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("shicanlian")).GetAsync("/api/v1/meetings")).StatusCode);
        var list = await Json(await (await app.SignIn("caizheng")).GetAsync("/api/v1/meetings"));
        Assert.Contains(list.GetProperty("meetings").EnumerateArray(), m => m.GetProperty("id").GetGuid() == meeting);
    }

    [Fact]
    public async Task The_page_records_a_meeting_with_an_action_and_shows_field_errors()
    {
        var client = await app.SignIn("qucanlian");
        var owner = await MeetingSetup.UserIdAsync(app, "luoman.canlian");
        var page = await client.GetStringAsync("/Meetings/Edit");
        Assert.Contains("洛满镇残联 莫理事长", page, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["Input.On"] = MeetingSetup.Day(app, 0),
            ["Departments"] = "区残联",
            ["OtherDepartments"] = "区民政局",
            ["Input.Attendees"] = "韦主任",
            ["Input.Topics"] = "页面记录的议题",
            ["Input.Version"] = "0",
            ["Input.Actions[0].Text"] = "页面添加的事项",
            ["Input.Actions[0].OwnerUserId"] = owner,
            ["Input.Actions[0].DueOn"] = "",
        };
        var bad = await TestApp.PostForm(client, "/Meetings/Edit", fields);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("请填写办结期限", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Input.Actions[0].DueOn"] = MeetingSetup.Day(app, 7);
        var ok = await TestApp.PostForm(client, "/Meetings/Edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var shown = await client.GetStringAsync(ok.Headers.Location!.ToString());
        Assert.Contains("页面添加的事项", shown, StringComparison.Ordinal);
        Assert.Contains("区残联、区民政局", await client.GetStringAsync("/Meetings"), StringComparison.Ordinal);
        Assert.Equal(DemoData.LiunanDistrict, await With(db => db.Meetings.Where(m => m.Topics == "页面记录的议题").Select(m => m.DistrictCode).FirstAsync()));
    }
}

public sealed class MeetingTests_Sqlite(SqliteApp app) : MeetingTests(app), IClassFixture<SqliteApp>;

public sealed class MeetingTests_Postgres(PostgresApp app) : MeetingTests(app), IClassFixture<PostgresApp>;

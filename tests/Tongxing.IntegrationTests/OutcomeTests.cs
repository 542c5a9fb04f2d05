using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>帮扶成效 through the API (who records it, its rules, version conflicts) and the household's follow-up record on its page, its archive and its photos.</summary>
public abstract class OutcomeTests(TestApp app)
{
    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, Guid household, object body) => client.PutAsJsonAsync($"/api/v1/households/{household}/outcome", body);

    private async Task<Guid> PairedAsync()
    {
        var helper = await Pairings.AddHelperAsync(app);
        return (await Pairings.PairedHouseholdsAsync(app, 1, helper, on: new DateOnly(2020, 4, 5)))[0];
    }

    [Fact]
    public async Task The_town_records_an_outcome_reads_it_back_and_a_stale_form_is_refused_with_409()
    {
        var household = await PairedAsync();
        var town = await app.SignIn("luoman.canlian");
        var blank = await Json(await town.GetAsync($"/api/v1/households/{household}/outcome"));
        Assert.Equal(0, blank.GetProperty("version").GetInt32());
        Assert.False(blank.GetProperty("recorded").GetBoolean());
        var surveyIncome = blank.GetProperty("incomeAtStart").GetString();
        Assert.False(string.IsNullOrEmpty(surveyIncome));

        var saved = await Json(await Put(town, household, new
        {
            skill1 = "沃柑嫁接",
            skill2 = "生猪防疫",
            progress = "ProducingIncome",
            incomeAtStart = surveyIncome,
            incomeLatest = "99,999",
            incomeLatestOn = "2020-04-05",
            version = 0,
        }));
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        var read = await Json(await town.GetAsync($"/api/v1/households/{household}/outcome"));
        Assert.Equal(("沃柑嫁接", "生猪防疫", "已见效益", "99,999.00"), (read.GetProperty("skill1").GetString(), read.GetProperty("skill2").GetString(),
            read.GetProperty("progressLabel").GetString(), read.GetProperty("incomeLatest").GetString()));
        Assert.Contains("不低于重点扶持收入线", read.GetProperty("standing").GetString(), StringComparison.Ordinal);

        // A second tab still holding version 0.
        var stale = await Put(await app.SignIn("luoman.dangwei"), household, new { skill1 = "养蜂", progress = "UnderWay", incomeAtStart = "100", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("刚被他人修改", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.Equal("沃柑嫁接", (await db.HouseholdOutcomes.SingleAsync(o => o.HouseholdId == household)).Skill1);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Entity == nameof(HouseholdOutcome) && a.EntityId == household.ToString()));
    }

    [Fact]
    public async Task Only_offices_that_record_outcomes_in_their_area_may_and_the_rules_name_the_field()
    {
        var household = await PairedAsync();
        var body = new { skill1 = "沃柑嫁接", progress = "UnderWay", incomeAtStart = "2800", version = 0 };
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(await app.SignIn("bangfuren"), household, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(await app.SignIn("quzuzhibu"), household, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Put(await app.SignIn("liushan.dangwei"), household, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Put(await app.SignIn("guzhou.cun"), household, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/api/v1/households/{household}/outcome")).StatusCode);

        var village = await app.SignIn("luoman.cun");
        var failed = await Put(village, household, new { progress = "Failed", incomeAtStart = "2800", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var problem = await failed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("项目失败的原因", problem.GetProperty("errors").GetProperty("FailureReason")[0].GetString(), StringComparison.Ordinal);
        var future = await Put(village, household, new { progress = "UnderWay", incomeAtStart = "2800", incomeLatest = "3000", incomeLatestOn = "2020-04-06", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("IncomeLatestOn", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unpaired = (await FiledHouseholds.AddAsync(app, 1))[0];
        var refused = await Put(village, unpaired, body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("尚未结对帮扶", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await Json(await Put(village, household, body))).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_outcome_page_saves_and_shows_a_stale_form_as_a_message_on_the_page()
    {
        var household = await PairedAsync();
        var town = await app.SignIn("luoman.dangwei");
        var page = await town.GetStringAsync($"/Pairing/Outcome/{household}");
        Assert.Contains("帮扶成效", page, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["Input.Skill1"] = "沃柑嫁接",
            ["Input.Progress"] = "UnderWay",
            ["Input.IncomeAtStart"] = "2800",
            ["Input.Version"] = "0",
        };
        var saved = await TestApp.PostForm(town, $"/Pairing/Outcome/{household}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var again = await TestApp.PostForm(town, $"/Pairing/Outcome/{household}", fields);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("刚被他人修改", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("实施中", await town.GetStringAsync($"/Households/Details/{household}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_household_page_and_archive_show_helpers_logs_visits_and_outcome_and_the_zip_carries_the_photos()
    {
        var helper = await Pairings.AddHelperAsync(app, name: "覃建华");
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, on: new DateOnly(2020, 4, 5)))[0];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var pairing = await scope.ServiceProvider.GetRequiredService<TongxingDb>().Pairings.Where(p => p.HouseholdId == household).Select(p => p.Id).SingleAsync();
            await FollowUps.SignAsync(app, pairing, new DateOnly(2020, 4, 5));
        }
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 5), "送去沃柑苗200株", SupportKind.Project, 50000, "化肥2袋", photos: 2,
            where: new GeoPoint(24.31234, 109.41234, 15));
        await FollowUps.VisitAsync(app, household, new DateOnly(2020, 4, 5), photos: 1, findings: "沃柑苗已全部种下");

        var details = await (await app.SignIn("luoman.dangwei")).GetStringAsync($"/Households/Details/{household}");
        Assert.Contains("覃建华", details, StringComparison.Ordinal);
        Assert.Contains("协议已签订", details, StringComparison.Ordinal);
        Assert.Contains("送去沃柑苗200株", details, StringComparison.Ordinal);
        Assert.Contains("500.00元", details, StringComparison.Ordinal);
        Assert.Contains("北纬24.31234°，东经109.41234°", details, StringComparison.Ordinal);
        Assert.Contains("沃柑苗已全部种下", details, StringComparison.Ordinal);
        Assert.Contains("/Pairing/Photo/", details, StringComparison.Ordinal);

        var district = await app.SignIn("qucanlian");
        var archive = await district.GetStringAsync($"/Archive/{household}");
        Assert.Contains("沃柑苗已全部种下", archive, StringComparison.Ordinal);
        Assert.Contains("帮扶人表现", archive, StringComparison.Ordinal);
        var zip = await district.GetAsync($"/Archive/{household}?handler=Zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archiveZip = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var names = archiveZip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("帮扶日志与走访记录.csv", names);
        Assert.Equal(3, names.Count(n => n.StartsWith("帮扶照片/", StringComparison.Ordinal)));
        using var csv = new StreamReader(archiveZip.GetEntry("帮扶日志与走访记录.csv")!.Open());
        var table = await csv.ReadToEndAsync();
        Assert.Contains("送去沃柑苗200株", table, StringComparison.Ordinal);
        Assert.Contains("沃柑苗已全部种下", table, StringComparison.Ordinal);

        // An office that sees personal data masked reads the numbers in a helper's note masked and no coordinates.
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 5), "户主电话13912345678，身份证450204196202275051",
            where: new GeoPoint(24.3301234, 109.4123456, 5));
        // The visitors written with their phone too, with spaces, as people type it.
        await FollowUps.VisitAsync(app, household, new DateOnly(2020, 4, 6), visitors: "镇残联 莫理事长 138 1234 5678");
        var masked = await (await app.SignIn("quzuzhibu")).GetStringAsync($"/Households/Details/{household}");
        Assert.Contains("镇残联 莫理事长 138****5678", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("138 1234 5678", masked, StringComparison.Ordinal);
        Assert.Contains("送去沃柑苗200株", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("450204196202275051", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("北纬", masked, StringComparison.Ordinal);
        Assert.Contains("13912345678", await (await app.SignIn("luoman.dangwei")).GetStringAsync($"/Households/Details/{household}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_is_shown_to_its_area_and_its_helper_only_and_every_view_is_audited()
    {
        var own = await Pairings.AddHelperAsync(app, userName: "bangfuren");
        var mine = (await Pairings.PairedHouseholdsAsync(app, 1, own, on: new DateOnly(2020, 4, 5)))[0];
        var other = await Pairings.AddHelperAsync(app);
        var theirs = (await Pairings.PairedHouseholdsAsync(app, 1, other, on: new DateOnly(2020, 4, 5)))[0];
        var (_, myPhotos) = await FollowUps.LogAsync(app, mine, own, new DateOnly(2020, 4, 5), photos: 1);
        var (_, theirPhotos) = await FollowUps.VisitAsync(app, theirs, new DateOnly(2020, 4, 5), photos: 1);

        var helper = await app.SignIn("bangfuren");
        var shown = await helper.GetAsync($"/Pairing/Photo/{myPhotos[0]}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/Pairing/Photo/{theirPhotos[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignIn("luoman.canlian")).GetAsync($"/Pairing/Photo/{theirPhotos[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignIn("quzuzhibu")).GetAsync($"/Pairing/Photo/{theirPhotos[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/Pairing/Photo/{theirPhotos[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("guzhou.cun")).GetAsync($"/Pairing/Photo/{theirPhotos[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("luoman.canlian")).GetAsync($"/Pairing/Photo/{Guid.NewGuid()}")).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "查看帮扶照片" && a.Subject == mine.ToString()));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "查看帮扶照片" && a.Subject == theirs.ToString()));
    }

    [Fact]
    public async Task The_full_record_page_lists_every_log_beyond_the_latest_twenty()
    {
        var helper = await Pairings.AddHelperAsync(app);
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, on: new DateOnly(2020, 4, 5)))[0];
        for (var i = 1; i <= 22; i++)
        {
            await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 5), $"第{i}次帮扶");
        }
        var town = await app.SignIn("luoman.dangwei");
        var details = await town.GetStringAsync($"/Households/Details/{household}");
        Assert.Contains("帮扶日志（22 条）", details, StringComparison.Ordinal);
        Assert.Contains($"/Pairing/Logs/{household}", details, StringComparison.Ordinal);
        var all = await town.GetStringAsync($"/Pairing/Logs/{household}");
        Assert.All(Enumerable.Range(1, 22), i => Assert.Contains($"第{i}次帮扶<", all, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/Pairing/Logs/{household}")).StatusCode);
    }

    [Fact]
    public async Task A_helper_reads_the_record_of_the_households_paired_with_them_and_of_no_other()
    {
        var own = await Pairings.AddHelperAsync(app, userName: "bangfuren");
        var mine = (await Pairings.PairedHouseholdsAsync(app, 1, own, on: new DateOnly(2020, 4, 5)))[0];
        var other = await Pairings.AddHelperAsync(app);
        var theirs = (await Pairings.PairedHouseholdsAsync(app, 1, other, on: new DateOnly(2020, 4, 5)))[0];
        await FollowUps.LogAsync(app, mine, own, new DateOnly(2020, 4, 6), "送去种苗，电话13912345678");
        await FollowUps.LogAsync(app, theirs, other, new DateOnly(2020, 4, 6), "别人的日志");

        var helper = await app.SignIn("bangfuren");
        Assert.Contains($"/Pairing/Logs/{mine}", await helper.GetStringAsync("/Pairing/Mine"), StringComparison.Ordinal);
        var page = await helper.GetStringAsync($"/Pairing/Logs/{mine}");
        Assert.Contains("送去种苗", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.Contains("返回我的帮扶", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/Households/Details/", page, StringComparison.Ordinal);
        var api = await helper.GetFromJsonAsync<JsonElement>($"/api/v1/households/{mine}/follow-up");
        Assert.Equal(1, api.GetProperty("logCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("outcome").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/Pairing/Logs/{theirs}")).StatusCode);
        // The programme's terms, but not its counts: a helper's village opens nothing by area.
        var current = await helper.GetFromJsonAsync<JsonElement>("/api/v1/programmes/current");
        Assert.Equal(0, current.GetProperty("registered").GetInt32());
        Assert.Empty(current.GetProperty("towns").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/api/v1/households/{theirs}/follow-up")).StatusCode);

        // The offices read it through the API as on the page, within their area.
        var town = await app.SignIn("luoman.dangwei");
        Assert.Contains("13912345678", (await town.GetFromJsonAsync<JsonElement>($"/api/v1/households/{mine}/follow-up")).GetProperty("logs")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/api/v1/households/{mine}/follow-up")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("caizheng")).GetAsync($"/api/v1/households/{mine}/follow-up")).StatusCode);

        // Once the pairing ends, the helper reads it no more.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var pairing = await db.Pairings.SingleAsync(p => p.HouseholdId == mine && p.EndedOn == null);
            db.Entry(pairing).Property(p => p.EndedOn).CurrentValue = new DateOnly(2020, 5, 1);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/Pairing/Logs/{mine}")).StatusCode);
    }

    [Fact]
    public async Task The_registration_form_names_the_helpers_paired_and_the_disabled_member_s_certificate()
    {
        var helper = await Pairings.AddHelperAsync(app, name: "韦附件");
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, on: new DateOnly(2020, 4, 5), sizes: (2, 4)))[0];
        // The head is not the disabled person here: a member is.
        string certificate, member;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var members = await db.Members.Where(m => m.HouseholdId == household).OrderBy(m => m.Relation).ToListAsync();
            var head = members.First(m => m.Relation == Relation.Head);
            var other = members.FirstOrDefault(m => m.Relation != Relation.Head) ?? throw new InvalidOperationException("a household of one");
            certificate = head.CertificateNumber ?? other.CertificateNumber ?? "";
            db.Entry(other).Property(m => m.DisabilityCategory).CurrentValue = head.DisabilityCategory ?? DisabilityCategory.Hearing;
            db.Entry(other).Property(m => m.DisabilityGrade).CurrentValue = head.DisabilityGrade ?? 2;
            db.Entry(other).Property(m => m.CertificateNumber).CurrentValue = certificate;
            db.Entry(head).Property(m => m.DisabilityCategory).CurrentValue = null;
            db.Entry(head).Property(m => m.DisabilityGrade).CurrentValue = null;
            db.Entry(head).Property(m => m.CertificateNumber).CurrentValue = null;
            member = other.Name;
            await db.SaveChangesAsync();
        }
        var town = await app.SignIn("luoman.canlian");
        var form = await town.GetAsync($"/api/v1/households/{household}/attachment2");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await form.Content.ReadAsByteArrayAsync()));
        var xml = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
        Assert.Contains("韦附件", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("结对时填写", xml, StringComparison.Ordinal);
        Assert.Contains($"{certificate}（{member}，", xml, StringComparison.Ordinal);
    }
}

public sealed class OutcomeTests_Sqlite(SqliteApp app) : OutcomeTests(app), IClassFixture<SqliteApp>;

public sealed class OutcomeTests_Postgres(PostgresApp app) : OutcomeTests(app), IClassFixture<PostgresApp>;

using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Support logs and visits as a phone sends them: who may write for which household, the rules of the fields, the
/// same id sent again (and in parallel) stored once, the ended pairing and the possible duplicate visit refused with a
/// 409 that says why, the helper's households with what is due.
/// </summary>
public abstract class FollowUpSendTests(TestApp app)
{
    private string Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The demo helper account's helper record (made once per database: an account belongs to one helper).</summary>
    private async Task<Guid> BangfurenAsync()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var userId = await db.Users.Where(u => u.UserName == "bangfuren").Select(u => u.Id).FirstAsync();
            if (await db.Helpers.Where(h => h.UserId == userId).Select(h => (Guid?)h.Id).FirstOrDefaultAsync() is { } existing)
            {
                return existing;
            }
        }
        return await Pairings.AddHelperAsync(app, name: "陆师傅", userName: "bangfuren");
    }

    /// <summary>A new household paired with the demo helper, whose earlier pairings end first (a helper takes at most a few households).</summary>
    private async Task<Guid> MyHouseholdAsync()
    {
        var helperId = await BangfurenAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var helper = await db.Helpers.SingleAsync(h => h.Id == helperId);
            foreach (var pairing in await db.Pairings.Where(p => p.HelperId == helperId && p.EndedOn == null).ToListAsync())
            {
                var household = await db.Households.SingleAsync(h => h.Id == pairing.HouseholdId);
                Assert.True(pairing.End(household, helper, "测试换户", pairing.StartedOn, null, Branch, app.Clock.GetUtcNow()).Succeeded);
            }
            await db.SaveChangesAsync();
        }
        return (await Pairings.PairedHouseholdsAsync(app, 1, helperId))[0];
    }

    private static Actor Branch => new("seed", "测试", Role.VillageBranch, new AreaScope(AreaLevel.Village, DemoData.LuomanVillage));

    /// <summary>A phone's send: the fields and any number of pictures under <c>photos</c>.</summary>
    internal static MultipartFormDataContent Form(IDictionary<string, string?> fields, params byte[][] photos)
    {
        var form = FundsReceiptTests.Form(fields);
        foreach (var p in photos)
        {
            form.Add(new ByteArrayContent(p), "photos", "现场.jpg");
        }
        return form;
    }

    private Dictionary<string, string?> Log(Guid id, string? content = "指导沃柑修枝", string? on = null) => new()
    {
        ["id"] = id.ToString(),
        ["on"] = on ?? Today,
        ["kind"] = "Skills",
        ["content"] = content,
        ["money"] = "200.50",
        ["goods"] = "化肥两袋",
        ["latitude"] = "24.123456",
        ["longitude"] = "109.456789",
        ["accuracy"] = "15",
        ["writtenAt"] = app.Clock.GetUtcNow().AddHours(-2).ToString("O"),
        ["seenVersion"] = "0",
    };

    private Dictionary<string, string?> Visit(Guid id, string? findings = "项目运转正常", string? rating = "Good", int? seen = 0, bool confirm = false) => new()
    {
        ["id"] = id.ToString(),
        ["on"] = Today,
        ["visitors"] = "镇残联 李干事",
        ["findings"] = findings,
        ["rating"] = rating,
        ["suggestions"] = "加强技术指导",
        ["seenVersion"] = seen?.ToString(CultureInfo.InvariantCulture),
        ["confirmDuplicate"] = confirm ? "true" : null,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    [Fact]
    public async Task A_visits_id_cannot_be_taken_by_a_support_log_nor_the_reverse_so_no_record_takes_over_anothers_photos()
    {
        var household = await MyHouseholdAsync();
        var client = await app.SignIn("bangfuren");
        var town = await app.SignIn("luoman.canlian");
        var visit = Guid.NewGuid();
        await Json(await town.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(visit), TestImages.JpegWithGps())), HttpStatusCode.Created);
        var taken = await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(visit))), HttpStatusCode.Conflict);
        Assert.Equal("id-reused", taken.GetProperty("conflict").GetString());
        var log = Guid.NewGuid();
        await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(log), TestImages.JpegWithGps())), HttpStatusCode.Created);
        var helperVisit = Visit(log);
        await Json(await client.PostAsync($"/api/v1/households/{household}/visits", Form(helperVisit)), HttpStatusCode.Conflict);
        Assert.False(await Db(db => db.SupportLogs.AnyAsync(l => l.Id == visit)));
        Assert.False(await Db(db => db.Visits.AnyAsync(v => v.Id == log)));
        // Another's record under a known id, for a household the sender cannot reach, is not even said to exist.
        var other = (await FiledHouseholds.AddAsync(app, 1))[0];
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/households/{other}/support-logs", Form(Log(visit)))).StatusCode);
    }

    [Fact]
    public async Task A_helper_logs_support_with_a_photo_and_where_it_was_written_and_sees_it_on_their_households()
    {
        var household = await MyHouseholdAsync();
        var client = await app.SignIn("bangfuren");
        var id = Guid.NewGuid();
        var created = await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(id), TestImages.JpegWithGps())), HttpStatusCode.Created);
        Assert.False(created.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, created.GetProperty("photos").GetInt32());

        var log = await Db(db => db.SupportLogs.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(household, log.HouseholdId);
        Assert.Equal(await BangfurenAsync(), log.HelperId);
        Assert.Equal(20050, log.MoneyFen);
        Assert.Equal(SupportKind.Skills, log.Kind);
        Assert.Equal(24.123456, log.Latitude);
        Assert.NotNull(log.WrittenAt);
        Assert.Equal(1, await Db(db => db.FollowUpPhotos.CountAsync(p => p.OwnerId == id)));

        var mine = await Json(await client.GetAsync("/api/v1/me/households"), HttpStatusCode.OK);
        var row = mine.GetProperty("households").EnumerateArray().Single(h => h.GetProperty("id").GetGuid() == household);
        Assert.Equal(Today, row.GetProperty("lastLog").GetString());
        Assert.False(row.TryGetProperty("idNumber", out _));

        var office = await app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/api/v1/me/households")).StatusCode);
    }

    [Fact]
    public async Task The_same_id_sent_again_returns_the_stored_record_and_the_same_id_with_other_content_is_a_conflict()
    {
        var household = await MyHouseholdAsync();
        var client = await app.SignIn("bangfuren");
        var id = Guid.NewGuid();
        await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(id))), HttpStatusCode.Created);
        var again = await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(id))), HttpStatusCode.OK);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(id, again.GetProperty("id").GetGuid());

        var other = await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(id, content: "另一件事"))), HttpStatusCode.Conflict);
        Assert.Equal("id-reused", other.GetProperty("conflict").GetString());
        Assert.Equal(1, await Db(db => db.SupportLogs.CountAsync(l => l.Id == id)));
    }

    [Fact]
    public async Task Eight_parallel_sends_of_the_same_visit_store_one_for_a_helper_and_for_an_office()
    {
        var household = await MyHouseholdAsync();
        foreach (var user in new[] { "bangfuren", "luoman.canlian" })
        {
            var client = await app.SignIn(user);
            var id = Guid.NewGuid();
            var sends = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
                client.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(id, seen: null), TestImages.JpegWithGps()))));
            var codes = sends.Select(r => r.StatusCode).ToList();
            Assert.True(codes.All(c => c is HttpStatusCode.Created or HttpStatusCode.OK), string.Join(",", codes));
            Assert.Single(codes, HttpStatusCode.Created);
            Assert.Equal(1, await Db(db => db.Visits.CountAsync(v => v.Id == id)));
            Assert.Equal(1, await Db(db => db.FollowUpPhotos.CountAsync(p => p.OwnerId == id)));
        }
        var kinds = await Db(db => db.Visits.Where(v => v.HouseholdId == household).Select(v => v.Kind).ToListAsync());
        Assert.Equal([VisitKind.ReturnVisit, VisitKind.HelperVisit], kinds.Order());
    }

    [Fact]
    public async Task A_return_visit_recorded_meanwhile_is_a_possible_duplicate_until_the_sender_confirms()
    {
        var household = await MyHouseholdAsync();
        var town = await app.SignIn("luoman.canlian");
        var first = await Json(await town.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(Guid.NewGuid()))), HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("seenVersion").GetInt32());

        var village = await app.SignIn("luoman.cun");
        var late = Guid.NewGuid();
        var conflict = await Json(await village.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(late, seen: 0))), HttpStatusCode.Conflict);
        Assert.Equal("possible-duplicate", conflict.GetProperty("conflict").GetString());
        Assert.Contains("由镇残联 李干事回访", conflict.GetProperty("detail").GetString());
        Assert.Equal(0, await Db(db => db.Visits.CountAsync(v => v.Id == late)));

        // Having seen the first visit, or confirming, the village's visit is stored.
        await Json(await village.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(Guid.NewGuid(), seen: 1))), HttpStatusCode.Created);
        await Json(await village.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(late, seen: 0, confirm: true))), HttpStatusCode.Created);
        var h = await Db(db => db.Households.AsNoTracking().SingleAsync(x => x.Id == household));
        Assert.Equal(DateOnly.Parse(Today, CultureInfo.InvariantCulture), h.LastReturnVisitOn);

        // A helper's own visits never conflict as duplicates.
        var helper = await app.SignIn("bangfuren");
        await Json(await helper.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(Guid.NewGuid(), rating: null, seen: 0))), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_record_sent_after_the_helpers_pairing_ended_is_refused_but_one_already_stored_is_answered_as_stored()
    {
        var household = await MyHouseholdAsync();
        var client = await app.SignIn("bangfuren");
        var stored = Guid.NewGuid();
        await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(stored))), HttpStatusCode.Created);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var helperId = await BangfurenAsync();
            var pairing = await db.Pairings.SingleAsync(p => p.HouseholdId == household && p.HelperId == helperId);
            var h = await db.Households.SingleAsync(x => x.Id == household);
            var helper = await db.Helpers.SingleAsync(x => x.Id == helperId);
            Assert.True(pairing.End(h, helper, "帮扶人外出务工", DateOnly.Parse(Today, CultureInfo.InvariantCulture), null, Branch, app.Clock.GetUtcNow()).Succeeded);
            await db.SaveChangesAsync();
        }

        var late = await Json(await client.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(Guid.NewGuid(), rating: null))), HttpStatusCode.Conflict);
        Assert.Equal("pairing-ended", late.GetProperty("conflict").GetString());
        Assert.Contains("帮扶人外出务工", late.GetProperty("detail").GetString());
        var resent = await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(Log(stored))), HttpStatusCode.OK);
        Assert.True(resent.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task Households_beyond_the_users_reach_are_not_found()
    {
        var mine = await MyHouseholdAsync();
        var other = (await Pairings.PairedHouseholdsAsync(app, 1, await Pairings.AddHelperAsync(app)))[0];
        var helper = await app.SignIn("bangfuren");
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PostAsync($"/api/v1/households/{other}/support-logs", Form(Log(Guid.NewGuid())))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await helper.PostAsync($"/api/v1/households/{other}/visits", Form(Visit(Guid.NewGuid())))).StatusCode);

        var otherTown = await app.SignIn("liushan.dangwei");
        Assert.Equal(HttpStatusCode.NotFound, (await otherTown.PostAsync($"/api/v1/households/{mine}/visits", Form(Visit(Guid.NewGuid())))).StatusCode);
        var otherVillage = await app.SignIn("guzhou.cun");
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.PostAsync($"/api/v1/households/{mine}/support-logs", Form(Log(Guid.NewGuid())))).StatusCode);
        // The town federation records return visits but writes no support log.
        var federation = await app.SignIn("luoman.canlian");
        Assert.Equal(HttpStatusCode.Forbidden, (await federation.PostAsync($"/api/v1/households/{mine}/support-logs", Form(Log(Guid.NewGuid())))).StatusCode);
        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PostAsync($"/api/v1/households/{mine}/visits", Form(Visit(Guid.NewGuid())))).StatusCode);

        var village = await app.SignIn("luoman.cun");
        var branchLog = Guid.NewGuid();
        await Json(await village.PostAsync($"/api/v1/households/{mine}/support-logs", Form(Log(branchLog))), HttpStatusCode.Created);
        Assert.Null((await Db(db => db.SupportLogs.AsNoTracking().SingleAsync(l => l.Id == branchLog))).HelperId);
        var unpaired = (await FiledHouseholds.AddAsync(app, 1))[0];
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsync($"/api/v1/households/{unpaired}/support-logs", Form(Log(Guid.NewGuid())))).StatusCode);
    }

    [Fact]
    public async Task The_forms_post_to_the_same_handler_and_the_household_comes_from_the_address()
    {
        var household = await MyHouseholdAsync();
        var village = await app.SignIn("luoman.cun");
        var page = await village.GetStringAsync($"/Pairing/Log/{household}");
        Assert.DoesNotContain("IdNumber", page, StringComparison.Ordinal);
        var id = Guid.NewGuid();
        var fields = new Dictionary<string, string> { ["id"] = id.ToString(), ["on"] = Today, ["kind"] = "Care", ["content"] = "春节慰问", ["goods"] = "米一袋" };
        var posted = await TestApp.PostForm(village, $"/Pairing/Log/{household}", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var log = await Db(db => db.SupportLogs.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(household, log.HouseholdId);
        Assert.Equal(SupportKind.Care, log.Kind);

        // Refused at the field, what was typed kept on the page.
        var town = await app.SignIn("luoman.canlian");
        var refused = await TestApp.PostForm(town, $"/Pairing/Visit/{household}", new Dictionary<string, string>
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["on"] = Today,
            ["visitors"] = "镇残联 韦某",
            ["findings"] = "家中无人",
        });
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("请评价帮扶人的帮扶情况", html, StringComparison.Ordinal);
        Assert.Contains("家中无人", html, StringComparison.Ordinal);

        var helper = await app.SignIn("bangfuren");
        var mine = await helper.GetStringAsync("/Pairing/Mine");
        Assert.Contains($"/Pairing/Visit/{household}", mine, StringComparison.Ordinal);
        var home = await helper.GetAsync("/");
        Assert.Equal("/Pairing/Mine", home.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Fields_are_checked_before_anything_is_stored()
    {
        var household = await MyHouseholdAsync();
        var office = await app.SignIn("luoman.canlian");
        var noRating = await Json(await office.PostAsync($"/api/v1/households/{household}/visits", Form(Visit(Guid.NewGuid(), findings: "", rating: null))), HttpStatusCode.BadRequest);
        Assert.True(noRating.GetProperty("errors").TryGetProperty("Rating", out _));
        Assert.True(noRating.GetProperty("errors").TryGetProperty("Findings", out _));

        var client = await app.SignIn("bangfuren");
        async Task<JsonElement> Refused(Dictionary<string, string?> fields, params byte[][] photos) =>
            await Json(await client.PostAsync($"/api/v1/households/{household}/support-logs", Form(fields, photos)), HttpStatusCode.BadRequest);
        var tomorrow = DateOnly.Parse(Today, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True((await Refused(Log(Guid.NewGuid(), on: tomorrow))).GetProperty("errors").TryGetProperty("On", out _));
        Assert.True((await Refused(Log(Guid.NewGuid(), on: "2020-01-02"))).GetProperty("errors").TryGetProperty("On", out _));
        var badMoney = Log(Guid.NewGuid());
        badMoney["money"] = "-5";
        badMoney["latitude"] = "0";
        badMoney["longitude"] = "0";
        var errors = (await Refused(badMoney)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Money", out _));
        Assert.True(errors.TryGetProperty("Latitude", out _));
        var noId = Log(Guid.NewGuid());
        noId["id"] = "";
        Assert.True((await Refused(noId)).GetProperty("errors").TryGetProperty("Id", out _));

        var tooMany = Guid.NewGuid();
        var photo = TestImages.JpegWithGps();
        Assert.True((await Refused(Log(tooMany), photo, photo, photo, photo)).GetProperty("errors").TryGetProperty("Photos", out _));
        var notAPicture = Guid.NewGuid();
        Assert.True((await Refused(Log(notAPicture), "%PDF-1.4 not a picture"u8.ToArray())).GetProperty("errors").TryGetProperty("Photos", out _));
        Assert.Equal(0, await Db(db => db.SupportLogs.CountAsync(l => l.Id == tooMany || l.Id == notAPicture)));
    }
}

public sealed class FollowUpSendTests_Sqlite(SqliteApp app) : FollowUpSendTests(app), IClassFixture<SqliteApp>;

public sealed class FollowUpSendTests_Postgres(PostgresApp app) : FollowUpSendTests(app), IClassFixture<PostgresApp>;

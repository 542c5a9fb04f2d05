using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>
/// What officials and an attacker broke in the oversight pages when they first used them, held here: a save after a
/// refused submission, reports sent before their quarter ended, names and numbers in publicity, another unit rewriting an
/// entry, null and malformed bodies, meetings dated ahead, completeness counting reports not yet due.
/// </summary>
public abstract class OversightReviewTests(TestApp app)
{
    private static string Q(string town, string kind) => $"/Reports/Edit/{town}/{kind}";

    [Fact]
    public async Task After_a_refused_submission_the_report_form_still_saves_a_draft_rather_than_submitting()
    {
        VisitSetup.Today(app, new DateOnly(2020, 7, 3));
        var town = await app.SignIn("luoman.canlian");
        var page = Q(DemoData.Luoman, "q2");
        var refused = await TestApp.PostForm(town, page, new() { ["Input.Text"] = "", ["Input.Version"] = "0" }, page + "?handler=Submit");
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请先填写报告的文字部分再报送", html, StringComparison.Ordinal);
        var form = new HtmlParser().ParseDocument(html).QuerySelector("#report-form")!;
        Assert.Contains("handler=Save", form.GetAttribute("action"), StringComparison.Ordinal);
        var saved = await town.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Text"] = "第二季度工作进展",
            ["Input.Version"] = "0",
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(html),
        }));
        Assert.True(saved.IsSuccessStatusCode || saved.StatusCode == HttpStatusCode.Redirect, saved.StatusCode.ToString());
        var report = await town.GetFromJsonAsync<JsonElement>($"/api/v1/towns/{DemoData.Luoman}/reports/q2");
        Assert.Equal("Draft", report.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_quarter_is_sent_only_after_it_ends_and_completeness_does_not_count_a_report_still_inside_its_days()
    {
        VisitSetup.Today(app, new DateOnly(2020, 7, 6));
        var town = await app.SignIn("liushan.canlian");
        var put = await town.PutAsJsonAsync($"/api/v1/towns/{DemoData.Liushan}/reports/q3", new { text = "第三季度", version = 0 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var id = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var early = await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("第三季度尚未结束，2020年10月1日起方可报送", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var completeness = await (await app.SignIn("qucanlian")).GetFromJsonAsync<JsonElement>("/api/v1/reports/completeness");
        var q2 = completeness.GetProperty("kinds").EnumerateArray().First(k => k.GetProperty("kind").GetString() == "q2");
        Assert.Equal(0, q2.GetProperty("expected").GetInt32());
        Assert.Equal(JsonValueKind.Null, q2.GetProperty("completeness").ValueKind);
    }

    [Fact]
    public async Task Publicity_names_no_household_without_consent_keeps_numbers_out_and_is_rewritten_only_by_its_writer()
    {
        VisitSetup.Today(app, new DateOnly(2020, 6, 1));
        var household = (await FiledHouseholds.AddAsync(app, 1, DemoData.LuomanVillage))[0];
        var village = await app.SignIn("luoman.cun");
        var choices = await village.GetFromJsonAsync<JsonElement>("/api/v1/publicity/choices");
        var label = choices.GetProperty("households").EnumerateArray().First(h => h.GetProperty("value").GetString() == household.ToString()).GetProperty("label").GetString()!;
        var name = label.TrimEnd('户');
        var named = await village.PostAsJsonAsync("/api/v1/publicity", new { kind = "AdvancedIndividual", title = $"党员帮扶助{name}户增收", text = "种植沃柑", householdId = household, version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, named.StatusCode);
        Assert.Contains("标题和正文中不能出现户主姓名", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var number = await village.PostAsJsonAsync("/api/v1/publicity", new { kind = "GoodPractice", title = "经验", text = "户主身份证450206197211166436", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
        var consented = await village.PostAsJsonAsync("/api/v1/publicity", new { kind = "AdvancedIndividual", title = $"党员帮扶助{name}户增收", text = "种植沃柑", householdId = household, consentOn = "2020-05-30", version = 0 });
        Assert.Equal(HttpStatusCode.Created, consented.StatusCode);
        var id = (await consented.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The district federation may return or withdraw a village's entry, not rewrite it.
        var district = await app.SignIn("qucanlian");
        var rewrite = await district.PutAsJsonAsync($"/api/v1/publicity/{id}", new { kind = "GoodPractice", title = "改写", text = "改写", version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, rewrite.StatusCode);
    }

    [Fact]
    public async Task A_meeting_is_dated_no_later_than_today_and_null_actions_or_a_broken_upload_are_bad_requests()
    {
        VisitSetup.Today(app, new DateOnly(2020, 6, 1));
        var district = await app.SignIn("quzuzhibu");
        var ahead = await district.PostAsJsonAsync("/api/v1/meetings", new { on = "2020-06-02", departments = "区委组织部", attendees = "覃部长", topics = "议题", decisions = "决定", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, ahead.StatusCode);
        Assert.Contains("会议日期不能晚于今天", await ahead.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var actions in new[] { "null", "[null]" })
        {
            var body = new StringContent($"{{\"on\":\"2020-06-01\",\"departments\":\"区委组织部\",\"attendees\":\"覃部长\",\"topics\":\"议题\",\"decisions\":\"决定\",\"actions\":{actions},\"version\":0}}",
                System.Text.Encoding.UTF8, "application/json");
            var r = await district.PostAsync("/api/v1/meetings", body);
            Assert.True((int)r.StatusCode < 500, $"actions {actions} → {(int)r.StatusCode}");
        }

        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var town = await app.SignIn("luoman.canlian");
        using var broken = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"b\r\nX-H: 1.pdf\"\r\n\r\n%PDF-1.4\r\n--b--\r\n"u8.ToArray());
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        var upload = await town.PostAsync($"/api/v1/towns/{DemoData.Luoman}/reports/yearend/files", broken);
        Assert.True((int)upload.StatusCode is >= 400 and < 500, $"broken multipart → {(int)upload.StatusCode}");
    }
}

public sealed class OversightReviewTests_Sqlite(SqliteApp app) : OversightReviewTests(app), IClassFixture<SqliteApp>;

public sealed class OversightReviewTests_Postgres(PostgresApp app) : OversightReviewTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;

namespace Tongxing.IntegrationTests;

/// <summary>What a notice, its objections and the approval form refuse, and where the page shows it; by the API and by the page.</summary>
public static class NoticeSteps
{
    public static async Task<Guid> Accepted(TestApp app, string name)
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var id = await Api.Register(village, Api.Eligible(name: name));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
        var accepted = await Api.Review(district, id, "Accept", null, (await Api.Household(district, id)).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return id;
    }

    public static async Task<HttpResponseMessage> Post(HttpClient village, Guid[] households, string? startDate = null) =>
        await village.PostAsJsonAsync("/api/v1/notices", new { households, startDate }, Api.Json);

    public static async Task<Guid> Posted(HttpClient village, Guid[] households, string? startDate = null)
    {
        var created = await Post(village, households, startDate);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<HttpResponseMessage> AddPhoto(HttpClient village, Guid noticeId)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.JpegWithGps()), "file", "张贴.jpg" } };
        return await village.PostAsync($"/api/v1/notices/{noticeId}/photos", form);
    }

    public static async Task<Guid> Objection(HttpClient client, Guid noticeId, Guid? householdId, string content = "反映该户收入不实")
    {
        var raised = await client.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections", new { householdId, content }, Api.Json);
        Assert.True(raised.StatusCode == HttpStatusCode.OK, await raised.Content.ReadAsStringAsync());
        return (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The message a 400 answer gives for one field.</summary>
    public static async Task<string> ErrorAt(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        var match = errors.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(match.Value.ValueKind == JsonValueKind.Array, $"no error at {field}: {body}");
        return match.Value[0].GetString()!;
    }

    /// <summary>The text shown at a field of a re-rendered page: its validation message, or the element with that id.</summary>
    public static string FieldMessage(string html, string key)
    {
        var doc = new HtmlParser().ParseDocument(html);
        var element = doc.QuerySelector($"[data-valmsg-for='{key}']") ?? doc.GetElementById(key);
        return element?.TextContent.Trim() ?? "";
    }

    /// <summary>Posts a form of a page through one of its handlers, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostPage(HttpClient client, string page, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = TestApp.AntiforgeryToken(await client.GetStringAsync(page));
        var form = fields.Append(new("__RequestVerificationToken", token)).ToList();
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }
}

/// <summary>The posting date, late entry (补录) and the photo a notice needs to pass; the clock moves, so one journey per app.</summary>
public abstract class NoticePostingTests(TestApp app)
{
    [Fact]
    public async Task A_notice_is_not_dated_before_acceptance_a_late_entry_is_marked_and_passing_needs_a_photo()
    {
        // Accepted by the district on Friday 17 April 2020.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 17, 2, 0, 0, TimeSpan.Zero));
        var id = await NoticeSteps.Accepted(app, "黄补录");
        var village = await app.SignIn("luoman.cun");

        // Dated before the acceptance: refused by the API and at the page's date field.
        var early = await NoticeSteps.Post(village, [id], "2020-04-16");
        Assert.Contains("不能早于区残联审核通过的日期：黄补录户于2020年4月17日审核通过", await NoticeSteps.ErrorAt(early, "StartDate"), StringComparison.Ordinal);
        var page = await NoticeSteps.PostPage(village, "/Notices", "", [new("Input.Households", id.ToString()), new("Input.StartDate", "2020-04-16")]);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("审核通过的日期", NoticeSteps.FieldMessage(await page.Content.ReadAsStringAsync(), "Input.StartDate"), StringComparison.Ordinal);

        // The village enters, on 27 April, the paper notice it put up on Monday the 20th (补录); eight days back is too far.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 27, 2, 0, 0, TimeSpan.Zero));
        village = await app.SignIn("luoman.cun");
        Assert.Contains("最早为7天前", await NoticeSteps.ErrorAt(await NoticeSteps.Post(village, [id], "2020-04-19"), "StartDate"), StringComparison.Ordinal);
        var noticeId = await NoticeSteps.Posted(village, [id], "2020-04-20");
        var notice = await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}");
        Assert.True(notice.GetProperty("lateEntry").GetBoolean());
        Assert.Equal("2020年4月24日", notice.GetProperty("endDate").GetString());
        Assert.Equal("补录：2020年4月20日张贴，2020年4月27日录入系统", notice.GetProperty("lateEntryNote").GetString());
        Assert.Contains("补录：2020年4月20日张贴", NoticeSteps.FieldMessage(await village.GetStringAsync($"/Notices/Details/{noticeId}"), "late-entry"), StringComparison.Ordinal);
        Assert.Contains("补录", NoticeSteps.FieldMessage(await village.GetStringAsync($"/Notices/Print/{noticeId}"), "late-entry"), StringComparison.Ordinal);
        Assert.Contains("补录", NoticeSteps.FieldMessage(await village.GetStringAsync($"/Archive/{id}"), "archive-late-entry"), StringComparison.Ordinal);
        Assert.Contains("已期满 · 补录", await village.GetStringAsync("/Notices"), StringComparison.Ordinal);

        // It is already over, but it passes only with a photo of the posted notice: at the page's pass button, then by the API.
        var noPhoto = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", "Pass", []);
        Assert.Equal(HttpStatusCode.OK, noPhoto.StatusCode);
        Assert.Contains("请先上传公示张贴现场照片", NoticeSteps.FieldMessage(await noPhoto.Content.ReadAsStringAsync(), "pass-error"), StringComparison.Ordinal);
        var refused = await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null);
        Assert.Contains("请先上传公示张贴现场照片", await NoticeSteps.ErrorAt(refused, "Photo"), StringComparison.Ordinal);
        Assert.Equal("公示中", (await Api.Household(village, id)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await NoticeSteps.AddPhoto(village, noticeId)).StatusCode);
        var pass = await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null);
        Assert.Equal(1, (await pass.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetInt32());

        // A notice entered on the day it is posted is not a late entry.
        var other = await NoticeSteps.Accepted(app, "黄当天");
        var onTime = await NoticeSteps.Posted(village, [other]);
        Assert.False((await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{onTime}")).GetProperty("lateEntry").GetBoolean());
    }
}

public sealed class NoticePostingTests_Sqlite(SqliteApp app) : NoticePostingTests(app), IClassFixture<SqliteApp>;

public sealed class NoticePostingTests_Postgres(PostgresApp app) : NoticePostingTests(app), IClassFixture<PostgresApp>;

/// <summary>Objections on a running notice (posted today, 5 April 2020): dates, withdrawal, races, names, the public page and the Word file. The clock stays put.</summary>
public abstract class ObjectionTests(TestApp app)
{
    private async Task<(HttpClient Village, Guid Household, Guid Notice)> RunningNotice(string name)
    {
        var id = await NoticeSteps.Accepted(app, name);
        var village = await app.SignIn("luoman.cun");
        return (village, id, await NoticeSteps.Posted(village, [id]));
    }

    private static async Task<JsonElement> Objection(HttpClient client, Guid noticeId, Guid objectionId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}")).GetProperty("objections").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == objectionId);

    [Fact]
    public async Task Objections_and_their_resolutions_are_dated_inside_the_notice_and_never_in_the_future()
    {
        var (village, id, noticeId) = await RunningNotice("蒙日期");
        var today = app.Clock.GetUtcNow().AddHours(8);
        Assert.Equal(new DateTime(2020, 4, 5), today.Date);
        var url = $"/api/v1/notices/{noticeId}/objections";

        var future = await village.PostAsJsonAsync(url, new { householdId = id, receivedOn = "2020-04-07", content = "收入不实" }, Api.Json);
        Assert.Contains("收到日期不能晚于今天", await NoticeSteps.ErrorAt(future, "ReceivedOn"), StringComparison.Ordinal);
        var before = await village.PostAsJsonAsync(url, new { householdId = id, receivedOn = "2020-04-04", content = "收入不实" }, Api.Json);
        Assert.Contains("公示期", await NoticeSteps.ErrorAt(before, "ReceivedOn"), StringComparison.Ordinal);

        // The page shows the refusal at the date field and keeps what was typed.
        var page = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", "Objection",
            [new("Objection.HouseholdId", id.ToString()), new("Objection.ReceivedOn", "2020-04-07"), new("Objection.Content", "家有货车")]);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("收到日期不能晚于今天", NoticeSteps.FieldMessage(html, "Objection.ReceivedOn"), StringComparison.Ordinal);
        Assert.Contains("家有货车", new HtmlParser().ParseDocument(html).GetElementById("Objection_Content")!.TextContent, StringComparison.Ordinal);
        var empty = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", "Objection", [new("Objection.Content", "")]);
        Assert.Contains("请填写异议内容", NoticeSteps.FieldMessage(await empty.Content.ReadAsStringAsync(), "Objection.Content"), StringComparison.Ordinal);

        var objectionId = await NoticeSteps.Objection(village, noticeId, id);
        var resolution = $"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution";
        var late = await village.PostAsJsonAsync(resolution, new { resolution = "经核实不属实", upheld = false, resolvedOn = "2020-04-06" }, Api.Json);
        Assert.Contains("处理日期不能晚于今天", await NoticeSteps.ErrorAt(late, "ResolvedOn"), StringComparison.Ordinal);
        var tooEarly = await village.PostAsJsonAsync(resolution, new { resolution = "经核实不属实", upheld = false, resolvedOn = "2020-04-04" }, Api.Json);
        Assert.Contains("不能早于收到异议的日期", await NoticeSteps.ErrorAt(tooEarly, "ResolvedOn"), StringComparison.Ordinal);
        var pageLate = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", $"Resolve&objectionId={objectionId}",
            [new("Resolution.Resolution", "经核实不属实"), new("Resolution.ResolvedOn", "2020-04-06"), new("Resolution.Upheld", "false")]);
        Assert.Contains("处理日期不能晚于今天", NoticeSteps.FieldMessage(await pageLate.Content.ReadAsStringAsync(), $"resdate-error-{objectionId}"), StringComparison.Ordinal);
        var pageEmpty = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", $"Resolve&objectionId={objectionId}", [new("Resolution.Upheld", "false")]);
        Assert.Contains("请填写核实处理情况", NoticeSteps.FieldMessage(await pageEmpty.Content.ReadAsStringAsync(), $"res-error-{objectionId}"), StringComparison.Ordinal);

        var ok = await village.PostAsJsonAsync(resolution, new { resolution = "经核实不属实", upheld = false, resolvedOn = "2020-04-05" }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("2020-04-05", (await Objection(village, noticeId, objectionId)).GetProperty("resolvedOn").GetString());
    }

    [Fact]
    public async Task An_objection_entered_by_mistake_is_withdrawn_with_a_reason_shown_and_audited()
    {
        var (village, id, noticeId) = await RunningNotice("蒙误登");
        var objectionId = await NoticeSteps.Objection(village, noticeId, id, "误登的异议");
        var withdrawal = $"/api/v1/notices/{noticeId}/objections/{objectionId}/withdrawal";

        Assert.Contains("请填写撤销原因", await NoticeSteps.ErrorAt(await village.PostAsJsonAsync(withdrawal, new { reason = " " }, Api.Json), "Reason"), StringComparison.Ordinal);
        var page = await NoticeSteps.PostPage(village, $"/Notices/Details/{noticeId}", $"WithdrawObjection&objectionId={objectionId}", [new("Withdrawal.Reason", "")]);
        Assert.Contains("请填写撤销原因", NoticeSteps.FieldMessage(await page.Content.ReadAsStringAsync(), $"wd-error-{objectionId}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("qucanlian")).PostAsJsonAsync(withdrawal, new { reason = "误登" }, Api.Json)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await village.PostAsJsonAsync(withdrawal, new { reason = "系邻村村民对本村另一户的反映，登记错了公示" }, Api.Json)).StatusCode);
        var o = await Objection(village, noticeId, objectionId);
        Assert.Equal("系邻村村民对本村另一户的反映，登记错了公示", o.GetProperty("withdrawnReason").GetString());
        Assert.False(o.GetProperty("isOpen").GetBoolean());
        var notice = await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}");
        Assert.Equal(0, notice.GetProperty("entries")[0].GetProperty("openObjections").GetInt32());
        Assert.Contains("已撤销（误登记", await village.GetStringAsync($"/Notices/Details/{noticeId}"), StringComparison.Ordinal);

        // Neither withdrawn twice nor resolved afterwards.
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsJsonAsync(withdrawal, new { reason = "再撤一次" }, Api.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution", new { resolution = "成立", upheld = true }, Api.Json)).StatusCode);
        Assert.Equal("公示中", (await Api.Household(village, id)).GetProperty("status").GetString());

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var key = objectionId.ToString();
        var audited = await db.AuditEntries.Where(a => a.EntityId == key).Select(a => a.Details).ToListAsync();
        Assert.Contains(audited, d => d != null && d.Contains("登记错了公示", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parallel_resolutions_of_one_objection_give_one_winner_and_conflicts_never_a_lost_update()
    {
        var (village, id, noticeId) = await RunningNotice("蒙并发");
        var objectionId = await NoticeSteps.Objection(village, noticeId, id);
        var town = await app.SignIn("luoman.dangwei");
        var url = $"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution";
        var clients = new[] { village, town, village, town, village, town, village, town };
        var answers = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync(url, new { resolution = $"处理意见{i}", upheld = i % 2 == 0 }, Api.Json)));

        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == HttpStatusCode.OK));
        Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.True(c is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"answered {c}"));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Matches("刚被他人处理|已处理", await refused.Content.ReadAsStringAsync());
        }
        var winner = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK);
        var stored = await Objection(village, noticeId, objectionId);
        Assert.Equal($"处理意见{winner}", stored.GetProperty("resolution").GetString());
        Assert.Equal(winner % 2 == 0, stored.GetProperty("upheld").GetBoolean());
        Assert.Equal(winner % 2 == 0 ? "已撤销" : "公示中", (await Api.Household(village, id)).GetProperty("status").GetString());
        Assert.DoesNotContain(app.Errors, e => e.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_offices_saving_a_resolution_of_one_objection_read_at_the_same_time_cannot_both_save()
    {
        var (village, id, noticeId) = await RunningNotice("蒙同读");
        var objectionId = await NoticeSteps.Objection(village, noticeId, id);
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<TongxingDb>();
        var b = second.ServiceProvider.GetRequiredService<TongxingDb>();
        var day = new DateOnly(2020, 4, 5);
        var seenByA = await a.Set<Tongxing.Web.Domain.Objection>().SingleAsync(o => o.Id == objectionId);
        var seenByB = await b.Set<Tongxing.Web.Domain.Objection>().SingleAsync(o => o.Id == objectionId);
        Assert.True(seenByA.Resolve("经核实属实", true, day, day, "村").Succeeded);
        Assert.True(seenByB.Resolve("经核实不属实", false, day, day, "镇").Succeeded);
        await a.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());
        Assert.Equal("经核实属实", (await Objection(village, noticeId, objectionId)).GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task The_village_sees_objections_with_full_names_others_masked_and_the_public_page_marks_a_withdrawn_household()
    {
        var (village, id, noticeId) = await RunningNotice("蒙全名");
        var objectionId = await NoticeSteps.Objection(village, noticeId, id);
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal("蒙全名", (await Objection(village, noticeId, objectionId)).GetProperty("household").GetString());
        Assert.Equal("蒙*名", (await Objection(town, noticeId, objectionId)).GetProperty("household").GetString());
        Assert.Contains("针对：蒙全名", await village.GetStringAsync($"/Notices/Details/{noticeId}"), StringComparison.Ordinal);
        Assert.DoesNotContain("蒙全名", await town.GetStringAsync($"/Notices/Details/{noticeId}"), StringComparison.Ordinal);

        var token = (await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}")).GetProperty("publicToken").GetString();
        Assert.DoesNotContain("已取消", await app.Anonymous().GetStringAsync($"/p/{token}"), StringComparison.Ordinal);
        var upheld = await town.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution", new { resolution = "经走访核实属实", upheld = true }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        var publicPage = new HtmlParser().ParseDocument(await app.Anonymous().GetStringAsync($"/p/{token}"));
        var row = publicPage.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("蒙*名", StringComparison.Ordinal));
        Assert.Contains("已取消", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("withdrawn", row.ClassName, StringComparison.Ordinal);
        Assert.NotNull(publicPage.GetElementById("withdrawn-note"));
        Assert.DoesNotContain("蒙全名", publicPage.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notice_Word_file_carries_the_QR_image_of_its_public_link()
    {
        var (village, _, noticeId) = await RunningNotice("蒙二维");
        foreach (var path in new[] { $"/api/v1/notices/{noticeId}/document", $"/Notices/Details/{noticeId}?handler=Docx" })
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await village.GetByteArrayAsync(path)));
            var document = new StreamReader(zip.GetEntry("word/document.xml")!.Open()).ReadToEnd();
            var url = System.Text.RegularExpressions.Regex.Match(document, @"访问以下地址查看：(http[^<]+/p/[0-9a-f]{32})").Groups[1].Value;
            Assert.NotEmpty(url);
            Assert.Contains("r:embed=", document, StringComparison.Ordinal);
            var image = zip.Entries.Single(e => e.FullName.EndsWith(".png", StringComparison.Ordinal));
            using var png = new MemoryStream();
            await image.Open().CopyToAsync(png);
            Assert.Equal(NoticeDocument.QrPng(url), png.ToArray());
        }
    }
}

public sealed class ObjectionTests_Sqlite(SqliteApp app) : ObjectionTests(app), IClassFixture<SqliteApp>;

public sealed class ObjectionTests_Postgres(PostgresApp app) : ObjectionTests(app), IClassFixture<PostgresApp>;

/// <summary>The approval form's refusals appear at its comment field, not as a silent reload. The clock moves, so one journey per app.</summary>
public abstract class ApprovalRefusalTests(TestApp app)
{
    [Fact]
    public async Task Sending_back_or_withdrawing_without_a_comment_is_refused_at_the_comment_field()
    {
        var id = await NoticeSteps.Accepted(app, "莫退回");
        var village = await app.SignIn("luoman.cun");
        var noticeId = await NoticeSteps.Posted(village, [id]);
        Assert.Equal(HttpStatusCode.OK, (await NoticeSteps.AddPhoto(village, noticeId)).StatusCode);
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 14, 2, 0, 0, TimeSpan.Zero));
        village = await app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null)).StatusCode);
        var version = (await Api.Household(village, id)).GetProperty("version").GetInt32();
        var applied = await village.PostAsJsonAsync($"/api/v1/households/{id}/approval", new { action = "Approve", step = "Apply", comment = "本人申请", version }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);

        var page = $"/Households/Details/{id}";
        version = (await Api.Household(village, id)).GetProperty("version").GetInt32();
        var withdraw = await NoticeSteps.PostPage(village, page, "Withdraw", [new("Reason", ""), new("Version", version.ToString())]);
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        Assert.Equal("请填写撤回原因", NoticeSteps.FieldMessage(await withdraw.Content.ReadAsStringAsync(), "Reason"));

        Assert.Equal(HttpStatusCode.Redirect, (await NoticeSteps.PostPage(village, page, "Approve&step=ApproveByVillage", [new("Reason", "同意"), new("Version", version.ToString())])).StatusCode);
        var town = await app.SignIn("luoman.dangwei");
        version = (await Api.Household(town, id)).GetProperty("version").GetInt32();
        var sendBack = await NoticeSteps.PostPage(town, page, "SendBack", [new("Reason", "  "), new("Version", version.ToString())]);
        Assert.Equal(HttpStatusCode.OK, sendBack.StatusCode);
        Assert.Equal("请填写退回原因", NoticeSteps.FieldMessage(await sendBack.Content.ReadAsStringAsync(), "Reason"));

        // Someone else acted first: the conflict is shown at the same place, with what was typed kept.
        var stale = await NoticeSteps.PostPage(town, page, "SendBack", [new("Reason", "材料不全"), new("Version", (version - 1).ToString())]);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("已被他人处理", NoticeSteps.FieldMessage(html, "Reason"), StringComparison.Ordinal);
        Assert.Equal("材料不全", new HtmlParser().ParseDocument(html).GetElementById("approval-comment")!.TextContent);
        Assert.Equal("村党组织已审批", (await Api.Household(town, id)).GetProperty("status").GetString());
    }
}

public sealed class ApprovalRefusalTests_Sqlite(SqliteApp app) : ApprovalRefusalTests(app), IClassFixture<SqliteApp>;

public sealed class ApprovalRefusalTests_Postgres(PostgresApp app) : ApprovalRefusalTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tongxing.TestSupport;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>From "accepted by the district" through notice, objections, photos, the three approvals and filing. The clock moves, so each provider gets an app of its own.</summary>
public abstract class NoticeAndApprovalTests(TestApp app)
{
    private static async Task<HttpResponseMessage> Approval(HttpClient client, Guid id, string action, string? step, string? comment, int version) =>
        await client.PostAsJsonAsync($"/api/v1/households/{id}/approval", new { action, step, comment, version }, Api.Json);

    private static async Task<int> Version(HttpClient client, Guid id) => (await Api.Household(client, id)).GetProperty("version").GetInt32();

    [Fact]
    public async Task Accepted_households_go_through_notice_objection_and_three_approvals_to_filing()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var a = Api.Eligible(name: "韦异议");
        var b = Api.Eligible(name: "覃顺利");
        var ida = await Api.Register(village, a);
        var idb = await Api.Register(village, b);
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [ida, idb], [ida, idb])).StatusCode);
        foreach (var id in new[] { ida, idb })
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, id, "Accept", null, await Version(district, id))).StatusCode);
        }

        // The notice: posted on the day of acceptance, Sunday 5 April 2020 (Qingming 4–6 April off), ends Monday 13 April.
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { ida, idb }, startDate = "2020-04-05" }, Api.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var noticeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var notice = await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}");
        Assert.Equal("2020年4月13日", notice.GetProperty("endDate").GetString());
        Assert.Equal("韦*议", notice.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("householdId").GetGuid() == ida).GetProperty("name").GetString());
        Assert.Equal("公示中", (await Api.Household(village, ida)).GetProperty("status").GetString());
        // The district's list of notices names each one's town; the village's, its own notices only, does not.
        var districtList = await district.GetStringAsync("/Notices");
        Assert.Contains("<th scope=\"col\">乡镇</th>", districtList, StringComparison.Ordinal);
        Assert.Contains("<td data-label=\"乡镇\">洛满镇</td>", districtList, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"col\">乡镇</th>", await village.GetStringAsync("/Notices"), StringComparison.Ordinal);

        // The public page: no sign-in, masked only, nothing else personal.
        var token = notice.GetProperty("publicToken").GetString();
        var publicPage = await app.Anonymous().GetStringAsync($"/p/{token}");
        Assert.Contains("韦*议", publicPage, StringComparison.Ordinal);
        Assert.Contains($"{a.Members[0].IdNumber![..6]}********{a.Members[0].IdNumber![^4..]}", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Members[0].IdNumber!, publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("13877001234", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("肢体", publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain("4200", publicPage, StringComparison.Ordinal);
        Assert.Contains("中共洛满村支部委员会", publicPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/p/{new string('0', 32)}")).StatusCode);

        // A photo of the posted notice, its GPS position removed, served only to the area's users.
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestImages.JpegWithGps()), "file", "张贴.jpg");
        var photo = await village.PostAsync($"/api/v1/notices/{noticeId}/photos", form);
        Assert.True(photo.StatusCode == HttpStatusCode.OK, await photo.Content.ReadAsStringAsync());
        var photoId = (await photo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var served = await village.GetAsync($"/api/v1/notices/{noticeId}/photos/{photoId}");
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("GPS", System.Text.Encoding.ASCII.GetString(await served.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("guzhou.cun")).GetAsync($"/api/v1/notices/{noticeId}/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/notices/{noticeId}/photos/{photoId}")).StatusCode);
        using var gif = new MultipartFormDataContent { { new ByteArrayContent("GIF89a"u8.ToArray()), "file", "x.jpg" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsync($"/api/v1/notices/{noticeId}/photos", gif)).StatusCode);

        // An objection to one household during the notice.
        var objection = await village.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections", new { householdId = ida, content = "该户家中有大货车，收入不实", raisedBy = "村民" }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, objection.StatusCode);
        var objectionId = (await objection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var early = await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("期满后", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nine days on, the sessions have timed out: everyone signs in again.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 4, 14, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.Unauthorized, (await village.GetAsync("/api/v1/me")).StatusCode);
        village = await app.SignIn("luoman.cun");
        town = await app.SignIn("luoman.dangwei");
        district = await app.SignIn("qucanlian");
        var pass = await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null);
        Assert.Equal(1, (await pass.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetInt32());
        Assert.Equal("公示中", (await Api.Household(village, ida)).GetProperty("status").GetString());
        Assert.Equal("公示通过", (await Api.Household(village, idb)).GetProperty("status").GetString());

        var resolved = await village.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution", new { resolution = "经核实，货车系亲戚借用，收入属实", upheld = false }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(1, (await (await village.PostAsync($"/api/v1/notices/{noticeId}/pass", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetInt32());

        // The approval chain, with the wrong office refused, a send-back and a race between two approvers.
        Assert.Equal(HttpStatusCode.OK, (await Approval(village, idb, "Approve", "Apply", "本人申请", await Version(village, idb))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Approval(town, idb, "Approve", "ApproveByVillage", null, await Version(town, idb))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approval(village, idb, "Approve", "ApproveByVillage", "同意", await Version(village, idb))).StatusCode);

        var v = await Version(town, idb);
        var first = await Approval(town, idb, "Approve", "ApproveByTown", "同意", v);
        var second = await Approval(town, idb, "Approve", "ApproveByTown", "同意", v);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已被他人处理", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var back = await Approval(district, idb, "SendBack", null, "附件2未盖镇党委公章", await Version(district, idb));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("村党组织已审批", (await Api.Household(district, idb)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Approval(town, idb, "Approve", "ApproveByTown", "已盖章", await Version(town, idb))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approval(district, idb, "Approve", "ApproveByDistrict", null, await Version(district, idb))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Approval(district, idb, "Approve", "File", null, await Version(district, idb))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approval(town, idb, "Approve", "File", "已备案", await Version(town, idb))).StatusCode);

        var filed = await Api.Household(town, idb);
        Assert.Equal("已备案", filed.GetProperty("status").GetString());
        var comments = filed.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("comment").GetString()).ToList();
        Assert.Contains("退回上一环节（镇党委审批同意）：附件2未盖镇党委公章", comments);
        Assert.Contains("镇党委备案：已备案", comments);
        Assert.Equal(HttpStatusCode.BadRequest, (await Approval(town, idb, "Withdraw", null, "想撤回", await Version(town, idb))).StatusCode);

        // The documents: 附件2, the archive with its timeline and zip, the town's forms, the ledger.
        var attachment2 = await town.GetAsync($"/api/v1/households/{idb}/attachment2");
        Assert.Equal(HttpStatusCode.OK, attachment2.StatusCode);
        var formXml = DocxText(await attachment2.Content.ReadAsByteArrayAsync());
        Assert.Contains("帮扶对象登记表", formXml, StringComparison.Ordinal);
        Assert.Contains(b.Members[0].IdNumber!, formXml, StringComparison.Ordinal);
        Assert.Contains("已盖章", formXml, StringComparison.Ordinal);
        Assert.Contains("w:pgSz w:w=\"11906\" w:h=\"16838\"", formXml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("quzuzhibu")).GetAsync($"/api/v1/households/{idb}/attachment2")).StatusCode);

        var archive = await town.GetFromJsonAsync<JsonElement>($"/api/v1/households/{idb}/archive");
        var kinds = archive.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("公示", kinds);
        Assert.Contains("照片", kinds);
        Assert.Contains("筛查", kinds);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await town.GetByteArrayAsync($"/api/v1/households/{idb}/archive.zip"))))
        {
            Assert.Equal(["附件2_帮扶对象登记表.docx", "公示.docx", "公示照片_01.jpg", "档案摘要.txt"], zip.Entries.Select(e => e.FullName));
        }
        using (var forms = new System.IO.Compression.ZipArchive(new MemoryStream(await town.GetByteArrayAsync($"/api/v1/towns/{DemoData.Luoman}/attachment2.zip"))))
        {
            Assert.Contains(forms.Entries, e => e.FullName.Contains("覃顺利", StringComparison.Ordinal));
        }
        // Another town's forms are not this town's to ask for (once answered with its own).
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/towns/{DemoData.Liushan}/attachment2.zip")).StatusCode);

        var ledger = await town.GetFromJsonAsync<JsonElement>("/api/v1/ledger?status=Filed");
        var row = ledger.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("headName").GetString() == "覃顺利");
        Assert.Equal("2020-04-05", row.GetProperty("proposed").GetString());
        Assert.Equal("2020-04-14", row.GetProperty("filed").GetString());
        var deadline = ledger.GetProperty("deadlines")[0];
        Assert.Equal(1, deadline.GetProperty("onTime").GetInt32());
        Assert.Equal(0, deadline.GetProperty("late").GetInt32());
        var export = await town.GetAsync("/api/v1/ledger/export?status=Filed");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("覃顺利", DocxText(await export.Content.ReadAsByteArrayAsync(), "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"), StringComparison.Ordinal);
    }

    /// <summary>The text of the given parts of an Office file (a zip of XML).</summary>
    private static string DocxText(byte[] file, params string[] parts)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file));
        return string.Concat((parts.Length == 0 ? ["word/document.xml"] : parts).Select(p => zip.GetEntry(p) is { } e ? new StreamReader(e.Open()).ReadToEnd() : ""));
    }

    [Fact]
    public async Task An_upheld_objection_withdraws_the_household()
    {
        var village = await app.SignIn("guzhou.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var id = await Api.Register(village, Api.Eligible(DemoData.GuzhouVillage, "莫成立"));
        await Api.Submit(town, [id], [id]);
        await Api.Review(district, id, "Accept", null, await Version(district, id));
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { id } }, Api.Json);
        var noticeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var objection = await town.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections", new { householdId = id, content = "已在外地务工，不在本村居住" }, Api.Json);
        var objectionId = (await objection.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution", new { resolution = "", upheld = true }, Api.Json)).StatusCode);
        var resolved = await town.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections/{objectionId}/resolution", new { resolution = "经走访核实属实", upheld = true }, Api.Json);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var h = await Api.Household(village, id);
        Assert.Equal("已撤销", h.GetProperty("status").GetString());
        Assert.Contains("经走访核实属实", h.GetProperty("history").EnumerateArray().Last().GetProperty("comment").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holiday_table_for_a_new_year_is_loaded_by_csv_and_then_computes()
    {
        var district = await app.SignIn("qucanlian");
        var missing = await district.GetAsync("/api/v1/calendar/period-end?start=2027-04-01&days=5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Contains("未载入2027年节假日安排", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // National tables: loaded by the region only (the district federation reads them).
        Assert.Equal(HttpStatusCode.Forbidden, (await district.PutAsync("/api/v1/calendar/2027", new StringContent("date,is_off_day,name\n2027-04-05,true,清明节\n"))).StatusCode);
        var region = await app.SignIn("zizhiqu.canlian");
        var bad = await region.PutAsync("/api/v1/calendar/2027", new StringContent("date,is_off_day,name\n2027-04-05,maybe,清明节\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("第2行", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var village = await app.SignIn("luoman.cun");
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PutAsync("/api/v1/calendar/2027", new StringContent("date,is_off_day,name\n2027-04-05,true,清明节\n"))).StatusCode);

        var ok = await region.PutAsync("/api/v1/calendar/2027", new StringContent("date,is_off_day,name\n2027-04-05,true,清明节\n"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var end = await district.GetFromJsonAsync<JsonElement>("/api/v1/calendar/period-end?start=2027-04-01&days=5");
        Assert.Equal("2027-04-08", end.GetProperty("end").GetString());
    }
}

public sealed class NoticeAndApprovalTests_Sqlite(SqliteApp app) : NoticeAndApprovalTests(app), IClassFixture<SqliteApp>;

public sealed class NoticeAndApprovalTests_Postgres(PostgresApp app) : NoticeAndApprovalTests(app), IClassFixture<PostgresApp>;

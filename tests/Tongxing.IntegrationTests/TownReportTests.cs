using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// 季度反馈 and 年度总结 through the API: figures against known records, submission freezing them, acceptance locking, a
/// return reopening, completeness and timeliness on the test clock, who may do what, races, the exports and the
/// summary's documents. Each test keeps to its own town and kind (the reports are one per town, kind and programme).
/// </summary>
public abstract class TownReportTests(TestApp app)
{
    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Url(string town, string kind) => $"/api/v1/towns/{town}/reports/{kind}";

    private static long Figure(JsonElement report, string label) =>
        report.GetProperty("figures").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("label").GetString() == label).GetProperty("value").GetInt64();

    private static Dictionary<string, long> Figures(JsonElement report) =>
        report.GetProperty("figures").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("label").GetString()!, r => r.GetProperty("value").GetInt64());

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static DateTimeOffset China(int y, int m, int d) => new DateTimeOffset(y, m, d, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task The_figures_count_the_towns_records_of_the_period()
    {
        VisitSetup.Today(app, new DateOnly(2020, 10, 15));
        var district = await app.SignIn("qucanlian");
        var before = Figures(await Json(await district.GetAsync(Url(DemoData.Luoman, "q3"))));

        var village = (await VisitSetup.VillagesAsync(app, DemoData.Luoman))[^1];
        var households = await FiledHouseholds.AddAsync(app, 2, village);
        var payment = (await FiledHouseholds.PayAsync(app, [households[0]], new DateOnly(2020, 7, 15)))[0];
        await ReportSetup.ReceiptAsync(app, payment, new DateOnly(2020, 7, 16));
        await FundMovements.AllocateAsync(app, DemoData.LiunanDistrict, DemoData.Luoman, 300, 200, 100);
        var helper = await Pairings.AddHelperAsync(app, village);
        var pairing = await Pairings.PairAsync(app, households[0], helper, new DateOnly(2020, 7, 20));
        await FollowUps.SignAsync(app, pairing, new DateOnly(2020, 7, 21));
        await FollowUps.LogAsync(app, households[0], helper, new DateOnly(2020, 8, 1), moneyFen: 12_345);
        await FollowUps.LogAsync(app, households[0], helper, new DateOnly(2020, 10, 2), moneyFen: 50_000);
        await Pairings.ReturnVisitAsync(app, households[0], new DateOnly(2020, 8, 5));
        var town = await app.SignIn("luoman.canlian");
        await Json(await town.PutAsJsonAsync($"/api/v1/households/{households[0]}/outcome",
            new { skill1 = "沃柑嫁接", progress = "ProducingIncome", incomeAtStart = "2000", incomeLatest = "99999", incomeLatestOn = "2020-10-01", version = 0 }));

        var report = await Json(await district.GetAsync(Url(DemoData.Luoman, "q3")));
        var after = Figures(report);
        var paidFen = await With(db => db.Payments.Where(p => p.Id == payment).Select(p => p.Fen).FirstAsync());
        var expected = new Dictionary<string, long>
        {
            ["已登记"] = 2,
            ["区残联审核确定"] = 2,
            ["已建档"] = 2,
            ["已发放扶持资金"] = 1,
            ["已结对帮扶"] = 1,
            ["下拨到镇"] = 600_00,
            ["发放到户"] = paidFen,
            ["已签收"] = 1,
            ["在结对子"] = 1,
            ["已签协议"] = 1,
            ["帮扶人"] = 1,
            ["帮扶日志"] = 1,
            ["帮扶资金物资折款"] = 12_345,
            ["定期回访"] = 1,
            ["掌握实用技术"] = 1,
            ["项目已见效"] = 1,
            ["项目未启动"] = 0,
        };
        foreach (var (label, delta) in expected)
        {
            Assert.True(after[label] - before[label] == delta, $"{label}: {before[label]} → {after[label]}, expected +{delta}");
        }
        Assert.Equal(1, after.Single(x => x.Key.StartsWith("人均年收入达", StringComparison.Ordinal)).Value
            - before.Single(x => x.Key.StartsWith("人均年收入达", StringComparison.Ordinal)).Value);
        Assert.Equal("2020-07-01", report.GetProperty("figures").GetProperty("from").GetString());
        Assert.Equal("2020-09-30", report.GetProperty("figures").GetProperty("to").GetString());
        Assert.Contains("统计日", report.GetProperty("figures").GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.False(report.GetProperty("figuresFrozen").GetBoolean());
        // The second quarter ended before any of it: the payment, pairing and logs are not in its table.
        var q2 = Figures(await Json(await district.GetAsync(Url(DemoData.Luoman, "q2"))));
        Assert.Equal(after["已结对帮扶"] - 1, q2["已结对帮扶"]);
    }

    [Fact]
    public async Task Submitting_freezes_the_figures_and_acceptance_locks_the_report_with_its_own_message()
    {
        VisitSetup.Today(app, new DateOnly(2020, 7, 3));
        var town = await app.SignIn("luoman.canlian");
        var saved = await Json(await town.PutAsJsonAsync(Url(DemoData.Luoman, "q2"), new { text = "第二季度完成调查摸底。\n下一步：公示和审批。", version = 0 }));
        var id = saved.GetProperty("id").GetGuid();
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        var submitted = await Json(await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = 1 }));
        Assert.Equal("Submitted", submitted.GetProperty("state").GetString());
        var frozen = await Json(await town.GetAsync($"/api/v1/reports/{id}"));
        Assert.True(frozen.GetProperty("figuresFrozen").GetBoolean());

        // Records change after the submission: the submitted figures do not; a draft's do.
        await FiledHouseholds.AddAsync(app, 3);
        var again = await Json(await town.GetAsync($"/api/v1/reports/{id}"));
        Assert.Equal(Figure(frozen, "已建档"), Figure(again, "已建档"));
        var live = await Json(await town.GetAsync(Url(DemoData.Luoman, "q3")));
        Assert.Equal(Figure(frozen, "已建档") + 3, Figure(live, "已建档"));

        // Under review: the town may not change it, with the message that says so.
        var locked = await town.PutAsJsonAsync(Url(DemoData.Luoman, "q2"), new { text = "改", version = 2 });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);
        Assert.Contains("正在审核", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var district = await app.SignIn("qucanlian");
        Assert.Equal(HttpStatusCode.Conflict, (await district.PostAsJsonAsync($"/api/v1/reports/{id}/accept", new { version = 1 })).StatusCode);
        var accepted = await Json(await district.PostAsJsonAsync($"/api/v1/reports/{id}/accept", new { version = 2 }));
        Assert.Equal("Accepted", accepted.GetProperty("state").GetString());

        foreach (var refused in new[]
        {
            await town.PutAsJsonAsync(Url(DemoData.Luoman, "q2"), new { text = "改", version = 3 }),
            await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = 3 }),
        })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("审核通过并锁定", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var twice = await district.PostAsJsonAsync($"/api/v1/reports/{id}/return", new { reason = "数据不全", version = 3 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("已审核通过，不能再次审核", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var view = await Json(await district.GetAsync($"/api/v1/reports/{id}"));
        Assert.Equal(("已审核通过", "按时报送"), (view.GetProperty("stateLabel").GetString(), view.GetProperty("timelinessLabel").GetString()));
        Assert.True(await With(db => db.AuditEntries.AnyAsync(a => a.Entity == nameof(TownReport) && a.EntityId == id.ToString())));

        // The exports: the Word form and the figures workbook, each download audited.
        var docx = await district.GetAsync(Url(DemoData.Luoman, "q2") + "/docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = string.Concat(doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
            Assert.Contains("柳南区洛满镇2020年第二季度“党员扶残 温暖同行”工作进展情况报告", text, StringComparison.Ordinal);
            Assert.Contains("第二季度完成调查摸底。", text, StringComparison.Ordinal);
            Assert.Contains("已建档", text, StringComparison.Ordinal);
            Assert.Contains("盖章", text, StringComparison.Ordinal);
            Assert.Contains("审核通过时间：2020-07-03", text, StringComparison.Ordinal);
        }
        var xlsx = await district.GetAsync(Url(DemoData.Luoman, "q2") + "/xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false))
        {
            var strings = book.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var inline = book.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()).Select(c => c.InnerText).ToList();
            var all = string.Join("|", strings.Concat(inline));
            Assert.Contains("已建档", all, StringComparison.Ordinal);
            Assert.Contains(Figure(frozen, "已建档").ToString(System.Globalization.CultureInfo.InvariantCulture), all, StringComparison.Ordinal);
            Assert.Contains("第二季度", all, StringComparison.Ordinal);
        }
        Assert.Equal(2, await With(db => db.AuditEntries.CountAsync(a => a.Action == "下载季度反馈" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_returned_report_shows_its_reason_opens_again_and_is_late_when_sent_again_after_its_due_date()
    {
        VisitSetup.Today(app, new DateOnly(2020, 10, 9));
        var town = await app.SignIn("liushan.canlian");
        var id = (await Json(await town.PutAsJsonAsync(Url(DemoData.Liushan, "q3"), new { text = "第三季度情况", version = 0 }))).GetProperty("id").GetGuid();
        await Json(await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = 1 }));
        var district = await app.SignIn("qucanlian");
        var empty = await district.PostAsJsonAsync($"/api/v1/reports/{id}/return", new { reason = " ", version = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写退回原因", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Json(await district.PostAsJsonAsync($"/api/v1/reports/{id}/return", new { reason = "请补充回访情况", version = 2 }));

        var list = await Json(await town.GetAsync("/api/v1/reports"));
        var row = list.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("townCode").GetString() == DemoData.Liushan && r.GetProperty("kind").GetString() == "q3");
        Assert.Equal(("已退回", "请补充回访情况", "待报送"), (row.GetProperty("stateLabel").GetString(), row.GetProperty("returnReason").GetString(), row.GetProperty("timelinessLabel").GetString()));
        var page = await town.GetStringAsync($"/Reports/Edit/{DemoData.Liushan}/q3");
        Assert.Contains("请补充回访情况", page, StringComparison.Ordinal);
        Assert.Contains("id=\"report-form\"", page, StringComparison.Ordinal);

        VisitSetup.Today(app, new DateOnly(2020, 10, 12));
        town = await app.SignIn("liushan.canlian");
        district = await app.SignIn("qucanlian");
        var read = await Json(await town.GetAsync($"/api/v1/reports/{id}"));
        Assert.False(read.GetProperty("figuresFrozen").GetBoolean());
        await Json(await town.PutAsJsonAsync(Url(DemoData.Liushan, "q3"), new { text = "第三季度情况，已补充回访", version = read.GetProperty("version").GetInt32() }));
        await Json(await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = read.GetProperty("version").GetInt32() + 1 }));
        var resent = await Json(await district.GetAsync($"/api/v1/reports/{id}"));
        Assert.Equal(("Submitted", "逾期报送"), (resent.GetProperty("state").GetString(), resent.GetProperty("timelinessLabel").GetString()));
    }

    [Fact]
    public async Task Completeness_and_timeliness_count_on_time_late_and_missing_reports()
    {
        VisitSetup.Today(app, new DateOnly(2020, 7, 5));
        var third = await ReportSetup.ExtraTownAsync(app, 3);
        var organisation = await app.SignIn("quzuzhibu");
        JsonElement Town(JsonElement v) => v.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == third);
        var early = Town(await Json(await organisation.GetAsync("/api/v1/reports/completeness")));
        Assert.Equal(["Pending", "NotDue", "NotDue", "NotDue"], early.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("timeliness").GetString()!).ToArray());
        // Still inside its reporting days: not yet counted against the town.
        Assert.Equal((0, 0), (early.GetProperty("expected").GetInt32(), early.GetProperty("received").GetInt32()));

        await ReportSetup.SubmittedAsync(app, third, TownReportKind.Quarter2, China(2020, 7, 10));
        await ReportSetup.SubmittedAsync(app, third, TownReportKind.Quarter3, China(2020, 10, 12));
        VisitSetup.Today(app, new DateOnly(2021, 1, 15));
        organisation = await app.SignIn("quzuzhibu");
        var view = await Json(await organisation.GetAsync("/api/v1/reports/completeness"));
        var row = Town(view);
        Assert.Equal(["OnTime", "Late", "Missing", "Missing"], row.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("timeliness").GetString()!).ToArray());
        Assert.Equal((4, 2, 1, 50, 25), (row.GetProperty("expected").GetInt32(), row.GetProperty("received").GetInt32(), row.GetProperty("onTime").GetInt32(),
            row.GetProperty("completeness").GetInt32(), row.GetProperty("timeliness").GetInt32()));
        var q2 = view.GetProperty("kinds").EnumerateArray().First();
        Assert.Equal(("q2", "2020-07-10"), (q2.GetProperty("kind").GetString(), q2.GetProperty("dueOn").GetString()));
        Assert.Equal(q2.GetProperty("expected").GetInt32(), view.GetProperty("towns").GetArrayLength());

        var page = await organisation.GetStringAsync("/Reports/Completeness");
        Assert.Contains("按时报送", page, StringComparison.Ordinal);
        Assert.Contains("逾期未报", page, StringComparison.Ordinal);
        Assert.Contains($"/Reports/Edit/{third}/q3", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_towns_own_federation_prepares_only_the_district_federation_decides_and_no_one_reads_another_town()
    {
        VisitSetup.Today(app, new DateOnly(2020, 11, 1));
        var body = new { text = "年度总结", version = 0 };
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.canlian")).PutAsJsonAsync(Url(DemoData.Luoman, "yearend"), body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.canlian")).GetAsync(Url(DemoData.Luoman, "yearend"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/Reports/Edit/{DemoData.Luoman}/q2")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("luoman.dangwei")).PutAsJsonAsync(Url(DemoData.Luoman, "yearend"), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("qucanlian")).PutAsJsonAsync(Url(DemoData.Luoman, "yearend"), body)).StatusCode);
        foreach (var user in new[] { "luoman.cun", "bangfuren", "caizheng" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/reports")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Url(DemoData.Luoman, "yearend"), body)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("luoman.canlian")).GetAsync(Url(DemoData.Luoman, "q9"))).StatusCode);

        var third = await ReportSetup.ExtraTownAsync(app, 4);
        var other = await ReportSetup.SubmittedAsync(app, third, TownReportKind.YearEnd, China(2020, 11, 1));
        var town = await app.SignIn("luoman.canlian");
        Assert.Equal(HttpStatusCode.NotFound, (await town.GetAsync($"/api/v1/reports/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostAsJsonAsync($"/api/v1/reports/{other}/accept", new { version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await town.PostAsJsonAsync($"/api/v1/reports/{other}/submit", new { version = 2 })).StatusCode);
        var list = await Json(await town.GetAsync("/api/v1/reports"));
        Assert.All(list.GetProperty("rows").EnumerateArray(), r => Assert.Equal(DemoData.Luoman, r.GetProperty("townCode").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignIn("quzuzhibu")).GetAsync($"/api/v1/reports/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("quzuzhibu")).PostAsJsonAsync($"/api/v1/reports/{other}/accept", new { version = 2 })).StatusCode);
    }

    [Fact]
    public async Task Racing_creates_give_one_report_and_a_racing_accept_and_return_only_one_decision()
    {
        VisitSetup.Today(app, new DateOnly(2021, 1, 5));
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.SignIn("luoman.canlian")));
        var created = await Task.WhenAll(clients.Select((c, i) => c.PutAsJsonAsync(Url(DemoData.Luoman, "q4"), new { text = $"第四季度 {i}", version = 0 })));
        Assert.All(created, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains(created, r => r.StatusCode == HttpStatusCode.OK);
        var programme = await With(db => db.Programmes.Where(p => p.DistrictCode == DemoData.LiunanDistrict).Select(p => p.Id).FirstAsync());
        var report = await With(db => db.TownReports.SingleAsync(r => r.ProgrammeId == programme && r.TownCode == DemoData.Luoman && r.Kind == TownReportKind.Quarter4));
        await Json(await clients[0].PostAsJsonAsync($"/api/v1/reports/{report.Id}/submit", new { version = report.Version }));

        var reviewers = await Task.WhenAll(app.SignIn("qucanlian"), app.SignIn("qucanlian"));
        var decided = await Task.WhenAll(
            reviewers[0].PostAsJsonAsync($"/api/v1/reports/{report.Id}/accept", new { version = report.Version + 1 }),
            reviewers[1].PostAsJsonAsync($"/api/v1/reports/{report.Id}/return", new { reason = "请补充", version = report.Version + 1 }));
        Assert.Equal(1, decided.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, decided.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var state = await With(db => db.TownReports.Where(r => r.Id == report.Id).Select(r => r.State).FirstAsync());
        Assert.Equal(decided[0].StatusCode == HttpStatusCode.OK ? ReportState.Accepted : ReportState.Returned, state);
    }

    [Fact]
    public async Task The_year_end_summary_takes_a_pdf_or_a_photo_refuses_anything_else_and_audits_every_view()
    {
        VisitSetup.Today(app, new DateOnly(2020, 11, 20));
        var town = await app.SignIn("luoman.canlian");
        var url = Url(DemoData.Luoman, "yearend");
        var saved = await Json(await town.PutAsJsonAsync(url, new { text = "全年完成帮扶任务。", rules = "《洛满镇党员结对帮扶回访制度》", version = 0 }));
        var id = saved.GetProperty("id").GetGuid();
        static MultipartFormDataContent Upload(byte[] content, string name, int version) => new()
        {
            { new ByteArrayContent(content), "file", name },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
        };
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray();
        var added = await Json(await town.PostAsync(url + "/files", Upload(pdf, "回访制度.pdf", 1)));
        Assert.Equal(2, added.GetProperty("version").GetInt32());
        var fake = await town.PostAsync(url + "/files", Upload("<html>not a pdf</html>"u8.ToArray(), "制度.pdf", 2));
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("请上传PDF文件或JPG、PNG照片", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A damaged photo is said to be damaged, not told to be a photo.
        var damaged = await town.PostAsync(url + "/files", Upload([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF], "现场.jpg", 2));
        Assert.Equal(HttpStatusCode.BadRequest, damaged.StatusCode);
        var said = await damaged.Content.ReadAsStringAsync();
        Assert.Contains("已损坏", said, StringComparison.Ordinal);
        Assert.DoesNotContain("请上传PDF文件或JPG、PNG照片", said, StringComparison.Ordinal);

        var view = await Json(await town.GetAsync($"/api/v1/reports/{id}"));
        Assert.Equal("《洛满镇党员结对帮扶回访制度》", view.GetProperty("rules").GetString());
        var file = view.GetProperty("files").EnumerateArray().Single();
        Assert.Equal("回访制度.pdf", file.GetProperty("fileName").GetString());
        var district = await app.SignIn("qucanlian");
        var got = await district.GetAsync($"/api/v1/reports/{id}/files/{file.GetProperty("id").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(pdf, await got.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.canlian")).GetAsync($"/api/v1/reports/{id}/files/{file.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(1, await With(db => db.AuditEntries.CountAsync(a => a.Action == "查看报告附件" && a.EntityId == id.ToString())));

        await Json(await town.PostAsJsonAsync($"/api/v1/reports/{id}/submit", new { version = 2 }));
        var late = await town.PostAsync(url + "/files", Upload(pdf, "又一份.pdf", 3));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var docx = await district.GetAsync(url + "/docx");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = string.Concat(doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
        Assert.Contains("柳南区洛满镇2020年“党员扶残 温暖同行”活动年度工作总结", text, StringComparison.Ordinal);
        Assert.Contains("回访制度.pdf", text, StringComparison.Ordinal);
    }
}

public sealed class TownReportTests_Sqlite(SqliteApp app) : TownReportTests(app), IClassFixture<SqliteApp>;

public sealed class TownReportTests_Postgres(PostgresApp app) : TownReportTests(app), IClassFixture<PostgresApp>;

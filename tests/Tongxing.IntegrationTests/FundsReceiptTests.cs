using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>签收 and 项目落实 through the API: who may record them, on which payments, with what evidence; what the household's page then shows.</summary>
public abstract class FundsReceiptTests(TestApp app)
{
    internal static MultipartFormDataContent Form(IDictionary<string, string?> fields, byte[]? photo = null, string fileName = "签收单.jpg")
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            if (v is not null)
            {
                form.Add(new StringContent(v), k);
            }
        }
        if (photo is not null)
        {
            form.Add(new ByteArrayContent(photo), "photo", fileName);
        }
        return form;
    }

    internal static Task<HttpResponseMessage> Receipt(HttpClient client, Guid payment, int version, string kind = "SignedPhoto", string on = "2020-04-05",
        byte[]? photo = null, string? proxyName = null, string? proxyRelation = null, string? proxyReason = null, string fileName = "签收单.jpg") =>
        client.PostAsync($"/api/v1/payments/{payment}/receipt", Form(new Dictionary<string, string?>
        {
            ["kind"] = kind,
            ["on"] = on,
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["proxyName"] = proxyName,
            ["proxyRelation"] = proxyRelation,
            ["proxyReason"] = proxyReason,
        }, photo, fileName));

    private async Task<Payment> PaymentOf(Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private async Task<Payment> PaymentOfHousehold(Guid household)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.AsNoTracking().SingleAsync(p => p.HouseholdId == household);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_village_records_a_signed_receipt_with_a_photo_once_and_the_photo_stays_in_its_area()
    {
        var households = await FiledHouseholds.AddAsync(app, 1);
        var payment = (await FiledHouseholds.PayAsync(app, households))[0];
        var village = await app.SignIn("luoman.cun");
        var pending = await Json(await village.GetAsync("/api/v1/funds/receipts?state=pending"));
        var row = pending.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("paymentId").GetGuid() == payment);
        var version = row.GetProperty("version").GetInt32();

        var ok = await Receipt(village, payment, version, photo: TestImages.JpegWithGps());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await PaymentOf(payment);
        Assert.Equal(ReceiptKind.SignedPhoto, saved.ReceiptKind);
        Assert.Equal(new DateOnly(2020, 4, 5), saved.ReceiptOn);
        Assert.NotNull(saved.ReceiptStoredName);

        // Twice: the version is stale, and with the new one the payment already has its receipt.
        Assert.Equal(HttpStatusCode.Conflict, (await Receipt(village, payment, version, photo: TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Receipt(village, payment, saved.Version, photo: TestImages.JpegWithGps())).StatusCode);

        var done = await Json(await village.GetAsync("/api/v1/funds/receipts?state=done"));
        Assert.Contains(done.GetProperty("rows").EnumerateArray(), r => r.GetProperty("paymentId").GetGuid() == payment && r.GetProperty("receipt").GetString() == "本人签收");
        Assert.DoesNotContain((await Json(await village.GetAsync("/api/v1/funds/receipts"))).GetProperty("rows").EnumerateArray(), r => r.GetProperty("paymentId").GetGuid() == payment);

        var photo = await village.GetAsync($"/api/v1/payments/{payment}/receipt/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("GPSLatitude", System.Text.Encoding.ASCII.GetString(await photo.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("guzhou.cun")).GetAsync($"/api/v1/payments/{payment}/receipt/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("caizheng")).GetAsync($"/api/v1/payments/{payment}/receipt/photo")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "查看签收凭证" && a.EntityId == payment.ToString()));
    }

    [Fact]
    public async Task A_proxy_signature_needs_who_signed_their_relation_the_reason_and_still_the_photo()
    {
        var households = await FiledHouseholds.AddAsync(app, 1);
        var payment = (await FiledHouseholds.PayAsync(app, households))[0];
        var town = await app.SignIn("luoman.dangwei");
        var version = (await PaymentOf(payment)).Version;

        var missing = await Receipt(town, payment, version, kind: "Proxy", photo: null, proxyName: " ");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "ProxyName", "ProxyRelation", "ProxyReason", "Photo" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        Assert.Contains("代签人", errors.GetProperty("Photo")[0].GetString(), StringComparison.Ordinal);

        var ok = await Receipt(town, payment, version, kind: "Proxy", photo: TestImages.JpegWithGps(), proxyName: "韦小红", proxyRelation: "女儿", proxyReason: "视力残疾无法签字");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await PaymentOf(payment);
        Assert.Equal((ReceiptKind.Proxy, "韦小红", "女儿", "视力残疾无法签字"), (saved.ReceiptKind!.Value, saved.ProxyName, saved.ProxyRelation, saved.ProxyReason));

        // The household's page shows it: 已发放, the masked account, the proxy.
        var household = await Json(await town.GetAsync($"/api/v1/households/{households[0]}"));
        var funds = household.GetProperty("funds");
        Assert.Equal("已发放", funds.GetProperty("state").GetString());
        Assert.Equal("代签", funds.GetProperty("receipt").GetString());
        Assert.Contains("韦小红（女儿）", funds.GetProperty("proxy").GetString(), StringComparison.Ordinal);
        Assert.Contains("****", funds.GetProperty("account").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(saved.AccountNumber!, household.GetRawText(), StringComparison.Ordinal);
        var page = await (await town.GetAsync($"/Households/Details/{households[0]}")).Content.ReadAsStringAsync();
        Assert.Contains("资金发放", page, StringComparison.Ordinal);
        Assert.Contains("代签人：韦小红（女儿）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_is_refused_before_payment_by_another_village_by_finance_with_a_non_image_and_with_impossible_dates()
    {
        var households = await FiledHouseholds.AddAsync(app, 2);
        var payment = (await FiledHouseholds.PayAsync(app, [households[0]], new DateOnly(2020, 4, 4)))[0];
        var version = (await PaymentOf(payment)).Version;
        var village = await app.SignIn("luoman.cun");

        Assert.Equal(HttpStatusCode.NotFound, (await Receipt(await app.SignIn("guzhou.cun"), payment, version, photo: TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Receipt(await app.SignIn("caizheng"), payment, version, photo: TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Receipt(await app.SignIn("qucanlian"), payment, version, photo: TestImages.JpegWithGps())).StatusCode);

        var notImage = await Receipt(village, payment, version, photo: "%PDF-1.4 not a picture"u8.ToArray(), fileName: "签收单.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, notImage.StatusCode);
        Assert.Contains("Photo", await notImage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var (on, field) in new[] { ("2020-02-30", "On"), ("2020-04-03", "ReceiptOn"), ("2020-04-06", "On"), ("五月一日", "On") })
        {
            var refused = await Receipt(village, payment, version, on: on, photo: TestImages.JpegWithGps());
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Null((await PaymentOf(payment)).ReceiptKind);

        // A payment still at the bank (sent, no result) takes no receipt.
        Guid sent;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            var h = await db.Households.SingleAsync(x => x.Id == households[1]);
            var programme = await db.Programmes.SingleAsync(p => p.Id == h.ProgrammeId);
            var actor = new Actor("seed", "测试", Role.TownCommittee, new AreaScope(AreaLevel.Town, h.TownCode));
            var batch = new PaymentBatch(programme.Id, h.Area, await db.PaymentBatches.CountAsync(b => b.TownCode == h.TownCode) + 1, "银行处理中", actor, app.Clock.GetUtcNow());
            var p = Payment.InBatch(h, batch, 1, programme.SubsidyPerHousehold, programme.FundShares, actor, app.Clock.GetUtcNow());
            Assert.True(batch.Send(1, p.Amount, actor.Name, app.Clock.GetUtcNow()).Succeeded);
            p.MarkSent();
            db.AddRange(batch, p);
            await db.SaveChangesAsync();
            sent = p.Id;
        }
        var early = await Receipt(village, sent, (await PaymentOf(sent)).Version, photo: TestImages.JpegWithGps());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("只有已发放", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var household = await Json(await village.GetAsync($"/api/v1/households/{households[1]}"));
        Assert.Equal("批次中", household.GetProperty("funds").GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_village_form_keeps_what_was_typed_when_refused_and_records_the_receipt_when_complete()
    {
        var households = await FiledHouseholds.AddAsync(app, 1);
        var payment = (await FiledHouseholds.PayAsync(app, households))[0];
        var village = await app.SignIn("luoman.cun");
        var list = await (await village.GetAsync("/Funds/Receipts")).Content.ReadAsStringAsync();
        Assert.Contains($"/Funds/Receipt/{payment}", list, StringComparison.Ordinal);

        var html = await village.GetStringAsync($"/Funds/Receipt/{payment}");
        var token = TestApp.AntiforgeryToken(html);
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;
        // Enter pressed in the proxy's name: proxy chosen, the rest empty, no photo — nothing is saved, the name is kept.
        var half = await village.PostAsync($"/Funds/Receipt/{payment}", Form(new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = version,
            ["Input.Kind"] = "Proxy",
            ["Input.On"] = "2020-04-05",
            ["Input.ProxyName"] = "韦代签",
        }));
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        var refused = await half.Content.ReadAsStringAsync();
        Assert.Contains("请填写代签人与户主关系", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"韦代签\"", refused, StringComparison.Ordinal);
        Assert.Null((await PaymentOf(payment)).ReceiptKind);

        var done = await village.PostAsync($"/Funds/Receipt/{payment}", Form(new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = version,
            ["Input.Kind"] = "SignedPhoto",
            ["Input.On"] = "2020-04-05",
        }, TestImages.JpegWithGps()).WithPhotoName("Photo"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ReceiptKind.SignedPhoto, (await PaymentOf(payment)).ReceiptKind);
    }

    [Fact]
    public async Task The_town_records_and_corrects_the_project_start_of_a_paid_household_only()
    {
        var households = await FiledHouseholds.AddAsync(app, 2);
        await FiledHouseholds.PayAsync(app, [households[0]]);
        var town = await app.SignIn("luoman.dangwei");
        Task<HttpResponseMessage> Put(HttpClient client, Guid id, string on, string? note, byte[]? photo, int? version = null) =>
            client.PutAsync($"/api/v1/households/{id}/project-start",
                Form(new Dictionary<string, string?> { ["startedOn"] = on, ["note"] = note, ["version"] = version?.ToString(System.Globalization.CultureInfo.InvariantCulture) }, photo, "现场.jpg"));

        Assert.Equal(HttpStatusCode.Conflict, (await Put(town, households[1], "2020-04-05", "未发放", TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(await app.SignIn("luoman.cun"), households[0], "2020-04-05", "村", TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Put(await app.SignIn("liushan.dangwei"), households[0], "2020-04-05", "他镇", TestImages.JpegWithGps())).StatusCode);
        var noPhoto = await Put(town, households[0], "2020-04-05", "无照片", null);
        Assert.Equal(HttpStatusCode.BadRequest, noPhoto.StatusCode);
        Assert.Contains("Photo", await noPhoto.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await Put(town, households[0], "2020-04-01", "早于发放", TestImages.JpegWithGps())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Put(town, households[0], "2020-04-05", "已购入母猪2头", TestImages.JpegWithGps())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await town.GetAsync($"/api/v1/households/{households[0]}/project-start/photo")).StatusCode);
        // A correction names the version it corrects: without it, or with an older one (another tab's), it is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await Put(town, households[0], "2020-04-05", "无版本", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Put(town, households[0], "2020-04-05", "旧版本", null, version: 0)).StatusCode);
        // A correction keeps the photo when none is sent; the earlier values are in the audit log.
        Assert.Equal(HttpStatusCode.OK, (await Put(town, households[0], "2020-04-05", "已购入母猪3头", null, version: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Put(town, households[0], "2020-04-05", "同一版本再改", null, version: 1)).StatusCode);
        // Six corrections of the same version at once: one saves, the others are told.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Put(town, households[0], "2020-04-05", $"并发更正{i}", null, version: 2)));
        Assert.Equal(1, parallel.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(parallel.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var funds = (await Json(await town.GetAsync($"/api/v1/households/{households[0]}"))).GetProperty("funds");
        Assert.StartsWith("并发更正", funds.GetProperty("project").GetProperty("note").GetString());
        Assert.True(funds.GetProperty("project").GetProperty("hasPhoto").GetBoolean());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var audited = await db.AuditEntries.Where(a => a.EntityId == households[0].ToString() && a.Entity == nameof(ProjectStart)).ToListAsync();
        Assert.Contains(audited, a => a.Details != null && a.Details.Contains("已购入母猪2头", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Payments_show_on_the_ledger_and_its_export_the_dashboard_and_the_home_page()
    {
        var district = await app.SignIn("qucanlian");
        static JsonElement Luoman(JsonElement dashboard) => dashboard.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("code").GetString() == DemoData.Luoman);
        var before = Luoman(await Json(await district.GetAsync("/api/v1/dashboard")));
        var households = await FiledHouseholds.AddAsync(app, 3);
        await FiledHouseholds.PayAsync(app, households[..2]);
        var village = await app.SignIn("luoman.cun");
        // PayAsync returns the payments in the database's order: the receipt goes to the first household's own payment.
        var first = await PaymentOfHousehold(households[0]);
        Assert.Equal(HttpStatusCode.OK, (await Receipt(village, first.Id, first.Version, photo: TestImages.JpegWithGps())).StatusCode);
        var town = await app.SignIn("luoman.dangwei");
        using (var form = Form(new Dictionary<string, string?> { ["startedOn"] = "2020-04-05", ["note"] = "养殖" }, TestImages.JpegWithGps()))
        {
            Assert.Equal(HttpStatusCode.OK, (await town.PutAsync($"/api/v1/households/{households[0]}/project-start", form)).StatusCode);
        }

        var after = Luoman(await Json(await district.GetAsync("/api/v1/dashboard")));
        Assert.Equal(before.GetProperty("paid").GetInt32() + 2, after.GetProperty("paid").GetInt32());
        Assert.Equal(before.GetProperty("receipted").GetInt32() + 1, after.GetProperty("receipted").GetInt32());

        var ledger = await Json(await town.GetAsync($"/api/v1/ledger?village={DemoData.LuomanVillage}&status=Paid&page=1"));
        var rows = ledger.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.Equal(("1,000.00", "银行代发", "2020-04-05", "本人签收", "2020-04-05"), (rows[households[0]].GetProperty("paidAmount").GetString(), rows[households[0]].GetProperty("paidMethod").GetString(),
            rows[households[0]].GetProperty("paidOn").GetString(), rows[households[0]].GetProperty("receipt").GetString(), rows[households[0]].GetProperty("projectStarted").GetString()));
        Assert.Equal("未签收", rows[households[1]].GetProperty("receipt").GetString());
        var export = await town.GetAsync($"/api/v1/ledger/export?village={DemoData.LuomanVillage}&status=Paid");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var text = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal))
                .Select(e => new StreamReader(e.Open()).ReadToEnd()));
            // The heading names the unit, the date and what the filters select, as 附件1's does.
            foreach (var expected in new[] { "发放金额", "发放方式", "发放日期", "签收", "项目落实日期", "本人签收", "未签收", "银行代发", "单位：洛满镇", "制表日期：2020年", "筛选：洛满村委会、" })
            {
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
        var page = await town.GetStringAsync($"/Ledger?Village={DemoData.LuomanVillage}&Status=Paid");
        Assert.Contains("项目落实日期", page, StringComparison.Ordinal);

        var archive = await Json(await town.GetAsync($"/api/v1/households/{households[0]}/archive"));
        var kinds = archive.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Contains("发放", kinds);
        Assert.Contains("签收", kinds);
        Assert.Contains("项目落实", kinds);
        var zipped = await town.GetAsync($"/api/v1/households/{households[0]}/archive.zip");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await zipped.Content.ReadAsByteArrayAsync())))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "签收凭证.jpg");
            Assert.Contains(zip.Entries, e => e.FullName == "项目落实照片.jpg");
        }
        Assert.Contains("archive-funds-photos", await town.GetStringAsync($"/Archive/{households[0]}"), StringComparison.Ordinal);

        static int Waiting(JsonElement actions, string item) =>
            actions.EnumerateArray().Where(a => a.GetProperty("item").ToString() is var i && (i == item)).Select(a => a.GetProperty("count").GetInt32()).FirstOrDefault();
        var villageWork = await Json(await village.GetAsync("/api/v1/me/next-actions"));
        Assert.True(Waiting(villageWork, "RecordReceipts") >= 1, villageWork.ToString());
        var townWork = await Json(await town.GetAsync("/api/v1/me/next-actions"));
        Assert.True(Waiting(townWork, "PayHouseholds") >= 1, townWork.ToString());
        Assert.True(Waiting(townWork, "RecordProjectStarts") >= 1, townWork.ToString());
        Assert.Contains("/Funds/Receipts", await village.GetStringAsync("/"), StringComparison.Ordinal);
    }
}

internal static class MultipartNames
{
    /// <summary>The page's file field is named Photo (the page model's property), the API's photo.</summary>
    public static MultipartFormDataContent WithPhotoName(this MultipartFormDataContent form, string name)
    {
        var copy = new MultipartFormDataContent();
        foreach (var part in form.ToList())
        {
            if (part.Headers.ContentDisposition is { Name: "photo" } d)
            {
                d.Name = name;
            }
            copy.Add(part);
        }
        return copy;
    }
}

public sealed class FundsReceiptTests_Sqlite(SqliteApp app) : FundsReceiptTests(app), IClassFixture<SqliteApp>;

public sealed class FundsReceiptTests_Postgres(PostgresApp app) : FundsReceiptTests(app), IClassFixture<PostgresApp>;

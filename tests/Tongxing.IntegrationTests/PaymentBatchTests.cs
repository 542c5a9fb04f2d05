using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Payment batches through the API as the town committee uses them: draft → add/remove → send → bank file → result
/// file (good, partial, malformed) → closed; reversal; cash; the double-payment race; role and area limits; bank accounts.
/// </summary>
public abstract class PaymentBatchTests(TestApp app)
{
    private const string Town = "luoman.dangwei";

    internal static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    internal static async Task<(Guid Id, int Version)> NewBatch(HttpClient client, string title = "第一批代发")
    {
        var id = (await Json(await client.PostAsJsonAsync("/api/v1/payment-batches", new { title }))).GetProperty("id").GetGuid();
        var batch = await Json(await client.GetAsync($"/api/v1/payment-batches/{id}"));
        return (id, batch.GetProperty("version").GetInt32());
    }

    internal static async Task<int> Version(HttpClient client, Guid batch) =>
        (await Json(await client.GetAsync($"/api/v1/payment-batches/{batch}"))).GetProperty("version").GetInt32();

    internal static Task<HttpResponseMessage> Add(HttpClient client, Guid batch, int version, params Guid[] households) =>
        client.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/entries", new { householdIds = households, version });

    internal static async Task<byte[]> BankFile(HttpClient client, Guid batch)
    {
        var r = await client.GetAsync($"/api/v1/payment-batches/{batch}/bank-file");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return await r.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The bank file's rows (序号, 户名, 银行账号, 金额) as the bank reads them, from the header row on.</summary>
    internal static List<Dictionary<string, string>> Rows(byte[] xlsx) =>
        MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: false, startCell: "A3").Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList())
            .Skip(1).TakeWhile(v => v[0] != "合计")
            .Select(v => new Dictionary<string, string> { ["序号"] = v[0], ["户名"] = v[1], ["身份证号"] = v[2], ["银行账号"] = v[3], ["金额(元)"] = v[5] }).ToList();

    /// <summary>A result file as a bank returns it: the batch file's columns plus the results, one dictionary per row.</summary>
    internal static byte[] ResultFile(IEnumerable<Dictionary<string, object>> rows)
    {
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows.ToList());
        return stream.ToArray();
    }

    internal static Dictionary<string, object> Result(Dictionary<string, string> row, string result, string date = "2020-05-06", string reference = "", string reason = "") => new()
    {
        ["序号"] = row["序号"],
        ["户名"] = row["户名"],
        ["银行账号"] = row["银行账号"],
        ["金额(元)"] = row["金额(元)"],
        ["结果"] = result,
        ["发放日期"] = date,
        ["银行流水号"] = reference,
        ["失败原因"] = reason,
    };

    /// <summary>Posts a result file; an apply without a fingerprint first runs the dry run and confirms what it showed, as the page does.</summary>
    internal static async Task<HttpResponseMessage> Upload(HttpClient client, Guid batch, byte[] file, bool dryRun, string? fingerprint = null, string name = "result.xlsx",
        bool confirmDryRun = true)
    {
        if (!dryRun && fingerprint is null && confirmDryRun)
        {
            var dry = await Upload(client, batch, file, dryRun: true, name: name);
            if (dry.IsSuccessStatusCode && JsonDocument.Parse(await dry.Content.ReadAsStringAsync()).RootElement.TryGetProperty("fingerprint", out var f))
            {
                fingerprint = f.GetString();
            }
        }
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        if (fingerprint is not null)
        {
            form.Add(new StringContent(fingerprint), "fingerprint");
        }
        return await client.PostAsync($"/api/v1/payment-batches/{batch}/result?dryRun={(dryRun ? "true" : "false")}", form);
    }

    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    /// <summary>The day of paying, with money allocated to the town (a town pays only what it was given).</summary>
    private async Task OnPaymentDay()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 6, 2, 0, 0, TimeSpan.Zero));
        await FundMovements.AllocateAsync(app, Tongxing.Web.Data.Seed.DemoData.LiunanDistrict, Tongxing.Web.Data.Seed.DemoData.Luoman, 70_000, 10_000, 20_000);
    }

    [Fact]
    public async Task A_batch_goes_from_draft_to_closed_through_the_bank_files_and_the_ledger_adds_up()
    {
        await OnPaymentDay();
        var ids = await FiledHouseholds.AddAsync(app, 4);
        var noAccount = (await FiledHouseholds.AddAsync(app, 1, withAccount: false))[0];
        var town = await app.SignIn(Town);
        var candidates = await Json(await town.GetAsync("/api/v1/payment-batches/candidates"));
        var listed = candidates.GetProperty("households").EnumerateArray().ToList();
        Assert.Contains(listed, c => c.GetProperty("householdId").GetGuid() == noAccount && !c.GetProperty("hasAccount").GetBoolean());
        Assert.All(listed.Where(c => c.GetProperty("hasAccount").GetBoolean()), c => Assert.Contains("****", c.GetProperty("account").GetString()));

        var (batch, version) = await NewBatch(town);
        Assert.Equal(HttpStatusCode.BadRequest, (await Add(town, batch, version, noAccount)).StatusCode);
        version = (await Json(await Add(town, batch, version, ids))).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await Add(town, batch, version - 1, ids[0])).StatusCode);
        var view = await Json(await town.GetAsync($"/api/v1/payment-batches/{batch}"));
        Assert.Equal(4, view.GetProperty("count").GetInt32());
        var removed = view.GetProperty("entries")[3].GetProperty("paymentId").GetGuid();
        version = (await Json(await town.DeleteAsync($"/api/v1/payment-batches/{batch}/entries/{removed}?version={version}"))).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await town.GetAsync($"/api/v1/payment-batches/{batch}/bank-file")).StatusCode);
        version = (await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }))).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await Add(town, batch, version, noAccount)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version })).StatusCode);
        view = await Json(await town.GetAsync($"/api/v1/payment-batches/{batch}"));
        Assert.Equal(3, view.GetProperty("controlCount").GetInt32());
        Assert.Equal("3,000.00元", view.GetProperty("controlSum").GetString());

        var file = await BankFile(town, batch);
        var rows = Rows(file);
        Assert.Equal(3, rows.Count);
        var accounts = await Db(db => db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.BankAccountNumber!).ToListAsync());
        Assert.All(rows, r => Assert.Contains(r["银行账号"], accounts));
        Assert.Equal(1, await Db(db => db.AuditEntries.CountAsync(a => a.Action == "导出" && a.Entity == "代发清单" && a.EntityId == batch.ToString())));

        // Partial: the bank answers the first row only; the rest stay sent.
        var partial = ResultFile([Result(rows[0], "成功", reference: "BK0001")]);
        var dry = await Json(await Upload(town, batch, partial, dryRun: true));
        Assert.Equal(1, dry.GetProperty("paidCount").GetInt32());
        Assert.Equal(2, dry.GetProperty("remaining").GetInt32());
        Assert.False(dry.GetProperty("applied").GetBoolean());
        var applied = await Json(await Upload(town, batch, partial, dryRun: false, dry.GetProperty("fingerprint").GetString()));
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.False(applied.GetProperty("closed").GetBoolean());
        // An apply that names no dry run is refused: only what a dry run showed is applied.
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(town, batch, partial, dryRun: false, confirmDryRun: false)).StatusCode);
        // The same file again: every row already recorded, nothing applied.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Upload(town, batch, partial, dryRun: false)).StatusCode);

        // The rest: one paid, one failed; the batch closes.
        var rest = ResultFile([Result(rows[1], "成功", "2020/5/6", "BK0002"), Result(rows[2], "失败", "", "", "账户已销户")]);
        var done = await Json(await Upload(town, batch, rest, dryRun: false));
        Assert.True(done.GetProperty("closed").GetBoolean());
        Assert.Equal(1, done.GetProperty("failedCount").GetInt32());

        var paid = await Db(db => db.Payments.Where(p => p.BatchId == batch && p.State == PaymentState.Paid).Select(p => p.HouseholdId).ToListAsync());
        Assert.Equal(2, paid.Count);
        Assert.Equal(2, await Db(db => db.Households.CountAsync(h => paid.Contains(h.Id) && h.Status == HouseholdStatus.Paid)));
        var perKind = await Db(db => db.FundEntries.Where(e => e.BatchId == batch).GroupBy(e => e.Kind).Select(g => new { g.Key, Fen = g.Sum(e => e.Fen), N = g.Count() }).ToListAsync());
        Assert.Equal(200_000L, perKind.Single(k => k.Key == FundEntryKind.Payment).Fen);
        Assert.Equal(100_000L, perKind.Single(k => k.Key == FundEntryKind.PaymentFailed).Fen);
        Assert.Equal(6, perKind.Single(k => k.Key == FundEntryKind.Payment).N);
        Assert.Equal(BatchState.Closed, await Db(db => db.PaymentBatches.Where(b => b.Id == batch).Select(b => b.State).SingleAsync()));

        // The failed household and the removed one are candidates again and go into a new batch.
        var failed = await Db(db => db.Payments.Where(p => p.BatchId == batch && p.State == PaymentState.Failed).Select(p => p.HouseholdId).SingleAsync());
        var (second, v2) = await NewBatch(town, "第二批");
        var freed = await Db(db => db.Households.Where(h => ids.Contains(h.Id) && h.Status == HouseholdStatus.Filed && h.Id != failed).Select(h => h.Id).SingleAsync());
        await Json(await Add(town, second, v2, failed, freed));
        Assert.Equal(HttpStatusCode.Conflict, (await Add(town, second, v2 + 1, paid[0])).StatusCode);
        Assert.Equal(2, (await Json(await town.GetAsync($"/api/v1/payment-batches/{second}"))).GetProperty("number").GetInt32() - (await Json(await town.GetAsync($"/api/v1/payment-batches/{batch}"))).GetProperty("number").GetInt32() + 1);
    }

    [Fact]
    public async Task Malformed_or_mismatched_result_files_are_refused_and_nothing_is_applied()
    {
        await OnPaymentDay();
        var ids = await FiledHouseholds.AddAsync(app, 2);
        var town = await app.SignIn(Town);
        var (batch, version) = await NewBatch(town, "核对批次");
        version = (await Json(await Add(town, batch, version, ids))).GetProperty("version").GetInt32();
        await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }));
        var rows = Rows(await BankFile(town, batch));

        async Task Refused(byte[] content, string expect, string name = "r.xlsx")
        {
            var r = await Upload(town, batch, content, dryRun: false, name: name);
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{r.StatusCode} {body}");
            Assert.Contains(expect, body);
        }
        await Refused(System.Text.Encoding.UTF8.GetBytes("序号,结果\n1,成功\n"), "不是 Excel");
        await Refused(ResultFile([new() { ["名称"] = "x", ["代码"] = "1" }]), "找不到表头");
        await Refused(ResultFile([Result(rows[0], "成功") is var r0 && r0.Remove("银行账号") ? r0 : r0]), "找不到表头");
        var far = new Dictionary<string, object>(Result(rows[0], "成功", reference: "A1"));
        for (var i = 0; i < 30; i++)
        {
            far["x" + i] = "";
        }
        far["x29"] = "=SUM(1,2)";
        await Refused(ResultFile([far]), "超出范围");
        var wrongAmount = Result(rows[0], "成功", reference: "B1");
        wrongAmount["金额(元)"] = "999.99";
        await Refused(ResultFile([wrongAmount, Result(rows[1], "成功", reference: "B2")]), "金额");
        var wrongAccount = Result(rows[0], "成功");
        wrongAccount["银行账号"] = "6230000000000000000";
        await Refused(ResultFile([wrongAccount]), "银行账号");
        await Refused(ResultFile([Result(rows[0], "成功", date: "")]), "发放日期");
        await Refused(ResultFile([Result(rows[0], "成功", date: "明天")]), "无法识别");
        await Refused(ResultFile([Result(rows[0], "成功"), Result(rows[0], "成功")]), "重复");
        var unknown = Result(rows[0], "成功");
        unknown["序号"] = "99";
        await Refused(ResultFile([unknown]), "不在本批次");
        await Refused(ResultFile([Result(rows[0], "成功", reference: "=HYPERLINK(\"http://x\")")]), "银行流水号");
        await Refused(ResultFile([Result(rows[0], "失败", reason: new string('长', 5000))]), "失败原因");
        await Refused(ResultFile([Result(rows[0], "失败", reason: "余额\u202E不足")]), "不可见");
        await Refused(ResultFile([Result(rows[0], "好")]), "结果应填");
        // A zip that is not a workbook, and a bomb-like workbook of huge strings.
        await Refused([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "损坏");
        Assert.Equal(0, await Db(db => db.Payments.CountAsync(p => p.BatchId == batch && p.State != PaymentState.Sent)));
        Assert.Equal(0, await Db(db => db.FundEntries.CountAsync(e => e.BatchId == batch)));
    }

    [Fact]
    public async Task A_paid_entry_is_reversed_once_with_opposite_ledger_lines_and_the_household_filed_again()
    {
        await OnPaymentDay();
        var ids = await FiledHouseholds.AddAsync(app, 2);
        var town = await app.SignIn(Town);
        var (batch, version) = await NewBatch(town, "冲销批次");
        version = (await Json(await Add(town, batch, version, ids))).GetProperty("version").GetInt32();
        await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }));
        var rows = Rows(await BankFile(town, batch));
        await Json(await Upload(town, batch, ResultFile([Result(rows[0], "成功", reference: "R1")]), dryRun: false));
        var entries = (await Json(await town.GetAsync($"/api/v1/payment-batches/{batch}"))).GetProperty("entries").EnumerateArray().ToList();
        var paid = entries.Single(e => e.GetProperty("state").GetString() == "已发放");
        var sent = entries.Single(e => e.GetProperty("state").GetString() != "已发放");
        var pid = paid.GetProperty("paymentId").GetGuid();

        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsJsonAsync($"/api/v1/payments/{pid}/reversal", new { reason = "错\u202E付", version = paid.GetProperty("version").GetInt32() })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsJsonAsync($"/api/v1/payments/{pid}/reversal", new { reason = "错付", version = 99 })).StatusCode);
        // Another batch's page does not reverse this batch's entry (each page acts on its own entries).
        var (other, _) = await NewBatch(town, "另一批次");
        var elsewhere = await TestApp.PostForm(town, $"/Funds/Batches/Details/{other}",
            new() { ["Reason"] = "错付", ["Version"] = paid.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"/Funds/Batches/Details/{other}?paymentId={pid}&handler=Reverse");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(PaymentState.Paid, await Db(db => db.Payments.Where(p => p.Id == pid).Select(p => p.State).SingleAsync()));
        // Its own page offers 冲销 for the paid entry only, not for the one still at the bank.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(await town.GetStringAsync($"/Funds/Batches/Details/{batch}"), "handler=Reverse"));
        await Json(await town.PostAsJsonAsync($"/api/v1/payments/{pid}/reversal", new { reason = "账号错误，重新发放", version = paid.GetProperty("version").GetInt32() }));
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsJsonAsync($"/api/v1/payments/{pid}/reversal", new { reason = "再次", version = paid.GetProperty("version").GetInt32() + 1 })).StatusCode);
        var household = await Db(db => db.Payments.Where(p => p.Id == pid).Select(p => p.HouseholdId).SingleAsync());
        Assert.Equal(HouseholdStatus.Filed, await Db(db => db.Households.Where(h => h.Id == household).Select(h => h.Status).SingleAsync()));
        Assert.Equal(0L, await Db(db => db.FundEntries.Where(e => e.PaymentId == pid).SumAsync(e => e.Fen)));
        Assert.Equal(6, await Db(db => db.FundEntries.CountAsync(e => e.PaymentId == pid)));

        // An entry still at the bank is not reversed (the household would be free for a second batch while the bank holds
        // the first instruction): its result comes first; a failure frees the household, and the batch closes.
        var atBank = await town.PostAsJsonAsync($"/api/v1/payments/{sent.GetProperty("paymentId").GetGuid()}/reversal", new { reason = "银行退回", version = sent.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, atBank.StatusCode);
        Assert.Contains("尚无银行回单", await atBank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Json(await Upload(town, batch, ResultFile([Result(rows[1], "失败", "", "", "账户已销户")]), dryRun: false));
        Assert.Equal(0, await Db(db => db.FundEntries.CountAsync(e => e.PaymentId == sent.GetProperty("paymentId").GetGuid() && e.Kind == FundEntryKind.Payment)));
        Assert.Equal(BatchState.Closed, await Db(db => db.PaymentBatches.Where(b => b.Id == batch).Select(b => b.State).SingleAsync()));
        Assert.Equal(2, (await Json(await town.GetAsync("/api/v1/payment-batches/candidates"))).GetProperty("households").EnumerateArray()
            .Count(c => ids.Contains(c.GetProperty("householdId").GetGuid())));
    }

    [Fact]
    public async Task A_town_pays_only_what_it_was_given_and_an_allocation_is_not_reversed_below_what_was_paid()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 6, 2, 0, 0, TimeSpan.Zero));
        var village = await Db(db => db.Areas.Where(a => a.ParentCode == Tongxing.Web.Data.Seed.DemoData.Liushan).OrderBy(a => a.Code).Select(a => a.Code).FirstAsync());
        var ids = await FiledHouseholds.AddAsync(app, 2, village);
        var town = await app.SignIn("liushan.dangwei");
        var district = await app.SignIn("qucanlian");
        var (batch, version) = await NewBatch(town, "流山第一批");
        version = (await Json(await Add(town, batch, version, ids[0]))).GetProperty("version").GetInt32();

        // Nothing allocated to 流山镇 yet: neither the batch nor cash goes out.
        var refused = await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("请先由区残联下拨资金", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var cash = await town.PostAsync("/api/v1/payments/cash", Cash(ids[1]));
        Assert.Equal(HttpStatusCode.BadRequest, cash.StatusCode);
        Assert.Contains("流山镇自治区资金已下拨0.00元", await cash.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One household's worth allocated (with a reason: nothing has arrived in this test): the batch of one goes.
        var lines = new List<Guid>();
        foreach (var (source, amount) in new[] { ("Region", "700"), ("City", "100"), ("District", "200") })
        {
            var allocated = await district.PostAsJsonAsync("/api/v1/funds/allocations",
                new { townCode = Tongxing.Web.Data.Seed.DemoData.Liushan, source, amount, reason = "先行下拨" });
            lines.Add((await Json(allocated)).GetProperty("id").GetGuid());
        }
        await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }));
        // The second household would go beyond what was given.
        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsync("/api/v1/payments/cash", Cash(ids[1]))).StatusCode);
        // The money is at the bank: the allocation that covers it is not reversed.
        var reverse = await district.PostAsJsonAsync($"/api/v1/funds/allocations/{lines[0]}/reversal", new { reason = "文号有误" });
        Assert.Equal(HttpStatusCode.Conflict, reverse.StatusCode);
        Assert.Contains("不能冲销", await reverse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Db(db => db.FundEntries.CountAsync(e => e.ReversesId == lines[0])));

        // Once more is given, the second household is paid in cash — not dated before the money reached the town.
        await Json(await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = Tongxing.Web.Data.Seed.DemoData.Liushan, source = "Region", amount = "700", reason = "先行下拨" }));
        await Json(await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = Tongxing.Web.Data.Seed.DemoData.Liushan, source = "City", amount = "100", reason = "先行下拨" }));
        await Json(await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = Tongxing.Web.Data.Seed.DemoData.Liushan, source = "District", amount = "200", reason = "先行下拨" }));
        var early = await town.PostAsync("/api/v1/payments/cash", Cash(ids[1], paidOn: "2020-04-30"));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("不能早于资金下拨到本镇的日期", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Json(await town.PostAsync("/api/v1/payments/cash", Cash(ids[1], paidOn: "2020-05-06")));

        // Finance cannot take back an arrival the district has passed down: the allocations are corrected first.
        var finance = await app.SignIn("caizheng");
        var arrival = (await Json(await FundsInTests.Arrive(finance, "Region", "700"))).GetProperty("id").GetGuid();
        var taken = await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{arrival}/reversal", new { reason = "重复登记" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("不能冲销", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Whoever reads the audit log reads the account masked, the district federation included.
        var audit = await district.GetStringAsync($"/api/v1/audit?Record={ids[0]}");
        var number = await Db(db => db.Households.Where(h => h.Id == ids[0]).Select(h => h.BankAccountNumber!).SingleAsync());
        Assert.DoesNotContain(number, audit, StringComparison.Ordinal);
        Assert.DoesNotContain(number, await district.GetStringAsync($"/Archive/{ids[0]}"), StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Cash(Guid household, string? amount = null, string paidOn = "2020-05-05", byte[]? photo = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(household.ToString()), "householdId" }, { new StringContent(paidOn), "paidOn" } };
        if (amount is not null)
        {
            form.Add(new StringContent(amount), "amount");
        }
        form.Add(new ByteArrayContent(photo ?? Tongxing.TestSupport.TestImages.GreyJpeg(64, 48)), "receipt", "收据.jpg");
        return form;
    }

    [Fact]
    public async Task Cash_payment_needs_a_signed_receipt_and_at_least_the_subsidy()
    {
        await OnPaymentDay();
        var id = (await FiledHouseholds.AddAsync(app, 1))[0];
        var town = await app.SignIn(Town);
        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsync("/api/v1/payments/cash", Cash(id, amount: "999.99"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsync("/api/v1/payments/cash", Cash(id, amount: "1e3"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsync("/api/v1/payments/cash", Cash(id, paidOn: "2020-05-30"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await town.PostAsync("/api/v1/payments/cash", Cash(id, photo: [1, 2, 3]))).StatusCode);
        Assert.Equal(0, await Db(db => db.Payments.CountAsync(p => p.HouseholdId == id)));
        await Json(await town.PostAsync("/api/v1/payments/cash", Cash(id, amount: "1,200.50")));
        Assert.Equal(120_050L, await Db(db => db.FundEntries.Where(e => e.HouseholdId == id && e.Kind == FundEntryKind.Payment).SumAsync(e => e.Fen)));
        Assert.Equal(HouseholdStatus.Paid, await Db(db => db.Households.Where(h => h.Id == id).Select(h => h.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, (await town.PostAsync("/api/v1/payments/cash", Cash(id))).StatusCode);
    }

    [Fact]
    public async Task Parallel_cash_payments_and_batch_additions_of_one_household_let_exactly_one_through()
    {
        await OnPaymentDay();
        var id = (await FiledHouseholds.AddAsync(app, 1))[0];
        var first = await app.SignIn(Town);
        var second = await app.SignIn(Town);
        var (b1, v1) = await NewBatch(first, "并发一");
        var (b2, v2) = await NewBatch(second, "并发二");
        var requests = new List<Func<Task<HttpResponseMessage>>>
        {
            () => Add(first, b1, v1, id),
            () => Add(second, b2, v2, id),
        };
        for (var i = 0; i < 6; i++)
        {
            requests.Add(() => first.PostAsync("/api/v1/payments/cash", Cash(id)));
            requests.Add(() => second.PostAsync("/api/v1/payments/cash", Cash(id)));
        }
        var answers = await Task.WhenAll(requests.Select(r => Task.Run(r)));
        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.True(codes.Count(c => c == HttpStatusCode.OK) == 1, string.Join(",", codes));
        Assert.All(codes.Where(c => c != HttpStatusCode.OK), c => Assert.Equal(HttpStatusCode.Conflict, c));
        Assert.Equal(1, await Db(db => db.Payments.CountAsync(p => p.LiveHouseholdId == id)));
        var lines = await Db(db => db.FundEntries.CountAsync(e => e.HouseholdId == id));
        Assert.True(lines is 0 or 3, $"{lines} ledger lines");
    }

    [Fact]
    public async Task Batches_created_at_once_each_get_their_own_number_and_none_fails()
    {
        await OnPaymentDay();
        var clerks = new[] { await app.SignIn(Town), await app.SignIn(Town) };
        var before = await Db(db => db.PaymentBatches.Where(b => b.TownCode == "450204101000").Select(b => b.Number).ToListAsync());
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => clerks[i % 2].PostAsJsonAsync("/api/v1/payment-batches", new { title = $"同时新建{i}" }))));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var numbers = await Db(db => db.PaymentBatches.Where(b => b.TownCode == "450204101000" && b.Title.StartsWith("同时新建")).Select(b => b.Number).ToListAsync());
        Assert.Equal(12, numbers.Count);
        Assert.Equal(Enumerable.Range(before.DefaultIfEmpty(0).Max() + 1, 12), numbers.Order());
    }

    [Fact]
    public async Task One_batch_sent_many_times_at_once_is_sent_once_and_the_others_are_told_it_changed()
    {
        await OnPaymentDay();
        var ids = await FiledHouseholds.AddAsync(app, 2);
        var clerks = new[] { await app.SignIn(Town), await app.SignIn(Town) };
        var (batch, version) = await NewBatch(clerks[0]);
        version = (await Json(await Add(clerks[0], batch, version, ids))).GetProperty("version").GetInt32();
        // The district's funds lock is held here while the sends arrive, so every one of them has read the batch at the
        // version it was sent with before the first can go on: the later ones find it changed only under the lock.
        Task<HttpResponseMessage[]> sending;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            await using var held = await db.BeginLockedAsync("funds:" + Tongxing.Web.Data.Seed.DemoData.LiunanDistrict, default);
            sending = Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => clerks[i % 2].PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }))));
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(sending.IsCompleted);
            await held.CommitAsync();
        }
        var answers = await sending;
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var view = await Json(await clerks[0].GetAsync($"/api/v1/payment-batches/{batch}"));
        Assert.Equal(2, view.GetProperty("controlCount").GetInt32());
        Assert.Equal(2, await Db(db => db.Payments.CountAsync(p => p.BatchId == batch && p.State == PaymentState.Sent)));
    }

    [Fact]
    public async Task Offices_see_and_do_only_what_their_role_and_area_allow()
    {
        await OnPaymentDay();
        var ids = await FiledHouseholds.AddAsync(app, 1);
        var town = await app.SignIn(Town);
        var (batch, version) = await NewBatch(town, "权限批次");
        version = (await Json(await Add(town, batch, version, ids))).GetProperty("version").GetInt32();
        await Json(await town.PostAsJsonAsync($"/api/v1/payment-batches/{batch}/send", new { version }));

        var account = await Db(db => db.Households.Where(h => h.Id == ids[0]).Select(h => h.BankAccountNumber!).SingleAsync());
        var other = await app.SignIn("liushan.dangwei");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/payment-batches/{batch}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/payment-batches/{batch}/bank-file")).StatusCode);
        Assert.DoesNotContain(batch.ToString(), await other.GetStringAsync("/api/v1/payment-batches"));
        foreach (var reader in new[] { "qucanlian", "quzuzhibu", "caizheng" })
        {
            var c = await app.SignIn(reader);
            Assert.Equal(HttpStatusCode.OK, (await c.GetAsync($"/api/v1/payment-batches/{batch}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync("/api/v1/payment-batches", new { title = "越权" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.GetAsync($"/api/v1/payment-batches/{batch}/bank-file")).StatusCode);
            Assert.DoesNotContain(account, await c.GetStringAsync($"/api/v1/payment-batches/{batch}"));
        }
        foreach (var nobody in new[] { "luoman.cun", "luoman.canlian", "bangfuren" })
        {
            var c = await app.SignIn(nobody);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync("/api/v1/payment-batches", new { title = "越权" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsync("/api/v1/payments/cash", Cash(ids[0]))).StatusCode);
        }
    }

    [Fact]
    public async Task Bank_accounts_are_masked_for_viewers_full_only_for_their_recorders_audited_and_checked()
    {
        var id = (await FiledHouseholds.AddAsync(app, 1, withAccount: false))[0];
        var village = await app.SignIn("luoman.cun");
        var masked = await Json(await village.GetAsync($"/api/v1/households/{id}/bank-account"));
        Assert.False(masked.GetProperty("registered").GetBoolean());
        var version = masked.GetProperty("version").GetInt32();
        foreach (var bad in new[] { "62300000a0000000", "623000000", new string('6', 31), "６２３０００００００００００" })
        {
            var r = await village.PutAsJsonAsync($"/api/v1/households/{id}/bank-account", new { name = "张三", number = bad, bank = "柳州银行", version });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await village.PutAsJsonAsync($"/api/v1/households/{id}/bank-account", new { name = "张\u202E三", number = "6230 1234 5678 9012 345", bank = "柳州银行", version })).StatusCode);
        version = (await Json(await village.PutAsJsonAsync($"/api/v1/households/{id}/bank-account", new { name = "张三", number = "6230 1234-5678 9012 345", bank = "柳州银行", version }))).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await village.PutAsJsonAsync($"/api/v1/households/{id}/bank-account", new { name = "张三", number = "6230123456789012999", bank = "柳州银行", version = version - 1 })).StatusCode);

        var district = await app.SignIn("qucanlian");
        var seen = await Json(await district.GetAsync($"/api/v1/households/{id}/bank-account"));
        Assert.Equal("6230***********2345", seen.GetProperty("number").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync($"/api/v1/households/{id}/bank-account?full=true")).StatusCode);
        Assert.DoesNotContain("6230123456789012345", await district.GetStringAsync($"/api/v1/households/{id}"));

        var town = await app.SignIn(Town);
        var full = await Json(await town.GetAsync($"/api/v1/households/{id}/bank-account?full=true"));
        Assert.Equal("6230123456789012345", full.GetProperty("number").GetString());
        Assert.Equal(1, await Db(db => db.AuditEntries.CountAsync(a => a.Action == "查看完整银行账号" && a.EntityId == id.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("caizheng")).GetAsync($"/api/v1/households/{id}/bank-account")).StatusCode);
    }
}

public sealed class PaymentBatchTests_Sqlite(SqliteApp app) : PaymentBatchTests(app), IClassFixture<SqliteApp>;

public sealed class PaymentBatchTests_Postgres(PostgresApp app) : PaymentBatchTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Programmes;

namespace Tongxing.IntegrationTests;

/// <summary>
/// 资金对账 on both databases: the figures per source and per town summed from the ledger and the flags, exactly as
/// the movements make them; each test in a district of its own (two towns) so that the sums are exact; the area and
/// role limits; the export equal to the page.
/// </summary>
public abstract class ReconciliationTests(TestApp app)
{
    private static int _district = 10;

    /// <summary>A district of its own with two towns of one village each, the demo's programme (1,000 yuan, 70/10/20, deadline 7 May) and its offices' logins.</summary>
    private sealed record District(string Code, string TownA, string TownB, string VillageA, string VillageB, string Prefix, int ProgrammeId);

    private async Task<District> NewDistrictAsync()
    {
        var n = Interlocked.Increment(ref _district);
        var code = $"4502{n:00}000000";
        var d = new District(code, $"4502{n:00}101000", $"4502{n:00}102000", $"4502{n:00}101201", $"4502{n:00}102201", $"d{n}x", 0);
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        db.Areas.AddRange(new Area(code, $"测试{n}区", AreaLevel.District, DemoData.Liuzhou),
            new Area(d.TownA, $"甲{n}镇", AreaLevel.Town, code), new Area(d.TownB, $"乙{n}镇", AreaLevel.Town, code),
            new Area(d.VillageA, $"甲{n}村", AreaLevel.Village, d.TownA), new Area(d.VillageB, $"乙{n}村", AreaLevel.Village, d.TownB));
        await db.SaveChangesAsync();
        var programme = Programme.Create(2020, code, DemoData.Liunan2020().Settings with { TownQuotas = [new(d.TownA, 70), new(d.TownB, 82)] });
        var added = await CreateProgramme.AddAsync(db, programme, ProgrammeLimits.Default, new HashSet<string> { d.TownA, d.TownB }, default);
        Assert.True(added.Ok);
        var users = s.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role, area, level) in new[]
        {
            ("qu", Role.DistrictFederation, code, AreaLevel.District), ("cz", Role.Finance, code, AreaLevel.District),
            ("zz", Role.DistrictOrganization, code, AreaLevel.District),
            ("a", Role.TownCommittee, d.TownA, AreaLevel.Town), ("acl", Role.TownFederation, d.TownA, AreaLevel.Town),
            ("cun", Role.VillageBranch, d.VillageA, AreaLevel.Village),
        })
        {
            var created = await users.CreateAsync(new AppUser
            {
                UserName = d.Prefix + name,
                DisplayName = "测试 " + name,
                Role = role,
                AreaCode = area,
                AreaLevel = level,
                LockoutEnabled = true,
            }, DemoData.DemoPassword);
            Assert.True(created.Succeeded);
        }
        return d with { ProgrammeId = added.Value };
    }

    private static Actor Finance(District d) => new("cz", "财政", Role.Finance, new AreaScope(AreaLevel.District, d.Code));

    private static Actor TownOf(string town) => new("town", "镇党委", Role.TownCommittee, new AreaScope(AreaLevel.Town, town));

    private async Task With(Func<TongxingDb, Task> work)
    {
        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        await work(db);
        await db.SaveChangesAsync();
    }

    private Task Arrive(District d, FundSource source, long yuan) => FundMovements.ArriveAsync(app, d.Code, source, yuan);

    private Task Allocate(District d, string town, long region, long city, long district) => FundMovements.AllocateAsync(app, d.Code, town, region, city, district);

    private Task Receipt(Guid payment) => FundMovements.ReceiptAsync(app, payment);

    /// <summary>A paid payment reversed the way the reversal use case does it: the payment, its ledger lines and the household.</summary>
    private Task ReversePaid(Guid payment) => With(async db =>
    {
        var p = await db.Payments.SingleAsync(x => x.Id == payment);
        var who = TownOf(p.TownCode);
        var at = app.Clock.GetUtcNow();
        Assert.True(p.Reverse("账户户名不符，退回重发", at).Succeeded);
        foreach (var line in await db.FundEntries.Where(e => e.PaymentId == payment && e.Kind == FundEntryKind.Payment).ToListAsync())
        {
            db.FundEntries.Add(line.Reversal("账户户名不符，退回重发", new DateOnly(2020, 5, 4), who, at));
        }
        var h = await db.Households.SingleAsync(x => x.Id == p.HouseholdId);
        Assert.True(h.PaymentReversed(who, "账户户名不符", at).Succeeded);
    });

    /// <summary>A household in a sent batch whose bank result is a failure (failure lines on the ledger, no money moved).</summary>
    private Task FailInBatch(Guid household) => With(async db =>
    {
        var h = await db.Households.SingleAsync(x => x.Id == household);
        var programme = await db.Programmes.SingleAsync(p => p.Id == h.ProgrammeId);
        var who = TownOf(h.TownCode);
        var at = app.Clock.GetUtcNow();
        var number = await db.PaymentBatches.CountAsync(b => b.TownCode == h.TownCode) + 1;
        var batch = new PaymentBatch(programme.Id, h.Area, number, "失败批次", who, at);
        var p = Payment.InBatch(h, batch, 1, programme.SubsidyPerHousehold, programme.FundShares, who, at);
        Assert.True(batch.Send(1, p.Amount, who.Name, at).Succeeded);
        p.MarkSent();
        Assert.True(p.RecordFailed("账户已销户", at).Succeeded);
        db.AddRange(batch, p);
        db.FundEntries.AddRange(FundEntry.ForPayment(p, FundEntryKind.PaymentFailed, new DateOnly(2020, 5, 2), null, "账户已销户", who, at));
        batch.Close(at);
    });

    private static async Task<JsonElement> Reconciliation(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/funds/reconciliation");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(Api.Json);
    }

    private static JsonElement Source(JsonElement view, string name) => view.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("sourceName").GetString() == name);

    private static JsonElement Town(JsonElement view, string code) => view.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == code);

    private static long[] Figures(JsonElement row, params string[] fields) => fields.Select(f => row.GetProperty(f + "Fen").GetInt64()).ToArray();

    private static long Yuan(long yuan) => yuan * 100;

    [Fact]
    public async Task Three_sources_two_towns_paid_failed_and_reversed_payments_and_partial_receipts_reconcile_exactly()
    {
        var d = await NewDistrictAsync();
        var a = await FiledHouseholds.AddAsync(app, 4, d.VillageA);
        var b = await FiledHouseholds.AddAsync(app, 2, d.VillageB);
        // Money in: exactly the six households' need, the district's share in two arrivals, one wrong arrival reversed.
        await Arrive(d, FundSource.Region, 4200);
        await Arrive(d, FundSource.City, 600);
        await Arrive(d, FundSource.District, 1000);
        await Arrive(d, FundSource.District, 200);
        await Arrive(d, FundSource.District, 500);
        await With(async db =>
        {
            var wrong = await db.FundEntries.SingleAsync(e => e.DistrictCode == d.Code && e.Kind == FundEntryKind.Arrival && e.Fen == Yuan(500));
            db.FundEntries.Add(wrong.Reversal("重复登记", new DateOnly(2020, 4, 28), Finance(d), app.Clock.GetUtcNow()));
        });
        await Allocate(d, d.TownA, 2800, 400, 800);
        await Allocate(d, d.TownB, 1400, 200, 400);
        // Town A: three paid, the third reversed; the fourth failed at the bank. Town B: both paid.
        var paidA = await FiledHouseholds.PayAsync(app, a[..3], new DateOnly(2020, 5, 2));
        await ReversePaid(paidA[2]);
        await FailInBatch(a[3]);
        var paidB = await FiledHouseholds.PayAsync(app, b, new DateOnly(2020, 5, 2));
        await Receipt(paidA[0]);
        await Receipt(paidB[0]);

        var view = await Reconciliation(await app.SignIn(d.Prefix + "qu"));
        const string Fields = "need,received,allocated,paid,failed,districtRemaining,townsRemaining";
        var fields = Fields.Split(',');
        Assert.Equal([Yuan(4200), Yuan(4200), Yuan(4200), Yuan(2800), Yuan(700), 0, Yuan(1400)], Figures(Source(view, "自治区"), fields));
        Assert.Equal([Yuan(600), Yuan(600), Yuan(600), Yuan(400), Yuan(100), 0, Yuan(200)], Figures(Source(view, "市级"), fields));
        Assert.Equal([Yuan(1200), Yuan(1200), Yuan(1200), Yuan(800), Yuan(200), 0, Yuan(400)], Figures(Source(view, "区级"), fields));
        Assert.Equal([Yuan(6000), Yuan(6000), Yuan(6000), Yuan(4000), Yuan(1000), 0, Yuan(2000)], Figures(view.GetProperty("sourceTotal"), fields));

        var townA = Town(view, d.TownA);
        Assert.Equal((4, 2, 2, 1), (townA.GetProperty("filed").GetInt32(), townA.GetProperty("paid").GetInt32(), townA.GetProperty("unpaid").GetInt32(),
            townA.GetProperty("paidWithoutReceipt").GetInt32()));
        var regionA = townA.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("sourceName").GetString() == "自治区");
        Assert.Equal([Yuan(2800), Yuan(2800), Yuan(1400), Yuan(700), Yuan(1400)], Figures(regionA, "need", "allocated", "paid", "failed", "remaining"));
        Assert.Equal([Yuan(4000), Yuan(4000), Yuan(2000), Yuan(1000), Yuan(2000)], Figures(townA.GetProperty("total"), "need", "allocated", "paid", "failed", "remaining"));
        Assert.False(townA.GetProperty("balanced").GetBoolean());
        var townB = Town(view, d.TownB);
        Assert.Equal([Yuan(2000), Yuan(2000), Yuan(2000), 0, 0], Figures(townB.GetProperty("total"), "need", "allocated", "paid", "failed", "remaining"));

        var flags = view.GetProperty("flags").EnumerateArray().Select(f => (f.GetProperty("kind").GetString(), f.GetProperty("townCode").GetString(),
            f.GetProperty("count").GetInt32(), f.GetProperty("message").GetString())).ToList();
        Assert.Equal(
        [
            ("FiledUnpaid", d.TownA, 2, $"甲{d.Code[4..6]}镇有2户已备案未发放，距发放期限（5月7日）还有32天"),
            ("PaidWithoutReceipt", d.TownA, 1, $"甲{d.Code[4..6]}镇有1户已发放未签收"),
            ("PaidWithoutReceipt", d.TownB, 1, $"乙{d.Code[4..6]}镇有1户已发放未签收"),
        ], flags);
        Assert.Equal($"/Funds/Progress?town={d.TownA}", view.GetProperty("flags")[0].GetProperty("link").GetString());

        // The last receipt of town B: it is balanced (已对平), on the page too.
        await Receipt(paidB[1]);
        view = await Reconciliation(await app.SignIn(d.Prefix + "qu"));
        Assert.True(Town(view, d.TownB).GetProperty("balanced").GetBoolean());
        Assert.Equal(2, view.GetProperty("flags").GetArrayLength());
        var page = await (await app.SignIn(d.Prefix + "qu")).GetStringAsync("/Funds/Reconciliation");
        Assert.Contains("有 2 项差异", page, StringComparison.Ordinal);
        Assert.Contains("已对平", page, StringComparison.Ordinal);
        Assert.Contains("4,200.00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_that_paid_everyone_and_collected_every_receipt_reconciles_to_zero()
    {
        var d = await NewDistrictAsync();
        var a = await FiledHouseholds.AddAsync(app, 3, d.VillageA);
        var b = await FiledHouseholds.AddAsync(app, 1, d.VillageB);
        await Arrive(d, FundSource.Region, 2800);
        await Arrive(d, FundSource.City, 400);
        await Arrive(d, FundSource.District, 800);
        await Allocate(d, d.TownA, 2100, 300, 600);
        await Allocate(d, d.TownB, 700, 100, 200);
        foreach (var p in (await FiledHouseholds.PayAsync(app, a)).Concat(await FiledHouseholds.PayAsync(app, b)))
        {
            await Receipt(p);
        }
        var view = await Reconciliation(await app.SignIn(d.Prefix + "qu"));
        Assert.True(view.GetProperty("balanced").GetBoolean());
        Assert.Equal(0, view.GetProperty("flags").GetArrayLength());
        Assert.All(view.GetProperty("sources").EnumerateArray(), s => Assert.Equal([0L, 0L], Figures(s, "districtRemaining", "townsRemaining")));
        Assert.All(view.GetProperty("towns").EnumerateArray(), t =>
        {
            Assert.True(t.GetProperty("balanced").GetBoolean());
            Assert.Equal(0, t.GetProperty("total").GetProperty("remainingFen").GetInt64());
            Assert.Equal(t.GetProperty("total").GetProperty("needFen").GetInt64(), t.GetProperty("total").GetProperty("paidFen").GetInt64());
        });
        Assert.Contains("已对平", await (await app.SignIn(d.Prefix + "qu")).GetStringAsync("/Funds/Reconciliation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integrity_flags_catch_a_payment_to_an_unfiled_household_lines_not_matching_and_a_reversal_without_its_lines()
    {
        var d = await NewDistrictAsync();
        var a = await FiledHouseholds.AddAsync(app, 3, d.VillageA);
        await Arrive(d, FundSource.Region, 2100);
        await Arrive(d, FundSource.City, 300);
        await Arrive(d, FundSource.District, 600);
        // Allocated more district money than arrived, and the town pays more than it was allocated.
        await Allocate(d, d.TownA, 2100, 300, 700);
        await Allocate(d, d.TownA, 0, 0, -150);
        await FiledHouseholds.PayAsync(app, a);
        await With(async db =>
        {
            var of = await db.Payments.Where(p => a.Contains(p.HouseholdId)).ToDictionaryAsync(p => p.HouseholdId, p => p.Id);
            var paid = a.Select(h => of[h]).ToArray();
            // The first household withdrawn after being paid; the second's region line reversed alone; the third's payment reversed, its lines not.
            (await db.Households.SingleAsync(h => h.Id == a[0])).ForceStatusForLoadTest(HouseholdStatus.Withdrawn);
            var line = await db.FundEntries.SingleAsync(e => e.PaymentId == paid[1] && e.Source == FundSource.Region);
            db.FundEntries.Add(line.Reversal("误冲", new DateOnly(2020, 5, 3), TownOf(d.TownA), app.Clock.GetUtcNow()));
            Assert.True((await db.Payments.SingleAsync(p => p.Id == paid[2])).Reverse("退回", app.Clock.GetUtcNow()).Succeeded);
        });
        var view = await Reconciliation(await app.SignIn(d.Prefix + "cz"));
        var kinds = view.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["PaidMoreThanAllocated", "FiledUnpaid", "PaidNotFiled", "PaidWithoutReceipt", "LinesNotMatchingAmount", "LinesWithoutLivePayment"], kinds);
        var over = view.GetProperty("flags")[0];
        Assert.Equal(Yuan(600) - Yuan(550), over.GetProperty("amountFen").GetInt64());
        Assert.Equal(Yuan(50), Source(view, "区级").GetProperty("districtRemainingFen").GetInt64());
    }

    [Fact]
    public async Task A_town_sees_its_own_town_finance_sees_figures_and_no_person_and_other_districts_and_villages_see_nothing()
    {
        var d = await NewDistrictAsync();
        var a = await FiledHouseholds.AddAsync(app, 2, d.VillageA);
        var b = await FiledHouseholds.AddAsync(app, 1, d.VillageB);
        await Arrive(d, FundSource.Region, 2100);
        await Allocate(d, d.TownA, 1400, 200, 400);
        await FiledHouseholds.PayAsync(app, [.. a, .. b]);

        foreach (var user in new[] { "a", "acl" })
        {
            var town = await Reconciliation(await app.SignIn(d.Prefix + user));
            Assert.Equal(d.TownA, Assert.Single(town.GetProperty("towns").EnumerateArray()).GetProperty("townCode").GetString());
            Assert.Equal(0, town.GetProperty("sources").GetArrayLength());
            Assert.DoesNotContain(town.GetProperty("flags").EnumerateArray(), f => f.GetProperty("townCode").GetString() != d.TownA);
        }

        var finance = await app.SignIn(d.Prefix + "cz");
        var response = await finance.GetAsync("/api/v1/funds/reconciliation");
        var json = await response.Content.ReadAsStringAsync();
        var page = await finance.GetStringAsync("/Funds/Reconciliation");
        await using (var s = app.Services.CreateAsyncScope())
        {
            var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
            foreach (var h in await db.Households.Where(h => h.DistrictCode == d.Code).ToListAsync())
            {
                Assert.DoesNotContain(h.HeadIdNumber, json, StringComparison.Ordinal);
                Assert.DoesNotContain(h.HeadName, json, StringComparison.Ordinal);
                Assert.DoesNotContain(h.BankAccountNumber!, page, StringComparison.Ordinal);
                Assert.DoesNotContain(h.HeadIdNumber, page, StringComparison.Ordinal);
            }
        }
        // Town B paid without an allocation: paid more than allocated, seen by the district offices.
        var view = JsonDocument.Parse(json).RootElement;
        Assert.Contains(view.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "PaidMoreThanAllocated" && f.GetProperty("townCode").GetString() == d.TownB);
        Assert.Contains(view.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "AllocatedMoreThanReceived");

        // The demo district's federation sees its own towns only, nothing of this district.
        var other = await Reconciliation(await app.SignIn("qucanlian"));
        Assert.DoesNotContain(d.TownA, other.ToString(), StringComparison.Ordinal);
        Assert.All(other.GetProperty("towns").EnumerateArray(), t => Assert.StartsWith("450204", t.GetProperty("townCode").GetString(), StringComparison.Ordinal));

        foreach (var user in new[] { d.Prefix + "cun", "bangfuren", "shicanlian", "zizhiqu.canlian", "guanliyuan" })
        {
            var client = await app.SignIn(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/funds/reconciliation")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/funds/reconciliation/export")).StatusCode);
        }
    }

    [Fact]
    public async Task The_export_opens_with_a_sheet_per_source_and_town_and_its_totals_equal_the_page_and_it_is_audited()
    {
        var d = await NewDistrictAsync();
        // A town's name that a spreadsheet would take for a formula is written as text.
        const string Formula = "=1+2乙镇";
        await With(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Areas\" SET \"Name\" = {Formula} WHERE \"Code\" = {d.TownB}"));
        var a = await FiledHouseholds.AddAsync(app, 2, d.VillageA);
        await Arrive(d, FundSource.Region, 1400);
        await Arrive(d, FundSource.City, 200);
        await Arrive(d, FundSource.District, 333);
        await Allocate(d, d.TownA, 1400, 200, 333);
        await FiledHouseholds.PayAsync(app, a[..1]);
        var client = await app.SignIn(d.Prefix + "zz");
        var view = await Reconciliation(client);
        var response = await client.GetAsync("/api/v1/funds/reconciliation/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var xlsx = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var book = doc.WorkbookPart!;
        var names = book.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["按资金来源", "自治区资金", "市级资金", "区级资金", $"甲{d.Code[4..6]}镇", Formula, "差异"], names);

        string[][] Rows(string sheet)
        {
            var part = (WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).ToArray()).ToArray();
        }
        var summary = Rows("按资金来源");
        Assert.Equal("扶持资金对账表（按资金来源）", summary[0][0]);
        Assert.Contains("制表日期", summary[1][0], StringComparison.Ordinal);
        Assert.StartsWith("制表人", summary[^1][0], StringComparison.Ordinal);
        var total = summary.Single(r => r[0] == "合计");
        var t = view.GetProperty("sourceTotal");
        string Y(string field) => (t.GetProperty(field + "Fen").GetInt64() / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([Y("need"), Y("received"), Y("allocated"), Y("paid"), Y("failed"), Y("districtRemaining"), Y("townsRemaining")], total[1..]);
        Assert.Equal("1933.00", total[2]);
        Assert.Contains(Rows("自治区资金"), r => r[0] == "'" + Formula);
        var town = Rows($"甲{d.Code[4..6]}镇").Single(r => r[0] == "合计");
        Assert.Equal(["2000.00", "1933.00", "1000.00", "0.00", "933.00", "有差异"], town[1..]);
        var flags = Rows("差异");
        Assert.Equal(view.GetProperty("flags").GetArrayLength(), flags.Length - 4);
        var ws = ((WorksheetPart)book.GetPartById(book.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        var setup = ws.Descendants<PageSetup>().Single();
        Assert.Equal(9u, setup.PaperSize!.Value);

        await using var s = app.Services.CreateAsyncScope();
        var db = s.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "导出" && e.Entity == "资金对账" && e.EntityId == d.Code));
    }
}

public sealed class ReconciliationTests_Sqlite(SqliteApp app) : ReconciliationTests(app), IClassFixture<SqliteApp>;

public sealed class ReconciliationTests_Postgres(PostgresApp app) : ReconciliationTests(app), IClassFixture<PostgresApp>;

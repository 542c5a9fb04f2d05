using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Admin.Users;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Money in and down through HTTP: finance's arrivals with vouchers and their reversal, the district's allocations to
/// towns within what arrived and what the town needs (or with a reason), racing allocations, who may do what where.
/// The tests share one database, so each reads where the money stands first and asserts the change it makes.
/// </summary>
public abstract class FundsInTests(TestApp app)
{
    internal static async Task<HttpResponseMessage> Arrive(HttpClient client, string source, string amount, string document = "桂财社〔2020〕12号",
        string? office = "自治区财政厅", byte[]? voucher = null, string on = "2020-04-05")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(source), "source" },
            { new StringContent(amount), "amount" },
            { new StringContent(on), "on" },
            { new StringContent(document), "documentNumber" },
        };
        if (office is not null)
        {
            form.Add(new StringContent(office), "payingOffice");
        }
        if (voucher is not { Length: 0 })
        {
            form.Add(new ByteArrayContent(voucher ?? TestImages.JpegWithGps()), "voucher", "回单.jpg");
        }
        return await client.PostAsync("/api/v1/funds/arrivals", form);
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> Allocate(HttpClient client, string source, string amount, string? reason = null, string town = DemoData.Luoman) =>
        client.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = town, source, amount, reason });

    private static async Task<JsonElement> Summary(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/v1/funds/summary");

    private static long Fen(JsonElement summary, string source, string field) =>
        summary.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source).GetProperty(field).GetProperty("fen").GetInt64();

    private static long TownFen(JsonElement summary, string source, string field, string town = DemoData.Luoman) =>
        summary.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == town)
            .GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == source).GetProperty(field).GetProperty("fen").GetInt64();

    private async Task<int> Lines()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().FundEntries.CountAsync();
    }

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Arrivals_from_three_sources_add_up_and_a_reversal_cancels_one_once()
    {
        var finance = await app.SignIn("caizheng");
        var before = await Summary(finance);
        var region = await Created(await Arrive(finance, "Region", "106,400.00"));
        var city = await Created(await Arrive(finance, "City", "15200", "柳财社〔2020〕8号", "市财政局"));
        await Created(await Arrive(finance, "District", "30400.00元", "柳财社〔2020〕9号", "市财政局（区级残疾人就业保障金）"));
        Assert.Equal("106,400.00", region.GetProperty("yuan").GetString());
        Assert.Equal(10_640_000, region.GetProperty("fen").GetInt64());
        var after = await Summary(finance);
        Assert.Equal(10_640_000, Fen(after, "Region", "received") - Fen(before, "Region", "received"));
        Assert.Equal(1_520_000, Fen(after, "City", "received") - Fen(before, "City", "received"));
        Assert.Equal(3_040_000, Fen(after, "District", "received") - Fen(before, "District", "received"));

        // Wrong city arrival: reversed with a reason, once; the reversal itself is not reversed; the original stays.
        var cityId = city.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{cityId}/reversal", new { reason = "" })).StatusCode);
        var reversed = await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{cityId}/reversal", new { reason = "金额录入错误" });
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        var reversal = await reversed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(-1_520_000, reversal.GetProperty("fen").GetInt64());
        Assert.Equal(cityId, reversal.GetProperty("reversesId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{cityId}/reversal", new { reason = "再次冲销" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await finance.PostAsJsonAsync($"/api/v1/funds/arrivals/{reversal.GetProperty("id").GetGuid()}/reversal", new { reason = "冲销冲销" })).StatusCode);
        Assert.Equal(Fen(before, "City", "received"), Fen(await Summary(finance), "City", "received"));

        // The ledger marks both lines; the district federation sees the voucher, a town does not.
        var ledger = await finance.GetFromJsonAsync<JsonElement>("/api/v1/funds/arrivals?source=City");
        var original = ledger.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == cityId);
        Assert.Equal(reversal.GetProperty("id").GetGuid(), original.GetProperty("reversedById").GetGuid());
        var district = await app.SignIn("qucanlian");
        var voucher = await district.GetAsync($"/api/v1/funds/arrivals/{cityId}/voucher");
        Assert.Equal("image/jpeg", voucher.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("luoman.dangwei")).GetAsync($"/api/v1/funds/arrivals/{cityId}/voucher")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/funds/arrivals/{cityId}/voucher")).StatusCode);

        // An arrival without its voucher is refused at the field.
        var bare = await Arrive(finance, "Region", "1.00", voucher: []);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("凭证", await bare.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The audit log reads the arrival in Chinese.
        var audit = await district.GetStringAsync("/Admin/Audit?Entity=FundEntry");
        Assert.Contains("资金流水", audit, StringComparison.Ordinal);
        Assert.Contains("柳财社〔2020〕8号", audit, StringComparison.Ordinal);
        Assert.Contains("文号", audit, StringComparison.Ordinal);
        Assert.Contains("15,200.00元", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocation_beyond_what_arrived_or_what_the_town_needs_needs_a_reason_which_goes_on_the_ledger()
    {
        await FiledHouseholds.AddAsync(app, 10);
        var finance = await app.SignIn("caizheng");
        var district = await app.SignIn("qucanlian");
        var s = await Summary(district);
        var shortfall = TownFen(s, "Region", "shortfall");
        Assert.True(shortfall >= 10 * 70_000);
        var unallocated = Fen(s, "Region", "unallocated");
        // Make exactly the town's shortfall available, then: more than it needs is refused, exactly what it needs passes.
        if (unallocated < shortfall)
        {
            await Created(await Arrive(finance, "Region", Yuan(shortfall - unallocated)));
        }
        var over = await Allocate(district, "Region", Yuan(shortfall + 1));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var problem = await over.Content.ReadFromJsonAsync<JsonElement>();
        var message = string.Join("", problem.GetProperty("errors").GetProperty("Reason").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("自治区", message, StringComparison.Ordinal);
        Assert.Contains("尚需" + new Money(shortfall).ToString(), message, StringComparison.Ordinal);
        await Created(await Allocate(district, "Region", Yuan(shortfall)));
        var refused = await Allocate(district, "Region", "0.01");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var withReason = await Created(await Allocate(district, "Region", "0.01", "市级统筹先行垫付"));
        Assert.Equal("市级统筹先行垫付", withReason.GetProperty("note").GetString());
        var ledger = await district.GetFromJsonAsync<JsonElement>("/api/v1/funds/ledger?kind=Allocation&source=Region");
        Assert.Equal("市级统筹先行垫付", ledger.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == withReason.GetProperty("id").GetGuid()).GetProperty("note").GetString());

        // Reversed, the extra fen is gone from the town again.
        var id = withReason.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsJsonAsync($"/api/v1/funds/allocations/{id}/reversal", new { reason = "多拨，收回" })).StatusCode);
        Assert.Equal(0, TownFen(await Summary(district), "Region", "shortfall"));
        Assert.Equal(0, TownFen(await Summary(await app.SignIn("luoman.dangwei")), "Region", "shortfall"));
    }

    [Fact]
    public async Task Racing_allocations_pass_only_as_far_as_the_town_needs()
    {
        await FiledHouseholds.AddAsync(app, 8);
        var finance = await app.SignIn("caizheng");
        var district = await app.SignIn("qucanlian");
        var s = await Summary(district);
        var shortfall = TownFen(s, "City", "shortfall");
        var unallocated = Fen(s, "City", "unallocated");
        await Created(await Arrive(finance, "City", Yuan(2 * shortfall + Math.Max(0, -unallocated)), "柳财社〔2020〕20号", "市财政局"));
        var each = shortfall / 4;
        var expected = (int)Math.Min(8, shortfall / each);
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.SignIn("qucanlian")));
        var responses = await Task.WhenAll(clients.Select(c => Allocate(c, "City", Yuan(each))));
        Assert.Equal(expected, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var after = await Summary(district);
        Assert.Equal(shortfall - expected * each, TownFen(after, "City", "shortfall"));
        Assert.True(TownFen(after, "City", "allocated") <= TownFen(after, "City", "need"));
    }

    [Fact]
    public async Task Offices_act_only_within_their_capability_and_area()
    {
        var finance = await app.SignIn("caizheng");
        var arrival = await Created(await Arrive(finance, "District", "100.00", "柳财社〔2020〕30号", "市财政局"));
        var id = arrival.GetProperty("id").GetGuid();
        var town = await app.SignIn("luoman.dangwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await Arrive(town, "Region", "1.00")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await town.PostAsJsonAsync($"/api/v1/funds/arrivals/{id}/reversal", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Allocate(finance, "Region", "1.00")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Allocate(town, "Region", "1.00")).StatusCode);
        // The town's ledger holds its allocations and payments, never the district's arrivals.
        var townLedger = await town.GetFromJsonAsync<JsonElement>("/api/v1/funds/ledger");
        Assert.DoesNotContain(townLedger.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "Arrival");
        Assert.False((await Summary(town)).GetProperty("district").GetBoolean());

        var village = await app.SignIn("luoman.cun");
        foreach (var url in new[] { "/Funds", "/Funds/Arrivals", "/Funds/Allocations", "/Funds/Ledger", "/api/v1/funds/summary", "/api/v1/funds/ledger", "/api/v1/funds/arrivals" })
        {
            var response = await village.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("Denied", StringComparison.Ordinal) == true,
                $"{url} → {(int)response.StatusCode}");
        }

        // Another district's finance neither sees nor reverses this district's arrival.
        var other = await OtherDistrictFinance();
        var theirs = await other.GetFromJsonAsync<JsonElement>("/api/v1/funds/arrivals");
        Assert.DoesNotContain(theirs.GetProperty("lines").EnumerateArray(), l => l.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/funds/arrivals/{id}/reversal", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/funds/arrivals/{id}/voucher")).StatusCode);
    }

    private async Task<HttpClient> OtherDistrictFinance()
    {
        var other = await Programmes.AddOtherDistrictAsync(app);
        await using (var s = app.Services.CreateAsyncScope())
        {
            var users = s.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("liubei.caizheng") is null)
            {
                await UserAccounts.SeedAsync(s.ServiceProvider.GetRequiredService<TongxingDb>(), users,
                    new UserInput { UserName = "liubei.caizheng", DisplayName = "柳北区财政", Role = Role.Finance, AreaCode = other }, DemoData.DemoPassword, default);
            }
        }
        return await app.SignIn("liubei.caizheng");
    }

    public static readonly string[] HostileAmounts = ["1e5", "-1", "１０００．００１", "0.001", "99999999999", "", "abc", "1,0.0.0", "NaN", "0", "<script>"];

    [Fact]
    public async Task The_same_arrival_entered_twice_is_refused_even_when_both_are_sent_at_once()
    {
        var finance = await app.SignIn("caizheng");
        const string document = "柳财社〔2020〕重复号";
        Assert.Equal(HttpStatusCode.Created, (await Arrive(finance, "City", "15200", document, "市财政局")).StatusCode);
        var again = await Arrive(finance, "City", "15,200.00", document, "市财政局");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("不能重复登记", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("DocumentNumber")[0].GetString(), StringComparison.Ordinal);
        // Another instalment under the same 文号 (another amount) is a new arrival.
        Assert.Equal(HttpStatusCode.Created, (await Arrive(finance, "City", "1000", document, "市财政局")).StatusCode);
        // Six identical forms at once: one recorded.
        const string raced = "柳财社〔2020〕并发号";
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Arrive(finance, "District", "3040", raced, "市财政局")));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.True(a.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TongxingDb>().FundEntries.CountAsync(e => e.DocumentNumber == raced));
    }

    [Fact]
    public async Task Hostile_amounts_document_numbers_and_reasons_are_refused_with_a_reason_and_nothing_saved()
    {
        var finance = await app.SignIn("caizheng");
        var district = await app.SignIn("qucanlian");
        var before = await Lines();
        foreach (var amount in HostileAmounts)
        {
            var arrival = await Arrive(finance, "Region", amount);
            Assert.True(arrival.StatusCode == HttpStatusCode.BadRequest, $"arrival {amount} → {(int)arrival.StatusCode}");
            Assert.True((await arrival.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Amount", out _), amount);
            var allocation = await Allocate(district, "Region", amount, "原因");
            Assert.True(allocation.StatusCode == HttpStatusCode.BadRequest, $"allocation {amount} → {(int)allocation.StatusCode}");
        }
        foreach (var document in new[] { "文号\u0007", "\u202E文号", new string('号', 10_000), "文号\u0000" })
        {
            var arrival = await Arrive(finance, "Region", "1.00", document);
            Assert.Equal(HttpStatusCode.BadRequest, arrival.StatusCode);
            Assert.True((await arrival.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("DocumentNumber", out _));
            var office = await Arrive(finance, "Region", "1.00", "桂财社1号", document);
            Assert.Equal(HttpStatusCode.BadRequest, office.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await Allocate(district, "Region", "1.00", document)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Arrive(finance, "Region", "1.00", voucher: "not a picture"u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Arrive(finance, "Region", "1.00", on: "2020-04-06")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Allocate(district, "Region", "1.00", town: "450204102999")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await district.PostAsJsonAsync("/api/v1/funds/allocations", new { townCode = DemoData.Luoman, source = "Moon", amount = "1" })).StatusCode);
        Assert.Equal(before, await Lines());
    }

    [Fact]
    public async Task The_pages_record_an_arrival_allocate_what_the_town_needs_and_export_the_ledger()
    {
        await FiledHouseholds.AddAsync(app, 2);
        var finance = await app.SignIn("caizheng");
        var page = await finance.GetStringAsync("/Funds/Arrivals");
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(TestApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("District"), "Input.Source" },
            { new StringContent("4000"), "Input.Amount" },
            { new StringContent("2020-04-05"), "Input.On" },
            { new StringContent("柳财社〔2020〕40号"), "Input.DocumentNumber" },
            { new StringContent("市财政局"), "Input.PayingOffice" },
            { new ByteArrayContent(TestImages.JpegWithGps()), "Voucher", "回单.jpg" },
        })
        {
            var posted = await finance.PostAsync("/Funds/Arrivals", form);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        Assert.Contains("柳财社〔2020〕40号", await finance.GetStringAsync("/Funds/Arrivals"), StringComparison.Ordinal);

        var district = await app.SignIn("qucanlian");
        var home = await district.GetStringAsync("/Funds");
        Assert.Contains("资金发放截止", home, StringComparison.Ordinal);
        Assert.Contains("/Funds/Allocations", home, StringComparison.Ordinal);
        Assert.DoesNotContain("/Funds/Batches", home, StringComparison.Ordinal);
        var shortfall = TownFen(await Summary(district), "District", "shortfall");
        var filled = await district.GetStringAsync($"/Funds/Allocations?town={DemoData.Luoman}&need=true");
        Assert.Contains($"value=\"{Yuan(shortfall)}\"", filled, StringComparison.Ordinal);
        var fields = new Dictionary<string, string> { ["Input.TownCode"] = DemoData.Luoman, ["Input.District"] = Yuan(shortfall), ["Input.On"] = "2020-04-05" };
        var allocated = await TestApp.PostForm(district, "/Funds/Allocations", fields);
        Assert.True(allocated.StatusCode == HttpStatusCode.Redirect, await allocated.Content.ReadAsStringAsync());
        Assert.Equal(0, TownFen(await Summary(district), "District", "shortfall"));

        var export = await district.GetAsync("/api/v1/funds/ledger/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await export.Content.ReadAsByteArrayAsync())).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values)).ToList();
        Assert.Contains(rows, r => r.Contains("柳财社〔2020〕40号", StringComparison.Ordinal) && r.Contains("4,000.00", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("洛满镇", StringComparison.Ordinal) && r.Contains("下拨", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync("/Funds/Ledger?Kind=Allocation")).StatusCode);
    }
}

public sealed class FundsInTests_Sqlite(SqliteApp app) : FundsInTests(app), IClassFixture<SqliteApp>;

public sealed class FundsInTests_Postgres(PostgresApp app) : FundsInTests(app), IClassFixture<PostgresApp>;

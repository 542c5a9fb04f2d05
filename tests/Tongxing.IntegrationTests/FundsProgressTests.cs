using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tongxing.TestSupport;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>资金发放进度 against the 7 May deadline: the figures per town and village, days left and overdue on the app's clock, who may read it.</summary>
public abstract class FundsProgressTests(TestApp app)
{
    private static JsonElement Unit(JsonElement view, string code) => view.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == code);

    [Fact]
    public async Task A_town_with_5_filed_3_paid_1_receipted_shows_its_figures_and_its_days_left_then_overdue()
    {
        var ids = await FiledHouseholds.AddAsync(app, 5);
        var payments = await FiledHouseholds.PayAsync(app, ids[..3]);
        var village = await app.SignIn("luoman.cun");
        var version = (await (await village.GetAsync("/api/v1/funds/receipts")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")
            .EnumerateArray().First(r => r.GetProperty("paymentId").GetGuid() == payments[0]).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await FundsReceiptTests.Receipt(village, payments[0], version, photo: TestImages.JpegWithGps())).StatusCode);
        var town = await app.SignIn("luoman.dangwei");
        using (var form = FundsReceiptTests.Form(new Dictionary<string, string?> { ["startedOn"] = "2020-04-05", ["note"] = "养殖" }, TestImages.JpegWithGps()))
        {
            Assert.Equal(HttpStatusCode.OK, (await town.PutAsync($"/api/v1/households/{ids[1]}/project-start", form)).StatusCode);
        }

        // Sign-ins last hours, not weeks: everyone signs in again on the new day.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 1, 2, 0, 0, TimeSpan.Zero));
        town = await app.SignIn("luoman.dangwei");
        village = await app.SignIn("luoman.cun");
        var district = await (await app.SignIn("qucanlian")).GetFromJsonAsync<JsonElement>("/api/v1/funds/progress");
        var luoman = Unit(district, DemoData.Luoman);
        Assert.Equal((5, 3, 2, 0, 1, 2, 1), (luoman.GetProperty("filed").GetInt32(), luoman.GetProperty("paid").GetInt32(), luoman.GetProperty("unpaid").GetInt32(),
            luoman.GetProperty("inBatch").GetInt32(), luoman.GetProperty("receipted").GetInt32(), luoman.GetProperty("notReceipted").GetInt32(), luoman.GetProperty("projectStarted").GetInt32()));
        Assert.Equal(0, Unit(district, DemoData.Liushan).GetProperty("filed").GetInt32());
        var deadline = district.GetProperty("deadline");
        Assert.Equal("2020-05-07", deadline.GetProperty("deadline").GetString());
        Assert.Equal(6, deadline.GetProperty("daysLeft").GetInt32());
        Assert.Equal("还剩6天", deadline.GetProperty("text").GetString());

        // The town sees its villages and its unpaid households; finance and the organisation department read it too.
        var own = await town.GetFromJsonAsync<JsonElement>("/api/v1/funds/progress");
        Assert.Equal(3, Unit(own, DemoData.LuomanVillage).GetProperty("paid").GetInt32());
        Assert.Equal(2, own.GetProperty("unpaidTotal").GetInt32());
        Assert.Equal(ids[3..].Order(), own.GetProperty("unpaid").EnumerateArray().Select(u => u.GetProperty("householdId").GetGuid()).Order());
        Assert.All(own.GetProperty("unpaid").EnumerateArray(), u => Assert.Equal("待发放", u.GetProperty("state").GetString()));
        foreach (var reader in new[] { "caizheng", "quzuzhibu" })
        {
            var view = await (await app.SignIn(reader)).GetFromJsonAsync<JsonElement>($"/api/v1/funds/progress?town={DemoData.Luoman}");
            Assert.Equal(2, Unit(view, DemoData.LuomanVillage).GetProperty("unpaid").GetInt32());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync("/api/v1/funds/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("shicanlian")).GetAsync("/api/v1/funds/progress")).StatusCode);
        // Another town's code in the query gives the user's own town, never the other's.
        var other = await (await app.SignIn("liushan.dangwei")).GetFromJsonAsync<JsonElement>($"/api/v1/funds/progress?town={DemoData.Luoman}");
        Assert.Equal(0, other.GetProperty("total").GetProperty("filed").GetInt32());

        app.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 10, 2, 0, 0, TimeSpan.Zero));
        town = await app.SignIn("luoman.dangwei");
        var late = (await town.GetFromJsonAsync<JsonElement>("/api/v1/funds/progress")).GetProperty("deadline");
        Assert.Equal(3, late.GetProperty("daysOverdue").GetInt32());
        Assert.Equal("已逾期3天", late.GetProperty("text").GetString());
        var page = await (await app.SignIn("qucanlian")).GetStringAsync("/Funds/Progress");
        Assert.Contains("已逾期3天", page, StringComparison.Ordinal);
        Assert.Contains("洛满镇", page, StringComparison.Ordinal);
        var receipts = await (await app.SignIn("qucanlian")).GetFromJsonAsync<JsonElement>("/api/v1/funds/receipts");
        var towns = receipts.GetProperty("towns").EnumerateArray().Single(t => t.GetProperty("townCode").GetString() == DemoData.Luoman);
        Assert.Equal((3, 1, 2), (towns.GetProperty("paid").GetInt32(), towns.GetProperty("receipted").GetInt32(), towns.GetProperty("notReceipted").GetInt32()));
    }
}

public sealed class FundsProgressTests_Sqlite(SqliteApp app) : FundsProgressTests(app), IClassFixture<SqliteApp>;

public sealed class FundsProgressTests_Postgres(PostgresApp app) : FundsProgressTests(app), IClassFixture<PostgresApp>;

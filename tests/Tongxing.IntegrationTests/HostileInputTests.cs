using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>A corpus of hostile values through every free-text field of the forms and API: refused with a reason or stored and shown harmlessly; never a 500, never half-saved.</summary>
public abstract class HostileInputTests(TestApp app)
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE \"Households\";--", "1' OR '1'='1",
        "=cmd|' /C calc'!A0", "+SUM(1,2)", "@HYPERLINK(\"http://x\")", "../../../../etc/passwd", "\u0000零字节", "控制\u0007字符",
        "\u202E反向文字", new string('长', 5000), "{{Title}}", "%00%0d%0a", "😀表情", "",
    ];

    private static readonly string[] TextFields = ["Group", "Address", "ProjectDescription", "HelperToBe", "Remarks", "PerCapitaIncome"];
    private static readonly string[] MemberFields = ["Name", "IdNumber", "CertificateNumber", "Phone"];

    private async Task<int> Count()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.CountAsync();
    }

    [Fact]
    public async Task Every_hostile_value_in_every_household_field_is_refused_or_stored_harmlessly()
    {
        var village = await app.SignIn("luoman.cun");
        var tried = 0;
        foreach (var value in Corpus)
        {
            foreach (var field in TextFields.Select(f => (Member: false, Name: f)).Concat(MemberFields.Select(f => (Member: true, Name: f))))
            {
                var input = Api.Eligible();
                var target = field.Member ? (object)input.Members[0] : input;
                target.GetType().GetProperty(field.Name)!.SetValue(target, value);
                var before = await Count();
                var response = await village.PostAsJsonAsync("/api/v1/households", input, Api.Json);
                tried++;
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{field.Name}={value[..Math.Min(20, value.Length)]} → {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.Equal(before, await Count());
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), "refusal without a reason");
                }
                else
                {
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    var page = await village.GetStringAsync($"/Households/Details/{id}");
                    Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
                    Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
                }
            }
        }
        Assert.Equal(Corpus.Length * (TextFields.Length + MemberFields.Length), tried);
    }

    [Fact]
    public async Task Hostile_values_in_comments_objections_and_token_names_never_fail_the_server()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        foreach (var value in Corpus)
        {
            var id = await Api.Register(village, Api.Eligible());
            await Api.Submit(town, [id], [id]);
            var version = (await Api.Household(district, id)).GetProperty("version").GetInt32();
            var review = await Api.Review(district, id, "Return", value, version);
            Assert.True(review.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"review → {(int)review.StatusCode}");
            var token = await village.PostAsJsonAsync("/api/v1/tokens", new { name = value, days = 1 });
            Assert.True(token.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"token → {(int)token.StatusCode}");
            var page = await village.GetStringAsync($"/Households/Details/{id}");
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hostile_values_in_receipts_and_project_starts_are_refused_or_stored_harmlessly()
    {
        var households = await FiledHouseholds.AddAsync(app, Corpus.Length + 1);
        var payments = await FiledHouseholds.PayAsync(app, households);
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        string[] names = ["../../../../etc/passwd.jpg", "<script>alert(1)</script>.jpg", "签收单\u202Egpj.exe", new string('长', 300) + ".jpg", "签收单.jpg.php", "CON", "无扩展名"];
        string[] dates = ["2020-02-30", "2020-13-01", "0000-00-00", "2020-4-5", "'; DROP TABLE \"Payments\";--", "2020-04-05T00:00:00", "9999-12-31", "-1"];
        for (var i = 0; i < Corpus.Length; i++)
        {
            var value = Corpus[i];
            using (var scope = app.Services.CreateScope())
            {
                var version = (await scope.ServiceProvider.GetRequiredService<TongxingDb>().Payments.AsNoTracking().SingleAsync(p => p.Id == payments[i])).Version;
                var proxy = await FundsReceiptTests.Receipt(village, payments[i], version, kind: "Proxy", photo: Tongxing.TestSupport.TestImages.JpegWithGps(),
                    proxyName: value, proxyRelation: value, proxyReason: value, fileName: names[i % names.Length]);
                Assert.True(proxy.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"proxy={value[..Math.Min(20, value.Length)]} → {(int)proxy.StatusCode}");
                var kind = await FundsReceiptTests.Receipt(village, payments[i], version, kind: value, on: dates[i % dates.Length], photo: Encoding.UTF8.GetBytes(value));
                Assert.True(kind.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"kind={value[..Math.Min(20, value.Length)]} → {(int)kind.StatusCode}");
            }
            using var form = FundsReceiptTests.Form(new Dictionary<string, string?> { ["startedOn"] = dates[i % dates.Length], ["note"] = value }, Tongxing.TestSupport.TestImages.JpegWithGps(), names[i % names.Length]);
            var start = await town.PutAsync($"/api/v1/households/{households[i]}/project-start", form);
            Assert.True(start.StatusCode is HttpStatusCode.BadRequest, $"project start on {dates[i % dates.Length]} → {(int)start.StatusCode}");
            using var good = FundsReceiptTests.Form(new Dictionary<string, string?> { ["startedOn"] = "2020-04-05", ["note"] = value }, Tongxing.TestSupport.TestImages.JpegWithGps(), names[i % names.Length]);
            var note = await town.PutAsync($"/api/v1/households/{households[i]}/project-start", good);
            Assert.True(note.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"note={value[..Math.Min(20, value.Length)]} → {(int)note.StatusCode}");
        }
        // A reason of 10 KB is refused at its field; nothing is half-saved.
        var last = payments[^1];
        var tooLong = await FundsReceiptTests.Receipt(village, last, 3, kind: "Proxy", photo: Tongxing.TestSupport.TestImages.JpegWithGps(),
            proxyName: "韦某", proxyRelation: "子女", proxyReason: new string('长', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("ProxyReason", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var page in new[] { "/Funds/Receipts?State=done", "/Funds/Receipts" })
        {
            var html = await village.GetStringAsync(page);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
        foreach (var id in households)
        {
            var html = await town.GetStringAsync($"/Households/Details/{id}");
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }
    }
}

public sealed class HostileInputTests_Sqlite(SqliteApp app) : HostileInputTests(app), IClassFixture<SqliteApp>;

public sealed class HostileInputTests_Postgres(PostgresApp app) : HostileInputTests(app), IClassFixture<PostgresApp>;

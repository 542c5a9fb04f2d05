using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;

namespace Tongxing.IntegrationTests;

/// <summary>The audit page for people: Chinese labels, readable changes, filters, paging through everything, export, masking.</summary>
public abstract class AuditPageTests(TestApp app)
{
    private async Task<T> With<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static async Task<(List<long> Seqs, List<string> Texts, string? Older, string? Newer)> Page(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var rows = page.QuerySelectorAll("#audit-log tbody tr").ToList();
        return (rows.Select(r => long.Parse(r.QuerySelector("td")!.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            rows.Select(r => r.TextContent).ToList(),
            page.QuerySelector("a[rel=next]")?.GetAttribute("href"), page.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_log_reads_in_Chinese_filters_pages_through_everything_exports_and_stays_masked()
    {
        await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "wrong-Password1!" });
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var input = Api.Eligible(name: "韦审阅");
        var headId = input.Members[0].IdNumber!;
        var id = await Api.Register(village, input);
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id])).StatusCode);
        var district = await app.SignIn("qucanlian");

        // Labels and readable changes, no type names or raw JSON.
        var (_, texts, _, _) = await Page(district, $"/Admin/Audit?Record={id}");
        var all = string.Join("\n", texts);
        Assert.Contains("办理状态：村已提名 → 镇已报送待审核", all, StringComparison.Ordinal);
        Assert.Contains("家庭成员：姓名 韦审阅；性别 男；身份证号", all, StringComparison.Ordinal);
        Assert.Contains(headId, all, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", all, StringComparison.Ordinal);
        // Where the household is, by name (with the code).
        Assert.Contains($"乡镇 洛满镇（{DemoData.Luoman}）", all, StringComparison.Ordinal);
        var first = await district.GetStringAsync("/Admin/Audit");
        Assert.Contains("哈希链校验通过", first, StringComparison.Ordinal);
        var newest = string.Join("\n", (await Page(district, "/Admin/Audit")).Texts);
        Assert.Contains("用户账号", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("AppUser", newest, StringComparison.Ordinal);
        Assert.DoesNotContain("IdentityUserToken", string.Join("\n", (await Page(district, "/Admin/Audit?Entity=IdentityUserToken`1")).Texts), StringComparison.Ordinal);

        // Filters: record, user, action, dates.
        var (recordSeqs, _, _, _) = await Page(district, $"/Admin/Audit?Record={id}");
        var subject = id.ToString();
        Assert.Equal(await With(db => db.AuditEntries.Where(a => a.Subject == subject).OrderByDescending(a => a.Seq).Select(a => a.Seq).ToListAsync()), recordSeqs);
        var (_, byUser, _, _) = await Page(district, "/Admin/Audit?User=luoman.cun");
        Assert.NotEmpty(byUser);
        Assert.All(byUser, t => Assert.Contains("洛满村党支部", t, StringComparison.Ordinal));
        var (failedSeqs, failed, _, _) = await Page(district, "/Admin/Audit?Action=登录失败");
        Assert.Equal(await With(db => db.AuditEntries.CountAsync(a => a.Action == "登录失败")), failedSeqs.Count);
        Assert.All(failed, t => Assert.Contains("登录失败", t, StringComparison.Ordinal));
        Assert.Empty((await Page(district, "/Admin/Audit?To=2020-04-04")).Seqs);
        Assert.Equal(recordSeqs, (await Page(district, $"/Admin/Audit?Record={id}&From=2020-04-05&To=2020-04-05")).Seqs);
        Assert.Equal(recordSeqs.Take(1), (await Page(district, $"/Admin/Audit?Record={id}&Entity=Household&Action=修改")).Seqs);

        // Paging: the older-entries links walk through every entry once, newest first; the newer link goes back.
        // Enough of the district's own entries for several pages.
        for (var i = 0; i < 60; i++)
        {
            await app.SignIn(i % 2 == 0 ? "luoman.cun" : "guzhou.cun");
        }
        // Every entry of the district's own officials (and of sign-in attempts on their accounts), computed here apart
        // from the page's query: the district reads its own area's log, not the start-up's or another district's.
        var expected = await Readable();
        Assert.True(expected.Count > 50, $"{expected.Count} entries");
        var seen = new List<long>();
        string? next = "/Admin/Audit";
        var pages = new List<string>();
        while (next is not null)
        {
            pages.Add(next);
            var page = await Page(district, next);
            Assert.True(page.Seqs.Count <= 50);
            seen.AddRange(page.Seqs);
            next = page.Older is { } older ? WebUtility.HtmlDecode(older) : null;
        }
        Assert.Equal(expected.Where(s => s <= seen[0]), seen);
        var back = await Page(district, pages[^1]);
        Assert.NotNull(back.Newer);
        Assert.Equal(await Page(district, pages[^2]) is var before ? before.Seqs : [], (await Page(district, WebUtility.HtmlDecode(back.Newer))).Seqs);

        // Bad filters are answered at the field, never with a 500.
        var wrongWay = await district.GetStringAsync("/Admin/Audit?From=2020-04-06&To=2020-04-05");
        Assert.Contains("结束日期不能早于开始日期", wrongWay, StringComparison.Ordinal);
        var far = await district.GetAsync("/api/v1/audit?To=9999-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, far.StatusCode);
        Assert.True((await far.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("To", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await district.GetAsync($"/api/v1/audit?User={new string('x', 5000)}")).StatusCode);

        // The API answers the same page; offices without the right get 403 (and the page sends them away).
        var api = await district.GetFromJsonAsync<JsonElement>($"/api/v1/audit?Record={id}");
        Assert.Equal(recordSeqs, api.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync("/api/v1/audit/export")).StatusCode);

        // The administrator (no household access, ADR 0017) reads what administration did, not this household's entries.
        var administrator = await app.SignIn("guanliyuan");
        var adminView = await administrator.GetFromJsonAsync<JsonElement>($"/api/v1/audit?Record={id}");
        Assert.Empty(adminView.GetProperty("rows").EnumerateArray());
        var adminAll = (await administrator.GetStringAsync("/api/v1/audit")) + await administrator.GetStringAsync("/Admin/Audit?Action=新增");
        Assert.DoesNotContain("韦审阅", adminAll, StringComparison.Ordinal);
        Assert.DoesNotContain("家庭成员：", adminAll, StringComparison.Ordinal);
        Assert.Contains("登录", adminAll, StringComparison.Ordinal);

        // The organisation department sees personal data masked, here as everywhere.
        var organisation = await app.SignIn("quzuzhibu");
        var masked = string.Join("\n", (await Page(organisation, $"/Admin/Audit?Record={id}")).Texts);
        Assert.Contains("家庭成员：姓名 韦审阅；性别 男；身份证号 " + headId[..6] + "********", masked, StringComparison.Ordinal);
        Assert.DoesNotContain(headId, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(headId[6..14], masked, StringComparison.Ordinal);
        Assert.Contains($"{headId[..6]}********{headId[^4..]}", masked, StringComparison.Ordinal);

        // Export: every entry the filter selects, readable, masked for the masked viewer, and itself on the record.
        var export = await organisation.GetAsync($"/Admin/Audit?handler=Export&Record={id}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        using var book = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = book.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(recordSeqs, rows.Select(r => Convert.ToInt64(r["序号"], System.Globalization.CultureInfo.InvariantCulture)));
        var exported = string.Join("\n", rows.Select(r => r["内容"]?.ToString()));
        Assert.Contains("办理状态：村已提名 → 镇已报送待审核", exported, StringComparison.Ordinal);
        Assert.DoesNotContain(headId, exported, StringComparison.Ordinal);
        Assert.Contains(await With(db => db.AuditEntries.Where(a => a.Action == "导出" && a.Entity == "审计日志").Select(a => a.Details).ToListAsync()),
            d => d == $"记录：{id}，{recordSeqs.Count}条");
        using var everything = new MemoryStream(await district.GetByteArrayAsync("/api/v1/audit/export"));
        Assert.Equal((await Readable()).Count - 1, everything.Query(useHeaderRow: true).Count());

        Task<List<long>> Readable() => With(async db =>
        {
            var own = await db.Users.Where(u => u.AreaCode.StartsWith("450204")).Select(u => u.Id).ToListAsync();
            return (await db.AuditEntries.Select(a => new { a.Seq, a.UserId, a.EntityId }).ToListAsync())
                .Where(a => own.Contains(a.UserId) || (a.UserId == "system" && a.EntityId != null && own.Contains(a.EntityId)))
                .Select(a => a.Seq).OrderByDescending(s => s).ToList();
        });
    }
}

public sealed class AuditPageTests_Sqlite(SqliteApp app) : AuditPageTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPageTests_Postgres(PostgresApp app) : AuditPageTests(app), IClassFixture<PostgresApp>;

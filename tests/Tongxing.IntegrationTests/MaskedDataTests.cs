using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Wherever a viewer sees ID numbers masked, nothing else in any answer restores them: every answer that carries a
/// person — API, pages, exports, documents, archive, audit — is read as each demo office and searched for the full
/// numbers of the database (as written, backwards, inside a certificate number) and for the birth dates.
/// </summary>
public abstract class MaskedDataTests(TestApp app)
{
    private sealed record Person(string IdNumber, string Reversed, string? Certificate, DateOnly BirthDate, string? Phone);

    private async Task<List<Person>> People()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        return (await db.Members.AsNoTracking().Select(m => new { m.IdNumber, m.IdNumberReversed, m.CertificateNumber, m.BirthDate, m.Phone }).ToListAsync())
            .Select(m => new Person(m.IdNumber, m.IdNumberReversed, m.CertificateNumber, m.BirthDate, m.Phone)).ToList();
    }

    /// <summary>The answer as text: JSON and pages as they are (HTML entities decoded), files (xlsx, docx, zip) opened entry by entry.</summary>
    private static async Task<string> Text(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return bytes is [0x50, 0x4B, ..] ? Unzip(bytes) : WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes));
    }

    private static string Unzip(byte[] bytes)
    {
        var text = new StringBuilder();
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries)
        {
            using var s = new MemoryStream();
            using (var e = entry.Open())
            {
                e.CopyTo(s);
            }
            var content = s.ToArray();
            text.AppendLine(content is [0x50, 0x4B, ..] ? Unzip(content) : Encoding.UTF8.GetString(content));
        }
        return text.ToString();
    }

    [Fact]
    public async Task No_answer_to_an_office_that_sees_numbers_masked_restores_them()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");

        // One household returned with its number written in the reason (history), one accepted and put on a notice,
        // with an objection naming a number and a phone (free text), and both with their audit entries.
        var returned = Api.Eligible(name: "韦退回");
        var returnedId = await Api.Register(village, returned);
        var shown = Api.Eligible(name: "覃公示");
        var shownId = await Api.Register(village, shown);
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [returnedId, shownId], [returnedId, shownId])).StatusCode);
        var number = returned.Members[0].IdNumber!;
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, returnedId, "Return", $"户主身份证号{number}与户口簿不符，请核对", (await Api.Household(district, returnedId)).GetProperty("version").GetInt32())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, shownId, "Accept", null, (await Api.Household(district, shownId)).GetProperty("version").GetInt32())).StatusCode);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { shownId }, startDate = today.ToString("yyyy-MM-dd") }, Api.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var noticeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var objection = await village.PostAsJsonAsync($"/api/v1/notices/{noticeId}/objections",
            new { householdId = shownId, content = $"村民反映{shown.Members[0].IdNumber}户有货车，联系电话13977005678", raisedBy = "村民" }, Api.Json);
        Assert.True(objection.StatusCode == HttpStatusCode.OK, await objection.Content.ReadAsStringAsync());
        var token = (await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}")).GetProperty("publicToken").GetString();

        var people = await People();
        var urls = new List<string>
        {
            "/api/v1/households", "/api/v1/households?q=韦退回", "/api/v1/ledger", "/api/v1/ledger/export", "/api/v1/survey", $"/api/v1/survey?town={DemoData.Luoman}",
            $"/api/v1/survey/attachment1?town={DemoData.Luoman}", "/api/v1/notices", $"/api/v1/notices/{noticeId}", $"/api/v1/notices/{noticeId}/document",
            $"/api/v1/towns/{DemoData.Luoman}/attachment2.zip", "/api/v1/dashboard", "/api/v1/me",
            "/", "/Households", "/Households?Q=韦退回", "/Ledger", "/Survey", $"/Survey?town={DemoData.Luoman}", $"/Survey?handler=Export&town={DemoData.Luoman}",
            "/Notices", $"/Notices/Details/{noticeId}", $"/Notices/Print/{noticeId}", "/Admin/Audit", "/Dashboard",
        };
        foreach (var id in new[] { returnedId, shownId })
        {
            urls.AddRange([
                $"/api/v1/households/{id}", $"/api/v1/households/{id}/screening", $"/api/v1/households/{id}/archive", $"/api/v1/households/{id}/attachment2",
                $"/api/v1/households/{id}/archive.zip", $"/Households/Details/{id}", $"/Archive/{id}", $"/Archive/{id}?handler=Form", $"/Archive/{id}?handler=Zip",
            ]);
        }

        foreach (var (user, _, role, _) in DemoData.Users)
        {
            var client = await app.SignIn(user);
            var masked = !role.Can(Capability.ViewFullPersonalData);
            var answers = new List<(string Url, HttpStatusCode Status, string Text)>();
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{user} {url} → {(int)response.StatusCode}");
                answers.Add((url, response.StatusCode, await Text(response)));
            }
            if (!masked)
            {
                continue;
            }
            var leaks = new List<string>();
            foreach (var (url, _, text) in answers)
            {
                foreach (var p in people)
                {
                    if (text.Contains(p.IdNumber, StringComparison.Ordinal))
                    {
                        leaks.Add($"{url}: the full number {p.IdNumber}");
                    }
                    if (text.Contains(p.Reversed, StringComparison.Ordinal))
                    {
                        leaks.Add($"{url}: the number {p.IdNumber} backwards");
                    }
                    if (p.Certificate is { } c && text.Contains(c, StringComparison.Ordinal))
                    {
                        leaks.Add($"{url}: the certificate number of {p.IdNumber}");
                    }
                    if (text.Contains(p.BirthDate.ToString("yyyy-MM-dd"), StringComparison.Ordinal) || text.Contains(p.BirthDate.ToString("yyyy年M月d日"), StringComparison.Ordinal))
                    {
                        leaks.Add($"{url}: the birth date of {p.IdNumber}");
                    }
                    if (p.Phone is { } phone && text.Contains(phone, StringComparison.Ordinal))
                    {
                        leaks.Add($"{url}: the phone number of {p.IdNumber}");
                    }
                }
                if (text.Contains("13977005678", StringComparison.Ordinal))
                {
                    leaks.Add($"{url}: the phone number written into an objection");
                }
            }
            Assert.True(leaks.Count == 0, $"{user} ({role}) sees numbers masked, yet gets:\n" + string.Join("\n", leaks.Distinct()));
            if (role == Role.DistrictOrganization)
            {
                // It does see the people, masked: the scan above read real answers, not refusals.
                var detail = answers.Single(a => a.Url == $"/api/v1/households/{returnedId}");
                Assert.Equal(HttpStatusCode.OK, detail.Status);
                Assert.Contains(ResidentId.Mask(number), detail.Text, StringComparison.Ordinal);
                Assert.Contains("户主身份证号", detail.Text, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, answers.Single(a => a.Url == $"/Archive/{shownId}").Status);
                Assert.Contains("审计记录", answers.Single(a => a.Url == $"/Archive/{shownId}").Text, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, answers.Single(a => a.Url == "/Admin/Audit").Status);
                Assert.Contains("村民反映", answers.Single(a => a.Url == $"/api/v1/notices/{noticeId}").Text, StringComparison.Ordinal);
            }
        }

        // The offices that see full numbers still get them (the scan would find them if the masking were gone).
        Assert.Contains(number, await Text(await district.GetAsync($"/api/v1/households/{returnedId}")), StringComparison.Ordinal);
        Assert.Contains(number, await Text(await (await app.SignIn("luoman.canlian")).GetAsync($"/Archive/{returnedId}")), StringComparison.Ordinal);

        // The public notice: masked for everyone.
        var publicPage = await Text(await app.Anonymous().GetAsync($"/p/{token}"));
        Assert.Contains(ResidentId.Mask(shown.Members[0].IdNumber), publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain(shown.Members[0].IdNumber!, publicPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_office_that_sees_numbers_masked_cannot_confirm_a_guessed_number_by_searching()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Api.Eligible(name: "蓝查询");
        await Api.Register(village, input);
        var number = input.Members[0].IdNumber!;
        var organisation = await app.SignIn("quzuzhibu");
        foreach (var q in new[] { number, number[^8..], number[^5..], number[6..14], "19" })
        {
            var response = await organisation.GetAsync($"/api/v1/households?q={q}");
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"q={q} → {(int)response.StatusCode}");
            Assert.Contains("后4位", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
        }
        var byTail = await organisation.GetFromJsonAsync<JsonElement>($"/api/v1/households?q={number[^4..]}");
        Assert.Contains(byTail.GetProperty("items").EnumerateArray(), i => i.GetProperty("headName").GetString() == "蓝查询");
        var byName = await organisation.GetFromJsonAsync<JsonElement>("/api/v1/households?q=蓝查询");
        Assert.Single(byName.GetProperty("items").EnumerateArray());
        var page = await organisation.GetStringAsync($"/Households?Q={number}");
        Assert.Contains("后4位", page, StringComparison.Ordinal);

        // Offices that see full numbers search by them as before.
        var district = await app.SignIn("qucanlian");
        Assert.Single((await district.GetFromJsonAsync<JsonElement>($"/api/v1/households?q={number}")).GetProperty("items").EnumerateArray());
    }
}

public sealed class MaskedDataTests_Sqlite(SqliteApp app) : MaskedDataTests(app), IClassFixture<SqliteApp>;

public sealed class MaskedDataTests_Postgres(PostgresApp app) : MaskedDataTests(app), IClassFixture<PostgresApp>;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tongxing.IntegrationTests;

/// <summary>The notice's public address, printed and put into its QR code, comes from configuration, never from the Host header.</summary>
public sealed class PublicLinkTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_forged_host_header_never_reaches_the_notices_word_file_or_print_view()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var district = await app.SignIn("qucanlian");
        var id = await Api.Register(village, Api.Eligible(name: "韦链接"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [id], [id])).StatusCode);
        var version = (await Api.Household(district, id)).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await Api.Review(district, id, "Accept", null, version)).StatusCode);
        var created = await village.PostAsJsonAsync("/api/v1/notices", new { households = new[] { id }, startDate = "2020-04-05" }, Api.Json);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var noticeId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var word = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/notices/{noticeId}/document");
        word.Headers.Host = "evil.example";
        var docx = await village.SendAsync(word);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var zip = new ZipArchive(await docx.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.DoesNotContain("evil.example", xml, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5000/p/", xml, StringComparison.Ordinal);

        using var print = new HttpRequestMessage(HttpMethod.Get, $"/Notices/Print/{noticeId}");
        print.Headers.Host = "evil.example";
        var html = await (await village.SendAsync(print)).Content.ReadAsStringAsync();
        // The print view shows the address only as a QR code: the one of the configured address.
        var token = (await village.GetFromJsonAsync<JsonElement>($"/api/v1/notices/{noticeId}")).GetProperty("publicToken").GetString();
        Assert.Contains(Tongxing.Web.Documents.NoticeDocument.QrSvg($"http://localhost:5000/p/{token}"), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Tongxing.Web.Documents.NoticeDocument.QrSvg($"http://evil.example/p/{token}"), html, StringComparison.Ordinal);
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.TestSupport;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>宣传: written in the writer's area, approved or returned by 区残联 only, exported only when approved, households named only with consent.</summary>
public abstract class PublicityTests(TestApp app)
{
    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static async Task<Guid> Write(HttpClient client, string title, Guid? household = null, string? consentOn = null) =>
        (await Json(await client.PostAsJsonAsync("/api/v1/publicity", new
        {
            kind = "AdvancedIndividual",
            title,
            text = "坚持每月走访，帮助发展沃柑种植。\n年收入明显增加。",
            householdId = household?.ToString(),
            consentOn,
        }))).GetProperty("id").GetGuid();

    private static async Task<int> Version(HttpClient client, Guid id) => (await Json(await client.GetAsync($"/api/v1/publicity/{id}"))).GetProperty("version").GetInt32();

    private static async Task<HttpResponseMessage> Move(HttpClient client, Guid id, string action, string? reason = null, int? version = null) =>
        await client.PostAsJsonAsync($"/api/v1/publicity/{id}/{action}", new { reason, version = version ?? await Version(client, id) });

    private static async Task<string> ExportXml(HttpClient client)
    {
        var r = await client.GetAsync("/api/v1/publicity/export.docx");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "meetings-publicity-export.docx"), bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task An_entry_is_approved_by_the_district_and_only_approved_entries_are_exported_with_households_named_only_with_consent()
    {
        var households = await FiledHouseholds.AddAsync(app, 2);
        var names = await With(db => db.Households.Where(h => households.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.HeadName));
        var village = await app.SignIn("luoman.cun");
        var choices = await Json(await village.GetAsync("/api/v1/publicity/choices?q=" + Uri.EscapeDataString(names[households[0]])));
        Assert.True(choices.GetProperty("households").EnumerateArray().Any(c => c.GetProperty("value").GetString() == households[0].ToString()), choices.ToString() + names[households[0]]);

        var unnamed = await Write(village, "无同意的先进个人", households[0]);
        var named = await Write(village, "已同意的先进个人", households[1], "2020-04-01");
        var draft = await Write(village, "仍是草稿的材料");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.GreyJpeg(320, 240)), "photo", "现场.jpg" } })
        {
            Assert.Equal(1, (await Json(await village.PostAsync($"/api/v1/publicity/{unnamed}/photos", form))).GetProperty("seq").GetInt32());
        }
        var read = await Json(await village.GetAsync($"/api/v1/publicity/{unnamed}"));
        Assert.Equal(PublicityRules.Unnamed, read.GetProperty("publicHouseholdName").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await Move(village, unnamed, "approve")).StatusCode);
        await Json(await Move(village, unnamed, "submit"));
        await Json(await Move(village, named, "submit"));
        var locked = await village.PutAsJsonAsync($"/api/v1/publicity/{unnamed}", new { kind = "GoodPractice", title = "改", text = "改", version = await Version(village, unnamed) });
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        var federation = await app.SignIn("qucanlian");
        var noReason = await Move(federation, named, "return", " ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("请填写退回原因", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Json(await Move(federation, unnamed, "approve"));
        await Json(await Move(federation, named, "approve"));

        var xml = await ExportXml(federation);
        Assert.Contains("无同意的先进个人", xml, StringComparison.Ordinal);
        Assert.Contains("已同意的先进个人", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("仍是草稿的材料", xml, StringComparison.Ordinal);
        Assert.Contains(PublicityRules.Unnamed, xml, StringComparison.Ordinal);
        Assert.DoesNotContain(names[households[0]], xml, StringComparison.Ordinal);
        Assert.Contains(names[households[1]] + "户", xml, StringComparison.Ordinal);
        Assert.Contains("区残联 韦主任", xml, StringComparison.Ordinal);
        Assert.Contains("无同意的先进个人", await ExportXml(village), StringComparison.Ordinal);

        // Withdrawn: gone from the export, kept on the record.
        Assert.Equal(HttpStatusCode.BadRequest, (await Move(federation, named, "withdraw")).StatusCode);
        await Json(await Move(federation, named, "withdraw", "本人撤回同意"));
        Assert.DoesNotContain("已同意的先进个人", await ExportXml(federation), StringComparison.Ordinal);
        Assert.Equal("Withdrawn", (await Json(await village.GetAsync($"/api/v1/publicity/{named}"))).GetProperty("state").GetString());
        Assert.Equal(PublicityState.Draft, await With(db => db.PublicityItems.Where(p => p.Id == draft).Select(p => p.State).FirstAsync()));
    }

    [Fact]
    public async Task Other_areas_and_offices_without_the_duty_neither_see_nor_change_an_entry_and_photo_views_are_audited()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Write(village, "本村的好做法");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.BlackPng(200, 100)), "photo", "p.png" } })
        {
            await Json(await village.PostAsync($"/api/v1/publicity/{id}/photos", form));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("caizheng")).GetAsync("/api/v1/publicity")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("bangfuren")).GetAsync($"/api/v1/publicity/{id}")).StatusCode);
        foreach (var other in new[] { "liushan.dangwei", "guzhou.cun" })
        {
            var client = await app.SignIn(other);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/publicity/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/publicity/{id}/photos/1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/publicity/{id}/submit", new { version = 1 })).StatusCode);
            Assert.DoesNotContain(id.ToString(), await client.GetStringAsync("/api/v1/publicity"), StringComparison.Ordinal);
        }
        var town = await app.SignIn("luoman.dangwei");
        Assert.Contains(id.ToString(), await town.GetStringAsync("/api/v1/publicity"), StringComparison.Ordinal);

        var outside = await village.PostAsJsonAsync("/api/v1/publicity", new { kind = "AdvancedCollective", title = "外村", text = "x", branchVillageCode = "450204102201" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("BranchVillageCode", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noHousehold = await village.PostAsJsonAsync("/api/v1/publicity", new { kind = "GoodPractice", title = "t", text = "x", consentOn = "2020-04-01" });
        Assert.Contains("无需填写同意日期", await noHousehold.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var photo = await town.GetAsync($"/api/v1/publicity/{id}/photos/1");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.True(await With(db => db.AuditEntries.AnyAsync(a => a.Action == "查看宣传照片" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Approve_and_return_racing_on_one_version_save_one_decision_only()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Write(village, "竞争审核的材料");
        await Json(await Move(village, id, "submit"));
        var version = await Version(village, id);
        var a = await app.SignIn("qucanlian");
        var b = await app.SignIn("qucanlian");
        var results = await Task.WhenAll(Move(a, id, "approve", version: version), Move(b, id, "return", "请补充照片", version));
        Assert.Single(results, r => r.IsSuccessStatusCode);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        var state = await With(db => db.PublicityItems.Where(p => p.Id == id).Select(p => new { p.State, p.Version }).FirstAsync());
        Assert.Equal(version + 1, state.Version);
        Assert.True(state.State is PublicityState.Approved or PublicityState.Returned);
    }
}

public sealed class PublicityTests_Sqlite(SqliteApp app) : PublicityTests(app), IClassFixture<SqliteApp>;

public sealed class PublicityTests_Postgres(PostgresApp app) : PublicityTests(app), IClassFixture<PostgresApp>;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>附件4 一户一表: the towns' missing pieces against the pairing deadline, the workbook's sheets and figures, masking, the printable sheet.</summary>
public abstract class Attachment4Tests(TestApp app)
{
    private const string Guzhou = DemoData.GuzhouVillage;

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Luoman's row (all zero while the town has no filed household yet).</summary>
    private static async Task<JsonElement> Luoman(HttpClient client) =>
        (await Json(await client.GetAsync("/api/v1/pairing/attachment4"))).GetProperty("towns").EnumerateArray()
            .SingleOrDefault(t => t.GetProperty("townCode").GetString() == DemoData.Luoman);

    private static int N(JsonElement town, string field) => town.ValueKind == JsonValueKind.Undefined ? 0 : town.GetProperty(field).GetInt32();

    /// <summary>A paired household with everything its form needs: a signed agreement, a support log with money, an outcome.</summary>
    private async Task<(Guid Household, Guid Helper)> CompleteAsync(string helperName)
    {
        var helper = await Pairings.AddHelperAsync(app, Guzhou, helperName);
        var household = (await Pairings.PairedHouseholdsAsync(app, 1, helper, Guzhou, new DateOnly(2020, 4, 5)))[0];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        await FollowUps.SignAsync(app, await db.Pairings.Where(p => p.HouseholdId == household).Select(p => p.Id).SingleAsync(), new DateOnly(2020, 4, 5));
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 1), "送去沃柑苗200株", SupportKind.Project, 50000, "化肥2袋");
        await FollowUps.LogAsync(app, household, helper, new DateOnly(2020, 4, 5), "=HYPERLINK(\"x\")", SupportKind.Funds, 12345);
        var o = new HouseholdOutcome(household);
        o.Set("沃柑嫁接", "生猪防疫", ProjectProgress.ProducingIncome, null, 280000, 420000, new DateOnly(2020, 4, 5),
            new Actor("seed", "测试", Role.TownCommittee, new AreaScope(AreaLevel.Town, DemoData.Luoman)), app.Clock.GetUtcNow());
        db.HouseholdOutcomes.Add(o);
        await db.SaveChangesAsync();
        return (household, helper);
    }

    [Fact]
    public async Task Each_town_counts_its_missing_pieces_against_the_pairing_deadline()
    {
        var town = await app.SignIn("luoman.dangwei");
        var before = await Luoman(town);
        await CompleteAsync("韦完整");
        var unsignedHelper = await Pairings.AddHelperAsync(app, Guzhou);
        await Pairings.PairedHouseholdsAsync(app, 1, unsignedHelper, Guzhou);
        await FiledHouseholds.AddAsync(app, 1, Guzhou);
        var after = await Luoman(town);
        Assert.Equal(3, N(after, "households") - N(before, "households"));
        Assert.Equal(2, N(after, "paired") - N(before, "paired"));
        Assert.Equal(1, N(after, "noHelper") - N(before, "noHelper"));
        Assert.Equal(1, N(after, "noAgreement") - N(before, "noAgreement"));
        Assert.Equal(2, N(after, "noSupportLog") - N(before, "noSupportLog"));
        Assert.Equal(2, N(after, "noOutcome") - N(before, "noOutcome"));
        Assert.Equal(2, N(after, "incomplete") - N(before, "incomplete"));
        Assert.Equal("还剩52天", after.GetProperty("standing").GetString());

        Assert.Contains("一户一表", await town.GetStringAsync("/Pairing/Attachment4"), StringComparison.Ordinal);
        // The clock only moves forward; the other tests of this class date their records explicitly.
        app.Clock.SetUtcNow(new DateTimeOffset(2020, 5, 30, 2, 0, 0, TimeSpan.Zero));
        var late = await Luoman(await app.SignIn("qucanlian"));
        Assert.Equal("已逾期3天", late.GetProperty("standing").GetString());
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("luoman.cun")).GetAsync("/api/v1/pairing/attachment4")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("bangfuren")).GetAsync("/api/v1/pairing/attachment4")).StatusCode);
        var liushan = await Json(await (await app.SignIn("liushan.dangwei")).GetAsync("/api/v1/pairing/attachment4"));
        Assert.DoesNotContain(liushan.GetProperty("towns").EnumerateArray(), t => t.GetProperty("townCode").GetString() == DemoData.Luoman);
    }

    [Fact]
    public async Task The_workbook_has_one_sheet_per_household_with_its_figures_and_masks_ids_for_offices_without_full_data()
    {
        int exportsBefore;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            exportsBefore = await scope.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.CountAsync(a => a.Entity == "附件4" && a.EntityId == DemoData.Luoman);
        }
        var (household, _) = await CompleteAsync("覃附件");
        string idNumber, head;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var h = await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.FirstAsync(x => x.Id == household);
            (idNumber, head) = (h.HeadIdNumber, h.HeadName);
        }
        var town = await app.SignIn("luoman.dangwei");
        var expected = N(await Luoman(town), "households");
        var response = await town.GetAsync($"/api/v1/towns/{DemoData.Luoman}/attachment4.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheets = Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, sheets.Count);
        Assert.Equal(sheets.Count, sheets.Select(s => s.Name).Distinct().Count());
        Assert.All(sheets, s => Assert.True(s.Name.Length <= 31 && s.Name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, s.Name));
        var mine = sheets.Single(s => s.Cells.Contains(idNumber));
        Assert.StartsWith(head, mine.Name, StringComparison.Ordinal);
        Assert.Equal("柳南区洛满镇2020年开展“党员扶残温暖同行”工程一户一表", mine.Cells[0]);
        Assert.Contains("覃附件", mine.Cells);
        Assert.Contains(mine.Cells, c => c.StartsWith("已签订", StringComparison.Ordinal));
        Assert.Contains("送去沃柑苗200株", mine.Cells);
        Assert.Contains("'=HYPERLINK(\"x\")", mine.Cells);
        Assert.Contains("2次", mine.Cells);
        Assert.Contains("623.45", mine.Cells);
        Assert.Contains("沃柑嫁接、生猪防疫", mine.Cells);
        Assert.Contains("已见效益", mine.Cells);
        Assert.Contains("4200", mine.Cells);
        Assert.Contains(mine.Cells, c => c.StartsWith("村党组织意见", StringComparison.Ordinal));
        Assert.Contains(mine.Cells, c => c.StartsWith("镇党委意见", StringComparison.Ordinal));

        var organisation = await app.SignIn("quzuzhibu");
        var masked = Read(await (await organisation.GetAsync($"/api/v1/towns/{DemoData.Luoman}/attachment4.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(masked, s => s.Cells.Contains(idNumber));
        Assert.Contains(masked, s => s.Cells.Contains(ResidentId.Mask(idNumber)) && s.Cells.Contains("覃附件"));
        // Nor the age (it gives the birth year back) or the disability's kind and grade.
        var maskedSheet = masked.Single(s => s.Cells.Contains(ResidentId.Mask(idNumber)) && s.Cells.Contains("覃附件"));
        Assert.DoesNotContain(maskedSheet.Cells, c => c.EndsWith('岁'));
        Assert.Contains(maskedSheet.Cells, c => c.Contains("已登记残疾", StringComparison.Ordinal));
        Assert.Contains(mine.Cells, c => c.EndsWith('岁'));

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/api/v1/towns/{DemoData.Luoman}/attachment4.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("luoman.cun")).GetAsync($"/api/v1/towns/{DemoData.Luoman}/attachment4.xlsx")).StatusCode);
        await using var check = app.Services.CreateAsyncScope();
        Assert.Equal(exportsBefore + 2, await check.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.CountAsync(a => a.Entity == "附件4" && a.EntityId == DemoData.Luoman));
    }

    [Fact]
    public async Task The_printable_sheet_shows_the_same_form_and_is_audited()
    {
        var (household, _) = await CompleteAsync("黄打印");
        var page = await (await app.SignIn("luoman.canlian")).GetStringAsync($"/Pairing/Sheet/{household}");
        Assert.Contains("工程一户一表", page, StringComparison.Ordinal);
        Assert.Contains("黄打印", page, StringComparison.Ordinal);
        Assert.Contains("送去沃柑苗200株", page, StringComparison.Ordinal);
        Assert.Contains("623.45", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("liushan.dangwei")).GetAsync($"/Pairing/Sheet/{household}")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<TongxingDb>().AuditEntries.AnyAsync(a => a.Entity == "附件4" && a.EntityId == household.ToString()));
    }

    [Fact]
    public async Task Two_hundred_households_stream_into_one_workbook_in_reasonable_time()
    {
        var helper = await Pairings.AddHelperAsync(app, Guzhou);
        var households = await FiledHouseholds.AddAsync(app, 200, Guzhou);
        foreach (var h in households.Take(20))
        {
            await FollowUps.LogAsync(app, h, helper, new DateOnly(2020, 4, 5));
        }
        var town = await app.SignIn("luoman.dangwei");
        var expected = N(await Luoman(town), "households");
        GC.Collect();
        var memory = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        var response = await town.GetAsync($"/api/v1/towns/{DemoData.Luoman}/attachment4.xlsx");
        watch.Stop();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, Read(bytes).Count);
        Assert.True(expected >= 200);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{expected} households took {watch.Elapsed}");
        Console.WriteLine($"附件4: {expected} households, {bytes.Length / 1024} KB, {watch.ElapsedMilliseconds} ms, {(GC.GetTotalAllocatedBytes() - memory) / 1024 / 1024} MB allocated");
    }

    private sealed record SheetText(string Name, List<string> Cells);

    private static List<SheetText> Read(byte[] xlsx)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var book = doc.WorkbookPart!;
        return book.Workbook.Sheets!.Elements<Sheet>().Select(s =>
        {
            var part = (WorksheetPart)book.GetPartById(s.Id!);
            Assert.Equal(OrientationValues.Portrait, part.Worksheet.Descendants<PageSetup>().Single().Orientation!.Value);
            return new SheetText(s.Name!.Value!, part.Worksheet.Descendants<Cell>().Select(c => c.CellValue?.Text ?? c.InnerText).Where(t => t.Length > 0).ToList());
        }).ToList();
    }
}

public sealed class Attachment4Tests_Sqlite(SqliteApp app) : Attachment4Tests(app), IClassFixture<SqliteApp>;

public sealed class Attachment4Tests_Postgres(PostgresApp app) : Attachment4Tests(app), IClassFixture<PostgresApp>;

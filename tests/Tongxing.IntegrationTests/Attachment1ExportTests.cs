using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>附件1 as the district reads it: what the town submitted (or what the list shows), where each household stands, income as numbers.</summary>
public abstract class Attachment1ExportTests(TestApp app)
{
    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private static async Task<byte[]> Download(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Attachment1Workbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static IReadOnlyList<SheetRow> Rows(byte[] content)
    {
        var sheet = Attachment1Reader.Read(content, 100_000);
        Assert.Null(sheet.Error);
        return sheet.Rows;
    }

    [Fact]
    public async Task Export_holds_exactly_what_the_town_submitted_with_screening_status_and_reserve_columns()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var regular = Api.Eligible(name: "韦报送");
        var reserve = Api.Eligible(name: "韦备选");
        var kept = Api.Eligible(name: "韦未报");
        var regularId = await Api.Register(village, regular);
        var reserveId = await Api.Register(village, reserve);
        await Api.Register(village, kept);
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [regularId], [reserveId])).StatusCode);

        var rows = Rows(await Download(town, "/api/v1/survey/attachment1"));

        var submitted = await Db(db => db.Households.Where(h => h.TownCode == DemoData.Luoman && h.SubmissionId != null && h.Status != HouseholdStatus.Withdrawn)
            .Select(h => h.HeadIdNumber).ToListAsync());
        Assert.Equal(submitted.Order(StringComparer.Ordinal), rows.Select(r => r["身份证号码"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rows, r => r["身份证号码"] == kept.Members[0].IdNumber);
        var byId = rows.ToDictionary(r => r["身份证号码"]!);
        string Id(HouseholdInput h) => h.Members[0].IdNumber!;
        var screening = await Db(db => db.Households.Where(h => h.Id == regularId).Select(h => h.Screening).SingleAsync());
        Assert.Equal(Labels.Of(screening!.Value), byId[Id(regular)]["筛查结果"]);
        Assert.Equal("镇已报送待审核", byId[Id(regular)]["当前状态"]);
        Assert.True(string.IsNullOrEmpty(byId[Id(regular)]["备选"]));
        Assert.Equal("是", byId[Id(reserve)]["备选"]);
        Assert.Equal("4200.5", byId[Id(reserve)]["人均年纯收入（元）"]);

        // The district exports the same town by its code and gets the same rows.
        var district = await app.SignIn("qucanlian");
        Assert.Equal(rows.Count, Rows(await Download(district, $"/api/v1/survey/attachment1?town={DemoData.Luoman}")).Count);
    }

    [Fact]
    public async Task Income_is_a_number_cell_with_two_decimals_and_a_total_row_counts_households_people_and_averages_income()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var input = Api.Eligible(name: "覃收入");
        input.PerCapitaIncome = "4321.09";
        await Api.Register(village, input);

        var content = await Download(town, "/api/v1/survey/attachment1?filtered=true&q=覃收入");

        using var doc = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var part = doc.WorkbookPart!;
        var strings = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formats = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var numberFormats = part.WorkbookStylesPart.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cells = part.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        string Text(string reference) => cells[reference].DataType?.Value == CellValues.SharedString
            ? strings[int.Parse(cells[reference].CellValue!.Text, CultureInfo.InvariantCulture)]
            : cells[reference].CellValue?.Text ?? cells[reference].InnerText;

        // Row 4 is the household; column L is 人均年纯收入（元）: a number, not text, shown as #,##0.00 (4,321.09).
        Assert.Equal("人均年纯收入（元）", Text("L3"));
        Assert.Equal(input.Members[0].IdNumber, Text("F4"));
        var income = cells["L4"];
        Assert.True(income.DataType is null || income.DataType.Value == CellValues.Number, $"income cell type {income.DataType?.Value}");
        Assert.Equal(4321.09m, decimal.Parse(income.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Equal(4u, formats[(int)income.StyleIndex!.Value].NumberFormatId!.Value);

        // Row 5 totals the rows above with formulas Excel recalculates: households, people, average income.
        Assert.Equal(FormTemplate.TotalLabelText, Text("A5"));
        Assert.Equal("COUNT(A4:A4)", cells["D5"].CellFormula!.Text);
        Assert.Equal("SUM(K4:K4)", cells["K5"].CellFormula!.Text);
        Assert.Contains("AVERAGE(L4:L4)", cells["L5"].CellFormula!.Text, StringComparison.Ordinal);
        Assert.Equal("0\"户\"", numberFormats[formats[(int)cells["D5"].StyleIndex!.Value].NumberFormatId!.Value]);
        // The signature line follows the total.
        Assert.StartsWith("填表人", Text("A6"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_from_the_list_holds_what_its_filters_show()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        await Api.Register(village, Api.Eligible(name: "黄筛选"));

        var rows = Rows(await Download(town, "/api/v1/survey/attachment1?filtered=true&status=Proposed"));

        var proposed = await Db(db => db.Households.Where(h => h.TownCode == DemoData.Luoman && h.Status == HouseholdStatus.Proposed)
            .Select(h => h.HeadIdNumber).ToListAsync());
        Assert.Equal(proposed.Order(StringComparer.Ordinal), rows.Select(r => r["身份证号码"]!).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal("村已提名", r["当前状态"]));

        // The list page offers the same export for what it shows, once it is one town's.
        var html = await town.GetStringAsync("/Households?Status=Proposed");
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]*)\" id=\"export-filtered-attachment1\"").Groups[1].Value;
        Assert.Contains("filtered=true", link, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(rows.Count, Rows(await Download(town, WebUtility.HtmlDecode(link))).Count);
    }

    [Fact]
    public async Task A_refused_search_is_left_out_of_the_list_its_export_link_and_the_exports_heading()
    {
        var town = await app.SignIn("luoman.dangwei");
        var html = await town.GetStringAsync("/Households?Q=313");
        Assert.Contains("按身份证号查询请输入完整号码或后4位以上数字", html, StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "href=\"([^\"]*)\" id=\"export-filtered-attachment1\"").Groups[1].Value);
        Assert.Contains("filtered=true", link, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("313", link, StringComparison.Ordinal);
        // Asked for directly, the export does not claim a search it did not make.
        var all = Rows(await Download(town, "/api/v1/survey/attachment1?filtered=true")).Count;
        var content = await Download(town, "/api/v1/survey/attachment1?filtered=true&q=313");
        Assert.Equal(all, Rows(content).Count);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content));
        var text = string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("全镇名单", text, StringComparison.Ordinal);
        Assert.DoesNotContain("查询“313”", text, StringComparison.Ordinal);
    }
}

public sealed class Attachment1ExportTests_Sqlite(SqliteApp app) : Attachment1ExportTests(app), IClassFixture<SqliteApp>;

public sealed class Attachment1ExportTests_Postgres(PostgresApp app) : Attachment1ExportTests(app), IClassFixture<PostgresApp>;

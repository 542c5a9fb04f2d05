using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

public abstract class Attachment1Tests(TestApp app)
{
    internal static Attachment1Row Row(int n, string name, string id, string village = "洛满村委会", string gender = "女", string income = "3200.50") =>
        new(n, village, "上屯", name, gender, id, ResidentId.Parse(id).Ok ? ResidentId.Parse(id).Value!.Value + "42" : null, "肢体残疾", "二级",
            "劳动能力较强", 3, income, "建档立卡贫困户", "养殖", "养殖土鸡200羽", "是", "是", "韦帮扶", "13877001234", null);

    internal static async Task<byte[]> Workbook(params Attachment1Row[] rows)
    {
        using var stream = new MemoryStream();
        await Attachment1Workbook.WriteAsync(stream, "测试", rows, CancellationToken.None);
        return stream.ToArray();
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] content, bool dryRun, string name = "附件1.xlsx", bool wait = true)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", name);
        return await client.PostAsync($"/api/v1/survey/imports?dryRun={dryRun.ToString().ToLowerInvariant()}&wait={wait.ToString().ToLowerInvariant()}", form);
    }

    private async Task<int> Count()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Households.CountAsync();
    }

    [Fact]
    public async Task Town_exports_its_attachment1_with_title_heading_and_one_row_per_household()
    {
        var town = await app.SignIn("luoman.dangwei");
        var submitted = await Api.Register(await app.SignIn("luoman.cun"), Api.Eligible(name: "韦导出"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [submitted])).StatusCode);
        var response = await town.GetAsync("/api/v1/survey/attachment1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Attachment1Workbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("洛满镇", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        var sheet = Attachment1Reader.Read(await response.Content.ReadAsByteArrayAsync(), 1000);
        Assert.Null(sheet.Error);
        var board = (await town.GetFromJsonAsync<JsonElement>("/api/v1/survey")).GetProperty("towns")[0];
        Assert.Equal(board.GetProperty("submitted").GetInt32() + board.GetProperty("reserves").GetInt32(), sheet.Rows.Count);
        Assert.All(sheet.Rows, r => Assert.Equal(18, r["身份证号码"]!.Length));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignIn("luoman.cun")).GetAsync("/api/v1/survey/attachment1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignIn("qucanlian")).GetAsync("/api/v1/survey/attachment1?town=450204999000")).StatusCode);
    }

    [Fact]
    public async Task Rejected_rows_are_listed_by_row_and_column_and_nothing_is_imported()
    {
        var village = await app.SignIn("luoman.cun");
        var good = Households.NewId(Gender.Female);
        var bad = Households.NewId(Gender.Female);
        var content = await Workbook(
            Row(1, "韦好行", good),
            Row(2, "韦错号", bad[..17] + (bad[17] == '1' ? '2' : '1')),
            Row(3, "韦外村", Households.NewId(Gender.Female), village: "古洲村委会"),
            Row(4, "韦性别", Households.NewId(Gender.Female), gender: "未知"),
            Row(5, "韦收入", Households.NewId(Gender.Female), income: "三千"));
        var before = await Count();

        var response = await Upload(village, content, dryRun: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("new").GetInt32());
        Assert.Equal(4, report.GetProperty("rejected").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("rowNumber").GetInt32());
        // Title, heading and header take rows 1–3: the first household is on row 4.
        Assert.Equal("New", rows[4].GetProperty("status").GetString());
        Assert.Equal("身份证号码", rows[5].GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Contains("校验位", rows[5].GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("村（社区）", rows[6].GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Equal("性别", rows[7].GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Equal("人均年纯收入（元）", rows[8].GetProperty("errors")[0].GetProperty("column").GetString());
        Assert.Equal(before, await Count());
    }

    [Fact]
    public async Task Dry_run_saves_nothing_then_import_adds_all_and_reimport_adds_none()
    {
        var town = await app.SignIn("luoman.dangwei");
        var content = await Workbook(Row(1, "蓝导一", Households.NewId(Gender.Female)), Row(2, "蓝导二", Households.NewId(Gender.Female), village: "古洲村委会"));
        var before = await Count();

        var dry = await Upload(town, content, dryRun: true);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal(2, (await dry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("new").GetInt32());
        Assert.Equal(before, await Count());

        var real = await Upload(town, content, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.True((await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imported").GetBoolean());
        Assert.Equal(before + 2, await Count());

        var again = await Upload(town, content, dryRun: false);
        var report = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, report.GetProperty("new").GetInt32());
        Assert.Equal(2, report.GetProperty("alreadyRegistered").GetInt32());
        Assert.Equal(before + 2, await Count());

        var list = await town.GetFromJsonAsync<JsonElement>("/api/v1/households?q=蓝导二");
        Assert.Equal("古洲村委会", list.GetProperty("items")[0].GetProperty("villageName").GetString());
    }

    [Fact]
    public async Task Page_dry_run_then_confirm_imports_the_kept_file()
    {
        var village = await app.SignIn("luoman.cun");
        var content = await Workbook(Row(1, "梁页面", Households.NewId(Gender.Female)));
        var html = await village.GetStringAsync("/Survey/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestApp.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", "附件1.xlsx" },
        };
        // Each post is answered with the job's own address (post, redirect, get).
        var check = await village.PostAsync("/Survey/Import?handler=Check", form);
        Assert.Equal(HttpStatusCode.Redirect, check.StatusCode);
        Assert.StartsWith("/Survey/Import?job=", check.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var checkedPage = await village.GetStringAsync(check.Headers.Location);
        Assert.Contains("确认导入 1 户", checkedPage, StringComparison.Ordinal);
        var before = await Count();
        var upload = System.Text.RegularExpressions.Regex.Match(checkedPage, "name=\"UploadId\" value=\"([^\"]+)\"").Groups[1].Value;
        var commit = await village.PostAsync("/Survey/Import?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(checkedPage),
            ["UploadId"] = upload,
        }));
        Assert.Equal(HttpStatusCode.Redirect, commit.StatusCode);
        Assert.Contains("导入完成", await village.GetStringAsync(commit.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(before + 1, await Count());
        var other = await app.SignIn("guzhou.cun");
        var stolen = await other.PostAsync("/Survey/Import?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(await other.GetStringAsync("/Survey/Import")),
            ["UploadId"] = upload,
        }));
        Assert.Contains("导入文件已失效", await stolen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", "不是 Excel 工作簿")]
    [InlineData("ole", "设置了密码")]
    [InlineData("empty", "空的")]
    [InlineData("zip", "不是有效的 Excel")]
    [InlineData("norows", "没有数据行")]
    public async Task Files_that_are_not_a_usable_xlsx_get_a_clear_message(string kind, string expected)
    {
        var content = kind switch
        {
            "text" => "序号,姓名\n1,张三"u8.ToArray(),
            "ole" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0],
            "empty" => [],
            "zip" => ZipWithout(),
            _ => await Workbook(),
        };
        var village = await app.SignIn("luoman.cun");
        var response = await Upload(village, content, dryRun: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_refused()
    {
        var village = await app.SignIn("luoman.cun");
        var response = await Upload(village, new byte[17 * 1024 * 1024], dryRun: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_register_gives_the_same_data()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Api.Eligible(name: "覃往返");
        input.Members.RemoveAt(1);
        input.Size = 4;
        input.PerCapitaIncome = "4321.09";
        input.HelperToBe = "陆师傅";
        input.Remarks = "=SUM(A1)测试";
        await Api.Register(village, input);
        var town = await app.SignIn("luoman.dangwei");
        // The household alone: the town's other households include some whose disabled person is not the head, which
        // 附件1 (the head's row) cannot register afresh (A_household_whose_disabled_person_is_not_the_head…).
        var exported = await (await town.GetAsync("/api/v1/survey/attachment1?filtered=true&q=覃往返")).Content.ReadAsByteArrayAsync();
        var original = await Api.Household(town, (await town.GetFromJsonAsync<JsonElement>("/api/v1/households?q=覃往返")).GetProperty("items")[0].GetProperty("id").GetGuid());

        await using var fresh = app.Provider == Provider.Sqlite ? new SqliteApp() : (TestApp)new PostgresApp();
        await using (var scope = fresh.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            await db.Households.ExecuteDeleteAsync();
        }
        var freshTown = await fresh.SignIn("luoman.dangwei");
        var response = await Upload(freshTown, exported, dryRun: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var copyId = (await freshTown.GetFromJsonAsync<JsonElement>("/api/v1/households?q=覃往返")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var copy = await Api.Household(freshTown, copyId);
        foreach (var field in new[] { "headName", "townName", "villageName", "group", "size", "perCapitaIncome", "poverty", "projectType", "projectDescription", "willToWork", "projectFeasible", "helperToBe", "remarks" })
        {
            Assert.Equal(original.GetProperty(field).ToString(), copy.GetProperty(field).ToString());
        }
        Assert.Equal(original.GetProperty("members")[0].ToString(), copy.GetProperty("members")[0].ToString());
    }

    private static byte[] ZipWithout()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var w = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            w.Write("not a workbook");
        }
        return stream.ToArray();
    }
}

public sealed class Attachment1Tests_Sqlite(SqliteApp app) : Attachment1Tests(app), IClassFixture<SqliteApp>;

public sealed class Attachment1Tests_Postgres(PostgresApp app) : Attachment1Tests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>A re-imported 附件1 row that differs from the register: shown field by field, applied where the village may still correct, refused with the reason elsewhere.</summary>
public abstract class Attachment1ReimportTests(TestApp app)
{
    private async Task<T> Db<T>(Func<TongxingDb, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private Task<Household> Load(Guid id) => Db(db => db.Households.AsNoTracking().Include(h => h.Members).Include(h => h.History).SingleAsync(h => h.Id == id));

    /// <summary>The household's 附件1 row exactly as the export writes it.</summary>
    private async Task<Attachment1Row> RowOf(Guid id, int number) => Attachment1.RowOf(number, await Load(id), "洛满村委会");

    private static async Task<JsonElement> Report(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("report", out var report) ? report : body;
    }

    private static JsonElement RowAt(JsonElement report, int rowNumber) =>
        report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("rowNumber").GetInt32() == rowNumber);

    private static Dictionary<string, (string? Old, string? New)> Changes(JsonElement row) =>
        row.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!,
            c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString()));

    [Fact]
    public async Task A_changed_row_of_an_editable_household_is_shown_old_to_new_in_the_dry_run_and_updated_on_confirm()
    {
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible(name: "韦改收入"));
        var before = await Load(id);
        var row = await RowOf(id, 1) with { Income = "3100.00", Size = 3, Will = "否", Phone = "13977001111" };
        var content = await Attachment1Tests.Workbook(row);

        var dry = await Attachment1Tests.Upload(village, content, dryRun: true);

        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var report = await Report(dry);
        Assert.Equal(1, report.GetProperty("changed").GetInt32());
        Assert.Equal(0, report.GetProperty("new").GetInt32());
        Assert.Equal(0, report.GetProperty("alreadyRegistered").GetInt32());
        var result = RowAt(report, 4);
        Assert.Equal("Changed", result.GetProperty("status").GetString());
        var changes = Changes(result);
        Assert.Equal(("4,200.50", "3,100.00"), changes["人均年纯收入（元）"]);
        Assert.Equal(("2", "3"), changes["家庭人口"]);
        Assert.Equal(("是", "否"), changes["有无致富愿望"]);
        Assert.Equal(("13877001234", "13977001111"), changes["联系电话"]);
        Assert.Equal(4, changes.Count);
        // The dry run changed nothing.
        var afterDryRun = await Load(id);
        Assert.Equal(before.Version, afterDryRun.Version);
        Assert.Equal(before.PerCapitaIncome, afterDryRun.PerCapitaIncome);

        var confirm = await village.PostAsync($"/api/v1/survey/imports/{report.GetProperty("uploadId").GetGuid()}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.True((await Report(confirm)).GetProperty("imported").GetBoolean());
        var after = await Load(id);
        Assert.Equal(Money.FromYuan(3100), after.PerCapitaIncome);
        Assert.Equal(3, after.Size);
        Assert.False(after.WillToWork);
        Assert.Equal("13977001111", after.Members.Single(m => m.Relation == Relation.Head).Phone);
        // What 附件1 does not carry stays: the spouse is still a member.
        Assert.Equal(before.Members.Select(m => m.IdNumber).Order(StringComparer.Ordinal), after.Members.Select(m => m.IdNumber).Order(StringComparer.Ordinal));
        // Screened again (no will to work: not eligible), with the change and the new outcome in its history and the audit log.
        Assert.Equal(ScreeningOutcome.NotEligible, after.Screening);
        Assert.Contains(after.History, e => e.Comment!.StartsWith("导入附件1", StringComparison.Ordinal) && e.Comment.Contains("家庭人口：2 → 3", StringComparison.Ordinal));
        Assert.Contains(after.History, e => e.Comment!.Contains($"{Labels.Of(before.Screening!.Value)} → 不符合条件", StringComparison.Ordinal));
        var audited = await Db(db => db.AuditEntries.Where(a => a.Subject == id.ToString() && a.Action == "修改" && a.Entity == "Household").Select(a => a.Details).ToListAsync());
        Assert.Contains(audited, d => d!.Contains("PerCapitaIncome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_changed_row_of_a_submitted_household_is_reported_with_the_reason_and_left_untouched()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var submitted = await Api.Register(village, Api.Eligible(name: "韦已报送"));
        Assert.Equal(HttpStatusCode.OK, (await Api.Submit(town, [submitted])).StatusCode);
        var before = await Load(submitted);
        var changed = await RowOf(submitted, 1) with { Project = "养殖土鸡500羽" };
        var content = await Attachment1Tests.Workbook(changed, Attachment1Tests.Row(2, "韦新增", Households.NewId(Gender.Female)));

        var dry = await Attachment1Tests.Upload(village, content, dryRun: true);

        var report = await Report(dry);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        Assert.Equal(1, report.GetProperty("unchangeable").GetInt32());
        Assert.Equal(1, report.GetProperty("new").GetInt32());
        var result = RowAt(report, 4);
        Assert.Equal("Unchangeable", result.GetProperty("status").GetString());
        Assert.Contains("已报送的对象不能修改", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(("养殖土鸡200羽", "养殖土鸡500羽"), Changes(result)["扶持项目"]);

        // The page says which household could not be changed and why, with the change it would have made.
        var html = await village.GetStringAsync($"/Survey/Import?job={report.GetProperty("uploadId").GetGuid()}");
        Assert.Contains("有变化，不能修改", html, StringComparison.Ordinal);
        Assert.Contains("已报送的对象不能修改", html, StringComparison.Ordinal);
        Assert.Contains("养殖土鸡500羽", html, StringComparison.Ordinal);

        var confirm = await village.PostAsync($"/api/v1/survey/imports/{report.GetProperty("uploadId").GetGuid()}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var imported = await Report(confirm);
        Assert.True(imported.GetProperty("imported").GetBoolean());
        Assert.Equal(1, imported.GetProperty("unchangeable").GetInt32());
        var after = await Load(submitted);
        Assert.Equal("养殖土鸡200羽", after.ProjectDescription);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(HouseholdStatus.SubmittedByTown, after.Status);
    }

    [Fact]
    public async Task A_town_importing_a_changed_row_is_told_only_the_village_corrects_households()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var id = await Api.Register(village, Api.Eligible(name: "韦镇导入"));
        var before = await Load(id);
        var content = await Attachment1Tests.Workbook(await RowOf(id, 1) with { Group = "上屯" });

        var report = await Report(await Attachment1Tests.Upload(town, content, dryRun: true));

        var result = RowAt(report, 4);
        Assert.Equal("Unchangeable", result.GetProperty("status").GetString());
        Assert.Contains("只有村（社区）党组织可以修改", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(report.GetProperty("canImport").GetBoolean());
        Assert.Equal(before.Version, (await Load(id)).Version);
    }

    [Fact]
    public async Task Re_importing_the_towns_own_export_changes_nothing_and_skips_every_row()
    {
        var village = await app.SignIn("luoman.cun");
        var town = await app.SignIn("luoman.dangwei");
        var id = await Api.Register(village, Api.Eligible(name: "韦原样"));
        var before = await Load(id);
        var exported = await (await town.GetAsync("/api/v1/survey/attachment1?filtered=true")).Content.ReadAsByteArrayAsync();
        var rows = Attachment1Reader.Read(exported, 100_000).Rows.Count;

        var response = await Attachment1Tests.Upload(town, exported, dryRun: false);

        var report = await Report(response);
        Assert.Equal(rows, report.GetProperty("alreadyRegistered").GetInt32());
        Assert.Equal(0, report.GetProperty("changed").GetInt32());
        Assert.Equal(0, report.GetProperty("unchangeable").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.Contains(report.GetProperty("rows").EnumerateArray(), r => r.GetProperty("name").GetString() == "韦原样" && r.GetProperty("status").GetString() == "AlreadyRegistered");
        Assert.Equal(before.Version, (await Load(id)).Version);
    }

    [Fact]
    public async Task A_household_whose_disabled_person_is_not_the_head_shows_that_persons_certificate_named_and_reads_back_unchanged()
    {
        var village = await app.SignIn("luoman.cun");
        var input = Api.Eligible(name: "韦配偶证");
        var spouse = input.Members[1];
        (input.Members[0].CertificateNumber, spouse.CertificateNumber) = (null, ResidentId.Parse(spouse.IdNumber!).Value!.Value + "21");
        var id = await Api.Register(village, input);
        var before = await Load(id);

        var row = await RowOf(id, 1);
        Assert.Equal($"{spouse.CertificateNumber}（测试配偶，配偶）", row.Certificate);
        Assert.Equal("听力残疾", row.Category);
        Assert.Equal("一级", row.Grade);

        // Read back as the register has it: the head holds no certificate, the spouse keeps hers.
        var again = await Report(await Attachment1Tests.Upload(village, await Attachment1Tests.Workbook(row), dryRun: false));
        Assert.Equal("AlreadyRegistered", RowAt(again, 4).GetProperty("status").GetString());
        Assert.Equal(before.Version, (await Load(id)).Version);

        // A new household written that way cannot be registered from 附件1, which carries the head alone: said at the cell.
        var stranger = Api.Eligible(name: "韦新户");
        var newRow = row with { Name = "韦新户", IdNumber = stranger.Members[0].IdNumber! };
        var refused = await Report(await Attachment1Tests.Upload(village, await Attachment1Tests.Workbook(newRow), dryRun: true));
        var result = RowAt(refused, 4);
        Assert.Equal("Rejected", result.GetProperty("status").GetString());
        Assert.Contains("此证号属于户内其他成员（测试配偶，配偶）", result.GetRawText(), StringComparison.Ordinal);
    }
}

public sealed class Attachment1ReimportTests_Sqlite(SqliteApp app) : Attachment1ReimportTests(app), IClassFixture<SqliteApp>;

public sealed class Attachment1ReimportTests_Postgres(PostgresApp app) : Attachment1ReimportTests(app), IClassFixture<PostgresApp>;

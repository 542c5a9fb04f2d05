using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Data.Seed;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Areas;

namespace Tongxing.IntegrationTests;

/// <summary>What an administrator does to the tree: import with a dry run, all or nothing, by hand, retire; only inside the own area.</summary>
public abstract class AreaAdministrationTests(TestApp app)
{
    internal static async Task<string> CreateAdministrator(TestApp app, string areaCode, AreaLevel level)
    {
        var name = "admin." + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser
        {
            UserName = name,
            DisplayName = "系统管理员 测试",
            Role = Role.Administrator,
            AreaCode = areaCode,
            AreaLevel = level,
            LockoutEnabled = true,
        }, DemoData.DemoPassword);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        return name;
    }

    private async Task<HttpClient> Admin(string areaCode = DemoData.LiunanDistrict, AreaLevel level = AreaLevel.District) =>
        await app.SignIn(await CreateAdministrator(app, areaCode, level));

    internal static async Task<HttpResponseMessage> Import(HttpClient client, string csv, bool dryRun, string? fingerprint = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "areas.csv");
        return await client.PostAsync($"/api/v1/areas/import?dryRun={dryRun.ToString().ToLowerInvariant()}{(fingerprint is null ? "" : "&fingerprint=" + fingerprint)}", form);
    }

    private async Task<T> With<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private Task<List<Area>> Below(string code) => With(db => db.Areas.AsNoTracking().Where(a => a.ParentCode == code).OrderBy(a => a.Code).ToListAsync());

    private Task<Area?> Unit(string code) => With(db => db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == code));

    /// <summary>A town and its villages as the tree has them now, one line each, with changes applied by the caller.</summary>
    private async Task<string> TownFile(string town, Func<Area, string?> line, params string[] extra)
    {
        var csv = new StringBuilder("统计用区划代码,城乡分类代码,名称\n");
        var self = (await Unit(town))!;
        csv.Append(self.Code).Append(",,").Append(self.Name).Append('\n');
        foreach (var village in await Below(town))
        {
            if (line(village) is { } l)
            {
                csv.Append(l).Append('\n');
            }
        }
        foreach (var l in extra)
        {
            csv.Append(l).Append('\n');
        }
        return csv.ToString();
    }

    private static string Same(Area a) => $"{a.Code},220,{a.Name}";

    private static List<string> Codes(JsonElement report, string list) =>
        report.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task A_dry_run_lists_what_would_be_added_renamed_and_retired_and_changes_nothing()
    {
        var admin = await Admin();
        var before = await Below(DemoData.Luoman);
        var csv = await TownFile(DemoData.Luoman,
            v => v.Code == "450204101001" ? null : v.Code == "450204101204" ? "450204101204,220,顶建社区" : Same(v),
            "450204101298,220,新建村委会");

        var response = await Import(admin, csv, dryRun: true);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(report.GetProperty("applied").GetBoolean());
        Assert.Equal(["450204101298"], Codes(report, "added"));
        Assert.Equal(["450204101204"], Codes(report, "renamed"));
        Assert.Equal("顶建社区", report.GetProperty("renamed")[0].GetProperty("name").GetString());
        Assert.Equal(["450204101001"], Codes(report, "retired"));

        var after = await Below(DemoData.Luoman);
        Assert.Equal(before.Select(a => (a.Code, a.Name, a.RetiredAt)), after.Select(a => (a.Code, a.Name, a.RetiredAt)));
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_names_its_row()
    {
        var admin = await Admin();
        var csv = "统计用区划代码,名称\n450204102297,新村甲\n45020410229,坏行\n450204102296,新村乙\n";
        var response = await Import(admin, csv, dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("第3行（代码）：代码应为12位数字", body, StringComparison.Ordinal);
        Assert.Null(await Unit("450204102297"));
        Assert.Null(await Unit("450204102296"));
    }

    [Fact]
    public async Task Applying_adds_renames_and_retires_in_one_go_audited_and_only_what_the_dry_run_showed()
    {
        var admin = await Admin();
        var csv = await TownFile(DemoData.Liushan,
            v => v.Code == "450204102207" ? null : v.Code == "450204102203" ? "450204102203,220,大石社区" : Same(v),
            "450204102295,220,新联村委会");
        var dry = await (await Import(admin, csv, dryRun: true)).Content.ReadFromJsonAsync<JsonElement>();

        // A confirmation of another dry run (the tree changed since) applies nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await Import(admin, csv, dryRun: false, fingerprint: "0000000000000000")).StatusCode);
        Assert.Null(await Unit("450204102295"));

        var applied = await Import(admin, csv, dryRun: false, fingerprint: dry.GetProperty("fingerprint").GetString());
        Assert.True(applied.StatusCode == HttpStatusCode.OK, await applied.Content.ReadAsStringAsync());
        Assert.True((await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applied").GetBoolean());
        Assert.Equal("新联村委会", (await Unit("450204102295"))!.Name);
        Assert.Equal("大石社区", (await Unit("450204102203"))!.Name);
        Assert.NotNull((await Unit("450204102207"))!.RetiredAt);
        Assert.Null((await Unit("450204102206"))!.RetiredAt);

        var entries = await With(db => db.AuditEntries.Where(e => e.Entity == "Area").Select(e => new { e.Action, e.EntityId, e.UserName, e.Details }).ToListAsync());
        Assert.Contains(entries, e => e.Action == "导入区划" && e.UserName == "系统管理员 测试" && e.Details!.Contains("新增1个，更名1个，撤销1个", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == "新增" && e.EntityId == "450204102295");
        Assert.Contains(entries, e => e.Action == "修改" && e.EntityId == "450204102207" && e.Details!.Contains("RetiredAt", StringComparison.Ordinal));

        // The same file again changes nothing.
        var again = await (await Import(admin, csv, dryRun: true)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(Codes(again, "added"));
        Assert.Empty(Codes(again, "retired"));
    }

    [Fact]
    public async Task A_village_renamed_by_hand_shows_its_new_name_at_once_on_old_records_and_forms()
    {
        const string village = "450204101205";
        var branchUser = "luolu.cun." + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(new AppUser
            {
                UserName = branchUser,
                DisplayName = "露南村党支部 测试",
                Role = Role.VillageBranch,
                AreaCode = village,
                AreaLevel = AreaLevel.Village,
                LockoutEnabled = true,
            }, DemoData.DemoPassword);
            Assert.True(created.Succeeded);
        }
        var branch = await app.SignIn(branchUser);
        var household = await With(db => db.Households.Where(h => h.VillageCode == village).Select(h => h.Id).FirstAsync());
        Assert.Equal("露南村委会", (await Api.Household(branch, household)).GetProperty("villageName").GetString());
        Assert.Contains("露南村委会", await branch.GetStringAsync("/Households/Register"), StringComparison.Ordinal);

        var admin = await Admin();
        var renamed = await admin.PutAsJsonAsync($"/api/v1/areas/{village}/name", new { name = " 露南社区 " });
        Assert.True(renamed.StatusCode == HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());

        Assert.Equal("露南社区", (await Api.Household(branch, household)).GetProperty("villageName").GetString());
        Assert.Contains("露南社区", await branch.GetStringAsync("/Households/Register"), StringComparison.Ordinal);
        var empty = await admin.PutAsJsonAsync($"/api/v1/areas/{village}/name", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("名称不能为空", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_village_keeps_its_households_and_its_name_and_is_no_longer_offered()
    {
        var guzhou = await app.SignIn("guzhou.cun");
        var household = await With(db => db.Households.Where(h => h.VillageCode == DemoData.GuzhouVillage).Select(h => h.Id).FirstAsync());
        Assert.Contains($"value=\"{DemoData.GuzhouVillage}\"", await guzhou.GetStringAsync("/Households/Register"), StringComparison.Ordinal);

        var admin = await Admin();
        var retired = await admin.PostAsync($"/api/v1/areas/{DemoData.GuzhouVillage}/retirement", null);
        Assert.True(retired.StatusCode == HttpStatusCode.OK, await retired.Content.ReadAsStringAsync());
        Assert.True((await retired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retired").GetBoolean());

        var kept = await Unit(DemoData.GuzhouVillage);
        Assert.NotNull(kept!.RetiredAt);
        Assert.Equal("古洲村委会", (await Api.Household(guzhou, household)).GetProperty("villageName").GetString());
        Assert.DoesNotContain($"value=\"{DemoData.GuzhouVillage}\"", await guzhou.GetStringAsync("/Households/Register"), StringComparison.Ordinal);
        var refused = await guzhou.PostAsJsonAsync("/api/v1/households", Api.Eligible(DemoData.GuzhouVillage, "撤销村户"), Api.Json);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("该村（社区）已撤销，不能登记新的帮扶对象", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Restored, it is offered again.
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/areas/{DemoData.GuzhouVillage}/retirement")).StatusCode);
        await Api.Register(guzhou, Api.Eligible(DemoData.GuzhouVillage, "恢复村户"));
    }

    [Fact]
    public async Task A_village_is_added_by_hand_under_a_town_of_the_own_area_only()
    {
        var admin = await Admin();
        var added = await admin.PostAsJsonAsync("/api/v1/areas/villages", new { townCode = DemoData.Luoman, code = "450204101297", name = "新增村委会" });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        Assert.Equal(DemoData.Luoman, (await Unit("450204101297"))!.ParentCode);

        var twice = await admin.PostAsJsonAsync("/api/v1/areas/villages", new { townCode = DemoData.Luoman, code = "450204101297", name = "又一村" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("已是新增村委会的代码", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var elsewhere = await admin.PostAsJsonAsync("/api/v1/areas/villages", new { townCode = DemoData.Luoman, code = "450204102297", name = "错镇村" });
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);

        var townAdmin = await Admin(DemoData.Liushan, AreaLevel.Town);
        var outside = await townAdmin.PostAsJsonAsync("/api/v1/areas/villages", new { townCode = DemoData.Luoman, code = "450204101296", name = "越权村" });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Null(await Unit("450204101296"));
    }

    [Fact]
    public async Task An_administrator_changes_nothing_above_or_beside_the_own_area()
    {
        var townAdmin = await Admin(DemoData.Luoman, AreaLevel.Town);
        var beside = await Import(townAdmin, "统计用区划代码,名称\n450204102294,流山新村\n", dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, beside.StatusCode);
        Assert.Contains("不在您管理的区域内", await beside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await Unit("450204102294"));

        Assert.Equal(HttpStatusCode.NotFound, (await townAdmin.PutAsJsonAsync("/api/v1/areas/450204102201/name", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await townAdmin.PutAsJsonAsync($"/api/v1/areas/{DemoData.LiunanDistrict}/name", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await townAdmin.PostAsync("/api/v1/areas/450204102201/retirement", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await townAdmin.PostAsync($"/api/v1/areas/{DemoData.Luoman}/retirement", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await townAdmin.GetAsync($"/api/v1/areas?under={DemoData.LiunanDistrict}")).StatusCode);
        Assert.Null((await Unit(DemoData.Luoman))!.RetiredAt);
        Assert.Equal("流山村委会", (await Unit("450204102201"))!.Name);

        var tree = await townAdmin.GetFromJsonAsync<JsonElement>("/api/v1/areas");
        Assert.Equal(DemoData.Luoman, tree.GetProperty("current").GetProperty("area").GetProperty("code").GetString());
        Assert.True(tree.GetProperty("children").GetArrayLength() >= 13);
    }

    [Theory]
    [InlineData("qucanlian")]
    [InlineData("zizhiqu.canlian")]
    [InlineData("luoman.dangwei")]
    [InlineData("luoman.cun")]
    public async Task Offices_without_the_right_to_manage_areas_are_refused(string user)
    {
        var client = await app.SignIn(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/areas")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Import(client, "统计用区划代码,名称\n450204101293,某村\n", dryRun: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/areas/{DemoData.LuomanVillage}/name", new { name = "改名" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/areas/villages", new { townCode = DemoData.Luoman, code = "450204101293", name = "某村" })).StatusCode);
        foreach (var page in new[] { "/Admin/Areas", "/Admin/Areas/Import", $"/Admin/Areas/Edit?code={DemoData.Luoman}" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Denied", StringComparison.Ordinal), $"{page} → {response.StatusCode}");
        }
        Assert.Null(await Unit("450204101293"));
        Assert.DoesNotContain("/Admin/Areas", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_show_the_tree_with_counts_and_import_in_two_steps()
    {
        var admin = await Admin();
        var home = await admin.GetStringAsync("/");
        Assert.Contains("href=\"/Admin/Areas\"", home, StringComparison.Ordinal);
        var district = await admin.GetStringAsync("/Admin/Areas");
        Assert.Contains("洛满镇", district, StringComparison.Ordinal);
        Assert.Contains("流山镇", district, StringComparison.Ordinal);

        var page = await admin.GetStringAsync("/Admin/Areas/Import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(TestApp.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("统计用区划代码,名称\n450204101292,页面新村\n")), "Upload", "areas.csv" },
        };
        var checkedPage = await (await admin.PostAsync("/Admin/Areas/Import?handler=Check", form)).Content.ReadAsStringAsync();
        Assert.Contains("试导入结果（尚未写入）", checkedPage, StringComparison.Ordinal);
        Assert.Contains("页面新村", checkedPage, StringComparison.Ordinal);
        Assert.Null(await Unit("450204101292"));

        var carried = System.Text.RegularExpressions.Regex.Match(checkedPage, "name=\"Carried\" value=\"([^\"]+)\"").Groups[1].Value;
        var fingerprint = System.Text.RegularExpressions.Regex.Match(checkedPage, "name=\"Fingerprint\" value=\"([^\"]+)\"").Groups[1].Value;
        var applied = await admin.PostAsync("/Admin/Areas/Import?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(checkedPage),
            ["Carried"] = carried,
            ["Fingerprint"] = fingerprint,
        }));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        Assert.Equal("页面新村", (await Unit("450204101292"))!.Name);
        Assert.Contains("已导入区划：新增1个", await admin.GetStringAsync("/Admin/Areas"), StringComparison.Ordinal);
    }
}

public sealed class AreaAdministrationTests_Sqlite(SqliteApp app) : AreaAdministrationTests(app), IClassFixture<SqliteApp>;

public sealed class AreaAdministrationTests_Postgres(PostgresApp app) : AreaAdministrationTests(app), IClassFixture<PostgresApp>;

/// <summary>A fresh instance without demo data: no areas until the operator imports them from the command line.</summary>
public abstract class FirstAreasTests(TestApp app)
{
    [Fact]
    public async Task A_fresh_instance_has_no_areas_until_the_command_imports_them_and_its_pages_cope()
    {
        var admin = await app.SignIn(await AreaAdministrationTests.CreateAdministrator(app, DemoData.LiunanDistrict, AreaLevel.District));
        var empty = await admin.GetStringAsync("/Admin/Areas");
        Assert.Contains("尚未导入区划", empty, StringComparison.Ordinal);
        foreach (var page in new[] { "/", "/Admin/Areas/Import", "/Admin/Audit", "/Account/TwoFactor" })
        {
            var response = await admin.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} → {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/areas")).StatusCode);

        var file = Path.Combine(Path.GetTempPath(), $"areas-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, DemoData.AreasFile());
        try
        {
            var dry = new StringWriter();
            Assert.Equal(0, await ImportAreasCommand.RunAsync(app.Services, file, dryRun: true, dry, CancellationToken.None));
            Assert.Contains("新增 26 个", dry.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await Count());

            var applied = new StringWriter();
            Assert.Equal(0, await ImportAreasCommand.RunAsync(app.Services, file, dryRun: false, applied, CancellationToken.None));
            Assert.Contains("已导入", applied.ToString(), StringComparison.Ordinal);
            Assert.Equal(26, await Count());
            // Seen at once: the page, cached before, shows the imported tree.
            Assert.Contains("洛满镇", await admin.GetStringAsync("/Admin/Areas"), StringComparison.Ordinal);

            var again = new StringWriter();
            Assert.Equal(0, await ImportAreasCommand.RunAsync(app.Services, file, dryRun: true, again, CancellationToken.None));
            Assert.Contains("新增 0 个", again.ToString(), StringComparison.Ordinal);

            await File.WriteAllTextAsync(file, "统计用区划代码,名称\n4502,坏\n");
            var bad = new StringWriter();
            Assert.Equal(1, await ImportAreasCommand.RunAsync(app.Services, file, dryRun: false, bad, CancellationToken.None));
            Assert.Contains("第2行（代码）", bad.ToString(), StringComparison.Ordinal);
            Assert.Equal(1, await ImportAreasCommand.RunAsync(app.Services, file + ".missing", dryRun: true, TextWriter.Null, CancellationToken.None));
        }
        finally
        {
            File.Delete(file);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "导入区划" && e.UserName == "系统"));
    }

    private async Task<int> Count()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TongxingDb>().Areas.CountAsync();
    }
}

public sealed class FirstAreasTests_Sqlite(FirstAreasTests_Sqlite.App app) : FirstAreasTests(app), IClassFixture<FirstAreasTests_Sqlite.App>
{
    public sealed class App : TestApp
    {
        public App()
            : base(Provider.Sqlite) => SeedDemo = false;
    }
}

public sealed class FirstAreasTests_Postgres(FirstAreasTests_Postgres.App app) : FirstAreasTests(app), IClassFixture<FirstAreasTests_Postgres.App>
{
    public sealed class App : TestApp
    {
        public App()
            : base(Provider.Postgres) => SeedDemo = false;
    }
}

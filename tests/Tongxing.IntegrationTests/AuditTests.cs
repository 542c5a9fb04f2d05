using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>The audit chain, tampered with directly in the database; each provider gets an app of its own.</summary>
public abstract class AuditTests(TestApp app)
{
    private async Task<T> With<T>(Func<TongxingDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TongxingDb>());
    }

    private Task<AuditVerdict> Verify() => With(db => new AuditVerifier(db).VerifyAsync(CancellationToken.None));

    [Fact]
    public async Task Changes_sign_ins_views_and_exports_are_chained_and_tampering_is_named()
    {
        await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "wrong-Password1!" });
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible(name: "审计户"));
        await Api.Household(village, id);
        var town = await app.SignIn("luoman.dangwei");
        await town.GetAsync("/api/v1/survey/attachment1");

        var actions = await With(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("登录失败", actions);
        Assert.Contains("登录", actions);
        Assert.Contains("查看完整个人信息", actions);
        Assert.Contains("导出", actions);
        var subject = id.ToString();
        var mine = await With(db => db.AuditEntries.Where(a => a.Subject == subject).ToListAsync());
        Assert.Contains(mine, a => a.Action == "新增" && a.Entity == "Household" && a.UserName == "洛满村党支部 潘书记");
        // The household and its members were created in one action: one entry holds them all.
        var created = Assert.Single(mine, a => a.Action == "新增");
        Assert.Contains("审计户", created.Details, StringComparison.Ordinal);
        Assert.Contains("\"Member ", created.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(mine, a => a.Entity == "Member");
        var archive = await village.GetStringAsync($"/Archive/{id}");
        Assert.Contains("查看完整个人信息", archive, StringComparison.Ordinal);

        var intact = await Verify();
        Assert.True(intact.Intact);
        Assert.True(intact.Checked > 200, $"{intact.Checked} entries");
        var district = await app.SignIn("qucanlian");
        Assert.Contains("哈希链校验通过", await district.GetStringAsync("/Admin/Audit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await village.GetAsync("/Admin/Audit")).StatusCode);

        // Someone edits entry 200 in the database…
        await With(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Details\" = 'tampered' WHERE \"Seq\" = 200"));
        var edited = await Verify();
        Assert.Equal(200, edited.BrokenSeq);
        Assert.Contains("本条被改动", edited.Reason, StringComparison.Ordinal);
        Assert.Contains("第 200 条起链条断裂", await district.GetStringAsync("/Admin/Audit"), StringComparison.Ordinal);

        // …or deletes entry 100.
        await With(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Seq\" = 100"));
        var deleted = await Verify();
        Assert.Equal(101, deleted.BrokenSeq);
        Assert.Contains("缺少第100", deleted.Reason, StringComparison.Ordinal);
    }
}

public sealed class AuditTests_Sqlite(SqliteApp app) : AuditTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTests_Postgres(PostgresApp app) : AuditTests(app), IClassFixture<PostgresApp>;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;

namespace Tongxing.IntegrationTests;

/// <summary>
/// The app on the machine's real clock, as it runs in an office: timestamps with sub-second parts. Everything that
/// persists time must read back as it was written; above all the audit chain must verify (a frozen clock on round
/// seconds hid a precision bug once: the chain hashed ticks finer than SQLite keeps).
/// </summary>
public abstract class SystemClockTests(TestApp app)
{
    [Fact]
    public async Task The_audit_chain_verifies_after_real_changes_on_the_system_clock()
    {
        var started = DateTimeOffset.UtcNow;
        await TestApp.PostForm(app.Anonymous(), "/Account/Login", new() { ["UserName"] = "luoman.cun", ["Password"] = "wrong-Password1!" });
        var village = await app.SignIn("luoman.cun");
        var id = await Api.Register(village, Api.Eligible(name: "时钟户"));
        await Api.Household(village, id);
        var town = await app.SignIn("luoman.dangwei");
        await town.GetAsync("/api/v1/survey/attachment1");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var verdict = await new AuditVerifier(db).VerifyAsync(CancellationToken.None);
        Assert.True(verdict.Intact, $"chain broken at {verdict.BrokenSeq}: {verdict.Reason}");

        // The entries written just now carry the real time, with sub-second parts (the case a round-second clock never shows).
        var recent = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Seq).Take(20).ToListAsync();
        Assert.All(recent, a => Assert.InRange(a.At, started.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Contains(recent, a => a.At.Millisecond != 0);
        Assert.All(recent, a => Assert.Equal(a.Hash, AuditChain.HashOf(a)));

        // The household's own timestamp reads back within the precision the database keeps.
        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == id);
        Assert.InRange(household.CreatedAt, started.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}

public sealed class SystemClockApp_Sqlite() : TestApp(Provider.Sqlite) { public override bool UsesSystemClock => true; }

public sealed class SystemClockApp_Postgres() : TestApp(Provider.Postgres) { public override bool UsesSystemClock => true; }

public sealed class SystemClockTests_Sqlite(SystemClockApp_Sqlite app) : SystemClockTests(app), IClassFixture<SystemClockApp_Sqlite>;

public sealed class SystemClockTests_Postgres(SystemClockApp_Postgres app) : SystemClockTests(app), IClassFixture<SystemClockApp_Postgres>;

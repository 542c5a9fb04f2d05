using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Many transactions appending to the audit chain at once, each on its own connection: every entry is written once, the
/// sequence has no gap or repeat, and the chain verifies. On PostgreSQL the chain's last entry is read in the same round
/// trip as its lock is taken; read with a snapshot from before the lock, two appends would take the same number.
/// </summary>
public abstract class AuditConcurrencyTests(TestApp app)
{
    [Fact]
    public async Task Appends_from_many_connections_at_once_make_one_unbroken_chain()
    {
        const int writers = 24;
        var tag = Guid.NewGuid().ToString("N");
        _ = app.Services; // the app started (migrated, seeded) before the writers race
        using var start = new SemaphoreSlim(0);
        var appends = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            await start.WaitAsync();
            if (i % 2 == 0)
            {
                db.Audit("并发测试", details: $"{tag} {i}");
                await db.SaveChangesAsync();
            }
            else
            {
                // A transaction of two saves appends both at its commit.
                await using var transaction = await db.Database.BeginTransactionAsync();
                db.Audit("并发测试", details: $"{tag} {i} a");
                await db.SaveChangesAsync();
                db.Audit("并发测试", details: $"{tag} {i} b");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        })).ToList();
        start.Release(writers);
        await Task.WhenAll(appends);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        var mine = await db.AuditEntries.Where(a => a.Details!.StartsWith(tag)).Select(a => new { a.Seq, a.Details }).ToListAsync();
        Assert.Equal(writers / 2 + writers / 2 * 2, mine.Count);
        Assert.Equal(mine.Count, mine.Select(a => a.Details).Distinct().Count());
        var seqs = await db.AuditEntries.OrderBy(a => a.Seq).Select(a => a.Seq).ToListAsync();
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(s => (long)s), seqs);
        var verdict = await new AuditVerifier(db).VerifyAsync(CancellationToken.None);
        Assert.True(verdict.Intact, verdict.Reason);
    }
}

public sealed class AuditConcurrencyTests_Sqlite(SqliteApp app) : AuditConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class AuditConcurrencyTests_Postgres(PostgresApp app) : AuditConcurrencyTests(app), IClassFixture<PostgresApp>;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>
/// Contexts are pooled: a request's context is handed to a later request. What the first request left on it — audit
/// entries it never saved (it failed before its save), a transaction it never ended, the programmes it checked — must
/// not reach the next: an audit entry written under another user's request would be a false record.
/// </summary>
public abstract class ContextPoolTests(TestApp app)
{
    [Fact]
    public async Task A_context_handed_to_the_next_request_carries_nothing_of_the_last()
    {
        var tag = Guid.NewGuid().ToString("N");
        TongxingDb left;
        await using (var first = app.Services.CreateAsyncScope())
        {
            left = first.ServiceProvider.GetRequiredService<TongxingDb>();
            left.Audit("池测试", details: $"{tag} 未保存");
            left.ProgrammesChecked["450204000000"] = [];
            await left.Database.BeginTransactionAsync(); // never committed: the request failed
        }

        // The pool hands the same context out again (a background job may borrow it in between: ask until it comes back).
        TongxingDb? again = null;
        var scopes = new List<AsyncServiceScope>();
        for (var i = 0; i < 50 && again is null; i++)
        {
            var scope = app.Services.CreateAsyncScope();
            scopes.Add(scope);
            var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
            if (ReferenceEquals(db, left))
            {
                again = db;
            }
        }
        Assert.NotNull(again);
        Assert.Null(again.Database.CurrentTransaction);
        Assert.Empty(again.ProgrammesChecked);

        again.Audit("池测试", details: $"{tag} 已保存");
        await again.SaveChangesAsync();
        var written = await again.AuditEntries.Where(a => a.Details!.StartsWith(tag)).Select(a => a.Details).ToListAsync();
        Assert.Equal([$"{tag} 已保存"], written);
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task Entries_of_a_transaction_rolled_back_or_abandoned_are_not_written_by_the_next()
    {
        var tag = Guid.NewGuid().ToString("N");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TongxingDb>();
        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            db.Audit("池测试", details: $"{tag} 回滚");
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }
        await using (await db.Database.BeginTransactionAsync())
        {
            db.Audit("池测试", details: $"{tag} 放弃");
            await db.SaveChangesAsync();
            // disposed without a commit or a rollback
        }
        // On PostgreSQL the next transaction on the same connection is the same Npgsql object as the last.
        await using (var next = await db.Database.BeginTransactionAsync())
        {
            db.Audit("池测试", details: $"{tag} 提交");
            await db.SaveChangesAsync();
            await next.CommitAsync();
        }
        var written = await db.AuditEntries.Where(a => a.Details!.StartsWith(tag)).Select(a => a.Details).ToListAsync();
        Assert.Equal([$"{tag} 提交"], written);
    }
}

public sealed class ContextPoolTests_Sqlite(SqliteApp app) : ContextPoolTests(app), IClassFixture<SqliteApp>;

public sealed class ContextPoolTests_Postgres(PostgresApp app) : ContextPoolTests(app), IClassFixture<PostgresApp>;

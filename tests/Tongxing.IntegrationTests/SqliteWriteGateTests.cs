using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tongxing.Web.Data;

namespace Tongxing.IntegrationTests;

/// <summary>
/// SQLite's one writer, taken in turn on the node (ADR 0034): writing transactions queue in the order they asked, a
/// transaction given up without a commit lets the next one in at once, and reading — even in a read transaction — never
/// waits for a writer.
/// </summary>
public sealed class SqliteWriteGateTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Writers_waiting_for_the_database_get_it_in_the_order_they_asked()
    {
        await using var first = app.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<TongxingDb>();
        await using var holding = await holder.Database.BeginTransactionAsync();

        // Six offices ask in turn while the first writes; each waits until the one before it is queued.
        var order = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var scopes = Enumerable.Range(0, 6).Select(_ => app.Services.CreateAsyncScope()).ToList();
        var writers = new List<Task>();
        for (var i = 0; i < scopes.Count; i++)
        {
            var n = i;
            var db = scopes[n].ServiceProvider.GetRequiredService<TongxingDb>();
            writers.Add(Task.Run(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                order.Enqueue(n);
                await tx.CommitAsync();
            }));
            await Task.Delay(150);
            Assert.False(writers[n].IsCompleted, "a writer went in while the database was being written");
        }

        await holding.CommitAsync();
        var all = Task.WhenAll(writers);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(Patience)));
        Assert.Equal([0, 1, 2, 3, 4, 5], order);
        foreach (var scope in scopes)
        {
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_transaction_given_up_without_a_commit_lets_the_next_writer_in_at_once()
    {
        await using var first = app.Services.CreateAsyncScope();
        var quitter = first.ServiceProvider.GetRequiredService<TongxingDb>();
        await using (await quitter.Database.BeginTransactionAsync())
        {
            // An exception on the way out: the transaction is disposed, neither committed nor rolled back by the code.
        }

        // The context lives on (its request is not over); the next writer does not wait for it.
        await using var second = app.Services.CreateAsyncScope();
        var next = second.ServiceProvider.GetRequiredService<TongxingDb>().Database.BeginTransactionAsync();
        Assert.Same(next, await Task.WhenAny(next, Task.Delay(Patience)));
        await using var tx = await next;
        await tx.CommitAsync();

        // And the context that gave up can write again.
        await using var again = await quitter.Database.BeginTransactionAsync();
        await again.CommitAsync();
    }

    [Fact]
    public async Task Reading_in_a_read_transaction_does_not_wait_for_a_writer()
    {
        await using var first = app.Services.CreateAsyncScope();
        await using var holding = await first.ServiceProvider.GetRequiredService<TongxingDb>().Database.BeginTransactionAsync();

        await using var second = app.Services.CreateAsyncScope();
        var check = DashboardCounts.CheckAsync(second.ServiceProvider.GetRequiredService<TongxingDb>(), null, CancellationToken.None);
        Assert.Same(check, await Task.WhenAny(check, Task.Delay(Patience)));
        Assert.Empty(await check);
        await holding.CommitAsync();
    }
}

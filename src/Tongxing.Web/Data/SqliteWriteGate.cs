using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tongxing.Web.Data;

/// <summary>
/// SQLite lets one transaction write at a time. A transaction that finds the write lock taken is told "busy", and
/// Microsoft.Data.Sqlite then sleeps 150 ms and tries again, blocking its thread: with thirty offices saving at once, the
/// unlucky ones lost round after round and waited a second or more while others went straight through (ADR 0034). So the
/// node queues its own writing transactions in order, without blocking threads: each takes this database's gate before
/// BEGIN IMMEDIATE and gives it back when it commits, rolls back or fails, or at the latest when its connection closes or
/// its context is disposed. Another process on the same file (a command-line tool, a second node) still meets the
/// database's own lock and its retries. Read-only transactions (begun deferred on the connection) do not take the gate.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the gate of this connection's database, unless the context already holds it or the connection is not SQLite's.</summary>
    internal static async Task EnterAsync(TongxingDb db, DbConnection connection, bool synchronous, CancellationToken ct)
    {
        if (db.WriteGate is not null || connection is not Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return;
        }
        var gate = Gates.GetOrAdd(sqlite.ConnectionString, _ => new SemaphoreSlim(1, 1));
        // As long as Microsoft.Data.Sqlite itself would have retried a busy database (its default timeout, 30 s).
        var wait = TimeSpan.FromSeconds(Math.Max(1, sqlite.DefaultTimeout));
        var entered = synchronous ? gate.Wait(wait, ct) : await gate.WaitAsync(wait, ct);
        if (!entered)
        {
            throw new TimeoutException($"SQLite: no turn to write within {wait.TotalSeconds:0} s");
        }
        db.WriteGate = gate;
    }

    /// <summary>Gives the gate back if the context holds it.</summary>
    internal static void Leave(TongxingDb db)
    {
        var gate = db.WriteGate;
        db.WriteGate = null;
        gate?.Release();
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is TongxingDb db)
        {
            await EnterAsync(db, connection, synchronous: false, cancellationToken);
        }
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is TongxingDb db)
        {
            EnterAsync(db, connection, synchronous: true, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => LeaveOf(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveOfAsync(eventData);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => LeaveOf(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveOfAsync(eventData);

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => LeaveOf(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveOfAsync(eventData);

    // A transaction disposed without a commit or a rollback (an exception on the way) raises none of the above; its
    // connection is closed when the context no longer needs it, or the context is disposed (TongxingDb.Dispose).
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => LeaveOf(eventData);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => LeaveOfAsync(eventData);

    private static void LeaveOf(DbContextEventData eventData)
    {
        if (eventData.Context is TongxingDb db)
        {
            Leave(db);
        }
    }

    private static Task LeaveOfAsync(DbContextEventData eventData)
    {
        LeaveOf(eventData);
        return Task.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Data;
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

    /// <summary>
    /// Waits for the gate of this connection's database unless the context already holds it, then begins the
    /// transaction; a BEGIN that fails (another process holding the file past the time-out) gives back a gate taken for it.
    /// Null for a connection that is not SQLite's or a read transaction (<see cref="IsolationLevel.ReadUncommitted"/>,
    /// which Microsoft.Data.Sqlite begins deferred): EF then begins it itself.
    /// </summary>
    private static async Task<DbTransaction?> BeginAsync(TongxingDb db, DbConnection connection, IsolationLevel isolation, bool synchronous, CancellationToken ct)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection sqlite || isolation == IsolationLevel.ReadUncommitted)
        {
            return null;
        }
        SemaphoreSlim? taken = null;
        if (db.WriteGate is null)
        {
            var gate = Gates.GetOrAdd(sqlite.ConnectionString, _ => new SemaphoreSlim(1, 1));
            // As long as Microsoft.Data.Sqlite itself would have retried a busy database (its default timeout, 30 s).
            var wait = TimeSpan.FromSeconds(Math.Max(1, sqlite.DefaultTimeout));
            var entered = synchronous ? gate.Wait(wait, ct) : await gate.WaitAsync(wait, ct);
            if (!entered)
            {
                throw new TimeoutException($"SQLite: no turn to write within {wait.TotalSeconds:0} s");
            }
            db.WriteGate = taken = gate;
        }
        try
        {
            return synchronous ? sqlite.BeginTransaction(isolation) : await sqlite.BeginTransactionAsync(isolation, ct);
        }
        catch when (taken is not null)
        {
            Leave(db);
            throw;
        }
    }

    /// <summary>Gives the gate back if the context holds it.</summary>
    internal static void Leave(TongxingDb db)
    {
        var gate = db.WriteGate;
        db.WriteGate = null;
        gate?.Release();
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        eventData.Context is TongxingDb db && await BeginAsync(db, connection, eventData.IsolationLevel, synchronous: false, cancellationToken) is { } begun
            ? InterceptionResult<DbTransaction>.SuppressWithResult(begun)
            : result;

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        eventData.Context is TongxingDb db && BeginAsync(db, connection, eventData.IsolationLevel, synchronous: true, CancellationToken.None).GetAwaiter().GetResult() is { } begun
            ? InterceptionResult<DbTransaction>.SuppressWithResult(begun)
            : result;

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => LeaveOf(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveOfAsync(eventData);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => LeaveOf(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        LeaveOfAsync(eventData);

    // A transaction that failed, or was disposed without a commit or a rollback (an exception on the way), raises none of
    // the above: it still holds SQLite's lock until it is disposed. Its connection is closed then if EF opened it, or the
    // context is disposed (TongxingDb.Dispose).
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

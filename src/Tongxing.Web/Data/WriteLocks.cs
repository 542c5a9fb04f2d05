using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tongxing.Web.Data;

/// <summary>
/// Serialises use cases that read a total and then write against it (a town's quota), across requests and app nodes.
/// PostgreSQL: a transaction-scoped advisory lock on a key of its own, so other towns and other writes are not held up.
/// SQLite: the transaction begins with BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which takes the database's one
/// write lock at once, so nothing can be written between the check and the save.
/// </summary>
internal static class WriteLocks
{
    /// <summary>Begins the use case's transaction and waits until no other holds <paramref name="name"/>; both end with the transaction.</summary>
    public static async Task<IDbContextTransaction> BeginLockedAsync(this TongxingDb db, string name, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(name)})", ct);
        }
        return transaction;
    }

    /// <summary>A stable 64-bit key for a lock's name, the same on every node.</summary>
    internal static long Key(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("tongxing:" + name)), 0);
}

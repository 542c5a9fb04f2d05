using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>
/// Writes the audit log: every change saved through <see cref="TongxingDb"/> (with its before and after values) and
/// every event queued with <see cref="TongxingDb.Audit"/>, appended to the hash chain inside the same transaction.
/// On PostgreSQL an advisory lock serialises appends across app nodes; SQLite serialises writers itself.
/// </summary>
internal static class AuditTrail
{
    private const long LockKey = 0x546f6e6778696e67; // "Tongxing"
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Hash", "Content", "Xml", "Value"];

    /// <summary>Whether a field's values are kept out of the log's details (hashes, stamps, stored contents).</summary>
    public static bool IsSecret(string field) => Secret.Contains(field);

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Pending(string Action, string? Entity, string? EntityId, string? Subject, string? Details);

    /// <summary>What changed, described before EF saves it (afterwards the original values are gone).</summary>
    public static List<Pending> Describe(ChangeTracker tracker) =>
        MergeNewRecords(tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not HolidayDay && e.Metadata.ClrType != typeof(Dictionary<string, object>))
            .Select(Describe)
            .Where(p => p is not null)
            .Select(p => p!)
            .ToList());

    /// <summary>
    /// A record created together with its parts in one save (a household with its members and first history entries)
    /// is one entry: "新增" of the record, its details holding the record's values and each part's, keyed by entity and
    /// id. One action is one line for the reader, and an import of 100,000 households writes 100,000 entries, not 700,000.
    /// </summary>
    private static List<Pending> MergeNewRecords(List<Pending> pending)
    {
        var roots = pending.Where(p => p.Action == "新增" && p.Subject is not null && p.EntityId == p.Subject)
            .GroupBy(p => p.Subject!).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        if (roots.Count == 0)
        {
            return pending;
        }
        var parts = pending.Where(p => p.Action == "新增" && p.Subject is not null && roots.ContainsKey(p.Subject) && !ReferenceEquals(p, roots[p.Subject]))
            .ToLookup(p => p.Subject!);
        var merged = new List<Pending>(pending.Count);
        foreach (var p in pending)
        {
            if (p.Subject is null || !roots.TryGetValue(p.Subject, out var root) || p.Action != "新增")
            {
                merged.Add(p);
            }
            else if (ReferenceEquals(p, root))
            {
                var mine = parts[p.Subject];
                merged.Add(mine.Any() ? p with { Details = Combine(p, mine) } : p);
            }
        }
        return merged;
    }

    private static string Combine(Pending root, IEnumerable<Pending> parts)
    {
        var text = new System.Text.StringBuilder("{");
        void Add(Pending p, bool first)
        {
            if (!first)
            {
                text.Append(',');
            }
            text.Append(JsonSerializer.Serialize(p.EntityId == root.EntityId && p.Entity == root.Entity ? p.Entity : $"{p.Entity} {p.EntityId}", Json))
                .Append(':').Append(p.Details ?? "null");
        }
        Add(root, true);
        foreach (var part in parts)
        {
            Add(part, false);
        }
        return text.Append('}').ToString();
    }

    private static Pending? Describe(EntityEntry e)
    {
        var props = e.Metadata.GetProperties().Where(p => !Secret.Contains(p.Name));
        string action;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, JsonWriter))
        {
            json.WriteStartObject();
            switch (e.State)
            {
                case EntityState.Added or EntityState.Deleted:
                    action = e.State == EntityState.Added ? "新增" : "删除";
                    var values = e.State == EntityState.Added ? e.CurrentValues : e.OriginalValues;
                    foreach (var p in props)
                    {
                        json.WritePropertyName(p.Name);
                        Write(json, values[p]);
                    }
                    break;
                default:
                    action = "修改";
                    var changed = props.Where(p => e.Property(p.Name).IsModified && !Equals(e.OriginalValues[p], e.CurrentValues[p])).ToList();
                    if (changed.Count == 0)
                    {
                        return null;
                    }
                    foreach (var p in changed)
                    {
                        json.WritePropertyName(p.Name);
                        json.WriteStartArray();
                        Write(json, e.OriginalValues[p]);
                        Write(json, e.CurrentValues[p]);
                        json.WriteEndArray();
                    }
                    break;
            }
            json.WriteEndObject();
        }
        var details = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        var key = string.Join(",", e.Metadata.FindPrimaryKey()?.Properties.Select(p => Convert.ToString(e.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)) ?? []);
        var subject = e.Entity switch
        {
            Household h => h.Id.ToString(),
            Member m => m.HouseholdId.ToString(),
            HouseholdEvent ev => ev.HouseholdId.ToString(),
            NoticePhoto p => p.NoticeId.ToString(),
            Objection o => o.HouseholdId?.ToString() ?? o.NoticeId.ToString(),
            NoticeEntry n => n.HouseholdId.ToString(),
            _ => key,
        };
        return new Pending(action, e.Metadata.ClrType.Name, key, subject, details);
    }

    private static readonly JsonWriterOptions JsonWriter = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One value as the log shows it: bytes by their length, money in fen, times in UTC, enums by number.</summary>
    private static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string v: json.WriteStringValue(v); break;
            case Guid v: json.WriteStringValue(v); break;
            case bool v: json.WriteBooleanValue(v); break;
            case int v: json.WriteNumberValue(v); break;
            case long v: json.WriteNumberValue(v); break;
            case decimal v: json.WriteNumberValue(v); break;
            case Enum v: json.WriteNumberValue(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)); break;
            case Money v: json.WriteNumberValue(v.Fen); break;
            case DateOnly v: json.WriteStringValue(v.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); break;
            case DateTimeOffset v: json.WriteStringValue(v.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); break;
            case byte[] v: json.WriteStringValue($"[{v.Length}字节]"); break;
            default: JsonSerializer.Serialize(json, value, value.GetType(), Json); break;
        }
    }

    public static async Task AppendAsync(TongxingDb db, IReadOnlyList<Pending> pending, CancellationToken ct)
    {
        var app = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var http = app?.GetService<IHttpContextAccessor>()?.HttpContext;
        var clock = app?.GetService<TimeProvider>() ?? TimeProvider.System;
        var user = db.ActingAs ?? http?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "system";
        var userName = user?.FindFirstValue("tx:name") ?? user?.Identity?.Name ?? "系统";
        // A job's work has no address of its own (its upload was logged with the uploader's).
        var address = db.ActingAs is not null && http is null ? null : http?.Connection.RemoteIpAddress?.ToString();

        var (seq, previous) = await LastAsync(db, ct);
        var at = clock.GetUtcNow();
        var entries = new List<AuditEntry>(pending.Count);
        foreach (var p in pending)
        {
            var entry = AuditEntry.Create(++seq, previous, at, userId, userName, address, p.Action, p.Entity, p.EntityId, p.Subject, p.Details);
            entries.Add(entry);
            previous = entry.Hash;
        }
        await InsertAsync(db, entries, ct);
    }

    /// <summary>
    /// The chain's last entry, read under the chain's lock. On PostgreSQL the lock (an advisory lock ending with the
    /// transaction, the same on every node) and the read go in one round trip: the read is the batch's second statement,
    /// so its snapshot is taken once the lock is held and sees the entries of whoever held it before. The lock is thus
    /// held from one answer to the commit — the append's insert and the commit — not also while the node finds a core to
    /// send the read. SQLite's writers are serialised by its write lock, taken when the transaction began.
    /// </summary>
    private static async Task<(long Seq, string Hash)> LastAsync(TongxingDb db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            var last = await db.AuditEntries.OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
            return last is null ? (0, AuditChain.Genesis) : (last.Seq, last.Hash);
        }
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        string Column(string property) => sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);
        var connection = db.Database.GetDbConnection();
        await using var batch = connection.CreateBatch();
        batch.Transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        var lockChain = batch.CreateBatchCommand();
        lockChain.CommandText = $"SELECT pg_advisory_xact_lock({LockKey})";
        batch.BatchCommands.Add(lockChain);
        var readLast = batch.CreateBatchCommand();
        readLast.CommandText = $"SELECT {Column(nameof(AuditEntry.Seq))}, {Column(nameof(AuditEntry.Hash))} FROM {sql.DelimitIdentifier(table.Name, table.Schema)} ORDER BY {Column(nameof(AuditEntry.Seq))} DESC LIMIT 1";
        batch.BatchCommands.Add(readLast);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct); // past the lock's one row
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.Genesis);
    }

    private const int RowsPerStatement = 500;

    /// <summary>
    /// Inserts the entries with multi-row INSERT statements in the current transaction rather than through the change
    /// tracker, which costs as much per entry as the change itself (an import of 100,000 households writes 100,000
    /// entries). Columns and value conversions come from the EF model, so both providers store what EF would.
    /// </summary>
    private static async Task InsertAsync(TongxingDb db, List<AuditEntry> entries, CancellationToken ct)
    {
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)p.GetTypeMapping()))
            .ToList();
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(db.Database.CurrentTransaction!);
        foreach (var batch in entries.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new System.Text.StringBuilder(head);
            for (var row = 0; row < batch.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var col = 0; col < columns.Count; col++)
                {
                    var (property, _, mapping) = columns[col];
                    var name = $"@a{row}_{col}";
                    text.Append(col == 0 ? "" : ", ").Append(name);
                    command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(batch[row]), property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}

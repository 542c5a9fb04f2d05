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
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Pending(string Action, string? Entity, string? EntityId, string? Subject, string? Details);

    /// <summary>What changed, described before EF saves it (afterwards the original values are gone).</summary>
    public static List<Pending> Describe(ChangeTracker tracker) =>
        tracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not HolidayDay && e.Metadata.ClrType != typeof(Dictionary<string, object>))
            .Select(Describe)
            .Where(p => p is not null)
            .Select(p => p!)
            .ToList();

    private static Pending? Describe(EntityEntry e)
    {
        var props = e.Properties.Where(p => !Secret.Contains(p.Metadata.Name)).ToList();
        object? Show(object? v) => v switch
        {
            byte[] b => $"[{b.Length}字节]",
            Money m => m.Fen,
            DateTimeOffset d => d.UtcDateTime.ToString("O"),
            _ => v,
        };
        Dictionary<string, object?> values;
        string action;
        switch (e.State)
        {
            case EntityState.Added:
                action = "新增";
                values = props.ToDictionary(p => p.Metadata.Name, p => Show(p.CurrentValue));
                break;
            case EntityState.Deleted:
                action = "删除";
                values = props.ToDictionary(p => p.Metadata.Name, p => Show(p.OriginalValue));
                break;
            default:
                action = "修改";
                var changed = props.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                if (changed.Count == 0)
                {
                    return null;
                }
                values = changed.ToDictionary(p => p.Metadata.Name, p => (object?)new[] { Show(p.OriginalValue), Show(p.CurrentValue) });
                break;
        }
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
        return new Pending(action, e.Metadata.ClrType.Name, key, subject, JsonSerializer.Serialize(values, Json));
    }

    public static async Task AppendAsync(TongxingDb db, IReadOnlyList<Pending> pending, CancellationToken ct)
    {
        var app = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        var http = app?.GetService<IHttpContextAccessor>()?.HttpContext;
        var clock = app?.GetService<TimeProvider>() ?? TimeProvider.System;
        var user = http?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "system";
        var userName = user?.FindFirstValue("tx:name") ?? user?.Identity?.Name ?? "系统";
        var address = http?.Connection.RemoteIpAddress?.ToString();

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        }
        var last = await db.AuditEntries.OrderByDescending(a => a.Seq).Select(a => new { a.Seq, a.Hash }).FirstOrDefaultAsync(ct);
        var seq = last?.Seq ?? 0;
        var previous = last?.Hash ?? AuditChain.Genesis;
        var at = clock.GetUtcNow();
        foreach (var p in pending)
        {
            var entry = AuditEntry.Create(++seq, previous, at, userId, userName, address, p.Action, p.Entity, p.EntityId, p.Subject, p.Details);
            db.AuditEntries.Add(entry);
            previous = entry.Hash;
        }
    }
}

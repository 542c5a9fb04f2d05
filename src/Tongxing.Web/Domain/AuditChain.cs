using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tongxing.Web.Domain;

/// <summary>One entry of the append-only audit log: who did what to which record, when, from where; chained by hash.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    /// <summary>Position in the chain, 1, 2, 3…: a gap means an entry was deleted.</summary>
    public long Seq { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string? Address { get; private set; }
    /// <summary>What happened: 新增/修改/删除 for data, or an event such as 登录, 登录失败, 导出, 查看完整身份证号.</summary>
    public string Action { get; private set; } = "";
    public string? Entity { get; private set; }
    public string? EntityId { get; private set; }
    /// <summary>The record the entry belongs to (a household for its members and history), for the archive's slice.</summary>
    public string? Subject { get; private set; }
    /// <summary>Before/after values (JSON) or the event's particulars.</summary>
    public string? Details { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public static AuditEntry Create(long seq, string previousHash, DateTimeOffset at, string userId, string userName, string? address,
        string action, string? entity, string? entityId, string? subject, string? details)
    {
        var utc = AuditChain.StoredPrecision(at);
        var e = new AuditEntry
        {
            Seq = seq,
            At = utc,
            UserId = userId,
            UserName = userName,
            Address = address,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Subject = subject,
            Details = details,
            PreviousHash = previousHash,
        };
        e.Hash = AuditChain.HashOf(e);
        return e;
    }
}

/// <summary>The hash chain of the audit log and its verification. Pure: the entries come in, the verdict goes out.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The instant as both databases give it back: whole milliseconds, UTC. SQLite (ticks in a long, as mapped here) keeps
    /// 0.1 ms and PostgreSQL 1 µs; a hash over finer ticks would not recompute after the round trip.
    /// </summary>
    public static DateTimeOffset StoredPrecision(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f', e.PreviousHash, e.Seq.ToString(CultureInfo.InvariantCulture), e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UserId, e.UserName, e.Address ?? "", e.Action, e.Entity ?? "", e.EntityId ?? "", e.Subject ?? "", e.Details ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the entries in order; returns the first one that breaks the chain and why, or null when intact.</summary>
    public sealed class Verifier
    {
        private long _expectedSeq = 1;
        private string _previous = Genesis;

        public long Checked { get; private set; }
        public (long Seq, string Reason)? Broken { get; private set; }

        public bool Next(AuditEntry e)
        {
            if (Broken is not null)
            {
                return false;
            }
            Checked++;
            if (e.Seq != _expectedSeq)
            {
                Broken = (e.Seq, e.Seq > _expectedSeq ? $"缺少第{_expectedSeq}至{e.Seq - 1}条记录（被删除）" : $"序号{e.Seq}重复或乱序");
            }
            else if (e.PreviousHash != _previous)
            {
                Broken = (e.Seq, "与上一条记录的链接不符（上一条被改动或删除）");
            }
            else if (HashOf(e) != e.Hash)
            {
                Broken = (e.Seq, "记录内容与其哈希不符（本条被改动）");
            }
            _expectedSeq = e.Seq + 1;
            _previous = e.Hash;
            return Broken is null;
        }
    }
}

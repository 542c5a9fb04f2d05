using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <param name="LastSeq">The newest entry's number (0 for an empty log), with <paramref name="LastHash"/>: a hash chain
/// cannot show its newest entries deleted, so an operator compares them with the ones noted at the last check.</param>
public sealed record AuditVerdict(long Checked, long? BrokenSeq, string? Reason, long LastSeq = 0, string? LastHash = null)
{
    public bool Intact => BrokenSeq is null;
}

/// <summary>Re-computes the audit chain from the database, in pages, and names the first entry that breaks it.</summary>
public sealed class AuditVerifier(TongxingDb db)
{
    private const int Page = 2000;

    public async Task<AuditVerdict> VerifyAsync(CancellationToken ct)
    {
        var verifier = new AuditChain.Verifier();
        long after = 0;
        AuditEntry? last = null;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(a => a.Seq > after).OrderBy(a => a.Seq).Take(Page).ToListAsync(ct);
            foreach (var e in page)
            {
                if (!verifier.Next(e))
                {
                    return new AuditVerdict(verifier.Checked, verifier.Broken!.Value.Seq, verifier.Broken.Value.Reason);
                }
                last = e;
            }
            if (page.Count < Page)
            {
                return new AuditVerdict(verifier.Checked, null, null, last?.Seq ?? 0, last?.Hash);
            }
            after = page[^1].Seq;
        }
    }
}

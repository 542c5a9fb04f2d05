using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Data;

/// <summary>
/// A district's programmes as the pages read them, kept on each node and checked on every read (ADR 0033). A programme
/// is read on most requests, and reading it whole takes four statements (its quotas, shares and phases are tables of
/// their own); checking it takes one: the ids and stamps of the district's programmes. Every save that touches a
/// programme, its quotas, shares or phases gives it a new random stamp (<see cref="Renew"/>), so a node that kept an
/// older copy — or a copy from another database — sees a different stamp and reads it again.
/// The programmes handed out are shared by every request on the node and must not be changed: a handler that changes a
/// programme reads it tracked (<see cref="Features.Households.HouseholdChecks.ProgrammeToChangeAsync"/>).
/// </summary>
public static class ProgrammeCache
{
    /// <summary>The name of the stamp column (a shadow property: the programme itself does not know it).</summary>
    public const string Stamp = "Stamp";

    private sealed record Kept(IReadOnlyList<(int Id, long Stamp)> Stamps, IReadOnlyList<Programme> Programmes);

    // Keyed by database and district: tests and tools open several databases in one process.
    private static readonly ConcurrentDictionary<(string Database, string District), Kept> Copies = new();

    /// <summary>The district's programmes, read only: one statement when the kept copy is still current.</summary>
    public static async Task<IReadOnlyList<Programme>> OfDistrictAsync(TongxingDb db, string districtCode, CancellationToken ct)
    {
        // Checked once per context (a request): a page that reads the programme in two handlers pays for one check.
        if (db.ProgrammesChecked.TryGetValue(districtCode, out var checkedHere))
        {
            return checkedHere;
        }
        var programmes = await ReadAsync(db, districtCode, ct);
        db.ProgrammesChecked[districtCode] = programmes;
        return programmes;
    }

    /// <summary>
    /// The programmes of several districts (a city's or the region's): one statement for all their stamps, and one more
    /// only for the districts whose kept copy is no longer current.
    /// </summary>
    public static async Task<IReadOnlyList<Programme>> OfDistrictsAsync(TongxingDb db, IReadOnlyCollection<string> districtCodes, CancellationToken ct)
    {
        if (districtCodes.Count == 1)
        {
            return await OfDistrictAsync(db, districtCodes.First(), ct);
        }
        var stamps = (await db.Programmes.AsNoTracking().Where(p => districtCodes.Contains(p.DistrictCode)).OrderBy(p => p.Id)
                .Select(p => new { p.DistrictCode, p.Id, Stamp = EF.Property<long>(p, Stamp) }).ToListAsync(ct))
            .ToLookup(s => s.DistrictCode, s => (s.Id, s.Stamp));
        var database = db.Database.GetConnectionString() ?? "";
        var result = new List<Programme>();
        var stale = new List<string>();
        foreach (var district in stamps)
        {
            if (Copies.TryGetValue((database, district.Key), out var kept) && kept.Stamps.SequenceEqual(district))
            {
                result.AddRange(kept.Programmes);
            }
            else
            {
                stale.Add(district.Key);
            }
        }
        if (stale.Count > 0)
        {
            foreach (var district in (await db.Programmes.AsNoTracking().Where(p => stale.Contains(p.DistrictCode)).OrderBy(p => p.Id).ToListAsync(ct))
                .GroupBy(p => p.DistrictCode))
            {
                // Kept under the stamps read before them, as for one district.
                Copies[(database, district.Key)] = new Kept(stamps[district.Key].ToList(), district.ToList());
                result.AddRange(district);
            }
        }
        return result;
    }

    private static async Task<IReadOnlyList<Programme>> ReadAsync(TongxingDb db, string districtCode, CancellationToken ct)
    {
        var stamps = (await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == districtCode).OrderBy(p => p.Id)
            .Select(p => new { p.Id, Stamp = EF.Property<long>(p, Stamp) }).ToListAsync(ct))
            .Select(s => (s.Id, s.Stamp)).ToList();
        var key = (db.Database.GetConnectionString() ?? "", districtCode);
        if (Copies.TryGetValue(key, out var kept) && kept.Stamps.SequenceEqual(stamps))
        {
            return kept.Programmes;
        }
        // Read after the stamps: a change committed in between is kept under the older stamps and so read again next time,
        // never the other way round.
        var read = await db.Programmes.AsNoTracking().Where(p => p.DistrictCode == districtCode).OrderBy(p => p.Id).ToListAsync(ct);
        Copies[key] = new Kept(stamps, read);
        return read;
    }

    /// <summary>
    /// Gives every programme this save adds or changes — itself or one of its quotas, shares or phases — a new stamp.
    /// Called by <see cref="TongxingDb.SaveChangesAsync(bool, CancellationToken)"/> once changes are detected.
    /// </summary>
    public static void Renew(TongxingDb db)
    {
        var tracker = db.ChangeTracker;
        var changed = new HashSet<int>();
        List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry>? programmes = null;
        foreach (var e in tracker.Entries())
        {
            if (e.Entity is Programme)
            {
                (programmes ??= []).Add(e);
                if (e.State is EntityState.Added or EntityState.Modified)
                {
                    changed.Add(((Programme)e.Entity).Id);
                }
            }
            else if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Metadata.FindOwnership()?.PrincipalEntityType.ClrType == typeof(Programme))
            {
                changed.Add((int)e.Property("ProgrammeId").CurrentValue!);
            }
        }
        foreach (var e in programmes ?? [])
        {
            if (e.State == EntityState.Added || (e.State != EntityState.Deleted && changed.Contains(((Programme)e.Entity).Id)))
            {
                e.Property(Stamp).CurrentValue = Random.Shared.NextInt64(1, long.MaxValue);
                db.ProgrammesChecked.Clear();
            }
        }
    }
}

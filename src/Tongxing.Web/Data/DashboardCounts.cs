using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tongxing.Web.Domain;
using static Tongxing.Web.Domain.DashboardCountRules;

namespace Tongxing.Web.Data;

/// <summary>One maintained count of the dashboard (ADR 0032): see <see cref="DashboardMeasure"/> and <see cref="CountKey"/>.</summary>
public sealed class DashboardCount
{
    public int ProgrammeId { get; set; }
    public string DistrictCode { get; set; } = "";
    public string TownCode { get; set; } = "";
    public string VillageCode { get; set; } = "";
    public int Measure { get; set; }
    public long Count { get; set; }

    /// <summary>Money in fen for the ledger's measures; 0 for the others.</summary>
    public long Amount { get; set; }
}

internal sealed class DashboardCountConfiguration : IEntityTypeConfiguration<DashboardCount>
{
    public void Configure(EntityTypeBuilder<DashboardCount> b)
    {
        b.ToTable("DashboardCounts");
        // The key is the index every level reads: a district by its programme, a town by programme and town, a village below it.
        b.HasKey(c => new { c.ProgrammeId, c.TownCode, c.VillageCode, c.Measure });
        // A district reads its towns' totals (village code "*") by this index; its keys change only when a row is added.
        b.HasIndex(c => new { c.ProgrammeId, c.VillageCode });
        b.Property(c => c.DistrictCode).HasMaxLength(12);
        b.Property(c => c.TownCode).HasMaxLength(12);
        b.Property(c => c.VillageCode).HasMaxLength(12);
    }
}

/// <summary>
/// Keeps the dashboard's counts as the records change, in the transaction that changes them, and rebuilds them from
/// the records (the recount is the old per-request count, kept as the check).
/// </summary>
public static class DashboardCounts
{
    private const int RowsPerStatement = 200;

    /// <summary>The deltas of what is about to be saved, read from the change tracker's original and current values.</summary>
    public static IReadOnlyList<CountDelta> Deltas(ChangeTracker tracker)
    {
        var deltas = new List<CountDelta>();
        foreach (var e in tracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || Contribution(e.Entity) is not { } of)
            {
                continue;
            }
            if (e.State != EntityState.Added)
            {
                deltas.AddRange(Removed(of(name => e.Property(name).OriginalValue)));
            }
            if (e.State != EntityState.Deleted)
            {
                deltas.AddRange(of(name => e.Property(name).CurrentValue));
            }
        }
        return Net(WithTotals(deltas));
    }

    /// <summary>How a counted record contributes, given a reader of its values (original or current); null for records not counted.</summary>
    private static Func<Func<string, object?>, IEnumerable<CountDelta>>? Contribution(object entity) => entity switch
    {
        Household => v => OfHousehold(PlaceOf(v), (HouseholdStatus)v(nameof(Household.Status))!,
            v(nameof(Household.VisitsFrom)) is not null, v(nameof(Household.LastReturnVisitOn)) is not null),
        Payment => v => OfPayment(PlaceOf(v), (PaymentState)v(nameof(Payment.State))!, v(nameof(Payment.ReceiptKind)) is not null),
        Domain.Pairing => v => OfPairing(PlaceOf(v), v(nameof(Domain.Pairing.EndedOn)) is not null, v(nameof(Domain.Pairing.AgreementStoredName)) is not null),
        FundEntry => v => OfFundEntry(PlaceOf(v), (FundEntryKind)v(nameof(FundEntry.Kind))!, (FundSource)v(nameof(FundEntry.Source))!, (long)v(nameof(FundEntry.Fen))!),
        _ => null,
    };

    private static Place PlaceOf(Func<string, object?> v) =>
        new((int)v(nameof(Household.ProgrammeId))!, (string)v(nameof(Household.DistrictCode))!, (string?)v(nameof(Household.TownCode)), (string?)v(nameof(Household.VillageCode)));

    /// <summary>
    /// Applies deltas inside the caller's transaction: <c>count = count + delta</c> by one upsert per up to 200 counts, in
    /// key order. <see cref="TongxingDb"/> gathers a transaction's deltas and applies them when it commits, so the rows of
    /// a district's totals are locked only for the commit, not while a batch or an import chunk writes.
    /// </summary>
    public static async Task ApplyAsync(TongxingDb db, IReadOnlyList<CountDelta> deltas, CancellationToken ct)
    {
        for (var i = 0; i < deltas.Count; i += RowsPerStatement)
        {
            var chunk = deltas.Skip(i).Take(RowsPerStatement).ToList();
            var sql = new StringBuilder(Insert).Append("VALUES ");
            var args = new List<object>(chunk.Count * 7);
            foreach (var d in chunk)
            {
                var n = args.Count;
                sql.Append(n == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"({{{n}}}, {{{n + 1}}}, {{{n + 2}}}, {{{n + 3}}}, {{{n + 4}}}, {{{n + 5}}}, {{{n + 6}}})");
                args.AddRange([d.Key.ProgrammeId, d.Key.DistrictCode, d.Key.TownCode, d.Key.VillageCode, d.Key.Measure, d.Count, d.Amount]);
            }
            sql.Append(" ON CONFLICT (\"ProgrammeId\", \"TownCode\", \"VillageCode\", \"Measure\") DO UPDATE SET \"Count\" = \"DashboardCounts\".\"Count\" + excluded.\"Count\", \"Amount\" = \"DashboardCounts\".\"Amount\" + excluded.\"Amount\"");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args, ct);
        }
    }

    /// <summary>
    /// Every count computed from the records by grouped counts (the dashboard's former per-request queries), for one
    /// district or (null) all. Used by the migration that creates the table, the recount and the check.
    /// </summary>
    public static string CountedSql(bool oneDistrict)
    {
        var district = oneDistrict ? "\"DistrictCode\" = {0}" : "1 = 1";
        static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        var visited = string.Join(", ", DashboardMeasure.VisitedStatuses.Select(s => I((int)s)));
        var kinds = string.Join(", ", DashboardMeasure.CountedKinds.Select(k => I((int)k)));
        const string Cols = "\"ProgrammeId\", \"DistrictCode\", \"TownCode\", \"VillageCode\"";
        const string FundCols = "\"ProgrammeId\", \"DistrictCode\", COALESCE(\"TownCode\", ''), COALESCE(\"VillageCode\", '')";
        // Every village's counts (c), and each town's and each district's totals summed from them (DashboardCountRules.Total).
        const string All = $"'{Total}'";
        return $"""
            WITH "c" AS (
            SELECT {Cols}, {I(DashboardMeasure.InStatus(0))} + "Status" AS "Measure", COUNT(*) AS "Count", CAST(0 AS BIGINT) AS "Amount" FROM "Households" WHERE {district} GROUP BY {Cols}, "Status"
            UNION ALL SELECT {Cols}, {I(DashboardMeasure.Paired)}, COUNT(*), 0 FROM "Households" WHERE {district} AND "VisitsFrom" IS NOT NULL GROUP BY {Cols}
            UNION ALL SELECT {Cols}, {I(DashboardMeasure.Visited)}, COUNT(*), 0 FROM "Households" WHERE {district} AND "LastReturnVisitOn" IS NOT NULL AND "Status" IN ({visited}) GROUP BY {Cols}
            UNION ALL SELECT {Cols}, {I(DashboardMeasure.Paid)}, COUNT(*), 0 FROM "Payments" WHERE {district} AND "State" = {I((int)PaymentState.Paid)} GROUP BY {Cols}
            UNION ALL SELECT {Cols}, {I(DashboardMeasure.Receipted)}, COUNT(*), 0 FROM "Payments" WHERE {district} AND "State" = {I((int)PaymentState.Paid)} AND "ReceiptKind" IS NOT NULL GROUP BY {Cols}
            UNION ALL SELECT {Cols}, {I(DashboardMeasure.AgreementMissing)}, COUNT(*), 0 FROM "Pairings" WHERE {district} AND "EndedOn" IS NULL AND "AgreementStoredName" IS NULL GROUP BY {Cols}
            UNION ALL SELECT {FundCols}, {I(DashboardMeasure.Fund(0, 0))} + "Kind" * 10 + "Source", COUNT(*), CAST(SUM("Fen") AS BIGINT) FROM "FundEntries" WHERE {district} AND "Kind" IN ({kinds}) GROUP BY {FundCols}, "Kind", "Source")
            SELECT "ProgrammeId", "DistrictCode", "TownCode", "VillageCode", "Measure", "Count", "Amount" FROM "c"
            UNION ALL SELECT "ProgrammeId", "DistrictCode", "TownCode", {All}, "Measure", CAST(SUM("Count") AS BIGINT), CAST(SUM("Amount") AS BIGINT) FROM "c" GROUP BY "ProgrammeId", "DistrictCode", "TownCode", "Measure"
            UNION ALL SELECT "ProgrammeId", "DistrictCode", {All}, {All}, "Measure", CAST(SUM("Count") AS BIGINT), CAST(SUM("Amount") AS BIGINT) FROM "c" GROUP BY "ProgrammeId", "DistrictCode", "Measure"
            """;
    }

    /// <summary>The statement that replaces every count by the recount (the migration's backfill).</summary>
    public static string RecountAllSql =>
        $"DELETE FROM \"DashboardCounts\"; {Insert}{CountedSql(false)};";

    /// <summary>
    /// The statement that (re)writes every town's totals from its villages' counts: the migration that added town totals
    /// to a kept table of village and district counts. Safe to run again.
    /// </summary>
    public static string TownTotalsSql =>
        $"DELETE FROM \"DashboardCounts\" WHERE \"TownCode\" <> '{Total}' AND \"VillageCode\" = '{Total}'; {Insert}"
        + $"SELECT \"ProgrammeId\", \"DistrictCode\", \"TownCode\", '{Total}', \"Measure\", CAST(SUM(\"Count\") AS BIGINT), CAST(SUM(\"Amount\") AS BIGINT) FROM \"DashboardCounts\" "
        + $"WHERE \"TownCode\" <> '{Total}' AND \"VillageCode\" <> '{Total}' GROUP BY \"ProgrammeId\", \"DistrictCode\", \"TownCode\", \"Measure\";";

    private const string Insert = "INSERT INTO \"DashboardCounts\" (\"ProgrammeId\", \"DistrictCode\", \"TownCode\", \"VillageCode\", \"Measure\", \"Count\", \"Amount\") ";

    /// <summary>Rebuilds the counts of one district (or all) from the records, in one transaction; returns the counts written.</summary>
    public static async Task<int> RecountAsync(TongxingDb db, string? district, CancellationToken ct)
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        object[] args = district is null ? [] : [district];
        await db.Database.ExecuteSqlRawAsync(district is null ? "DELETE FROM \"DashboardCounts\"" : "DELETE FROM \"DashboardCounts\" WHERE \"DistrictCode\" = {0}", args, ct);
        var insert = Insert + CountedSql(district is not null);
        var written = await db.Database.ExecuteSqlRawAsync(insert, args, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        return written;
    }

    /// <summary>
    /// The kept rows an area reads for these programmes, one per child unit and measure where there is one: a village's
    /// by its town and code; a town's its villages'; a district's its towns' totals; a city's or the region's the
    /// districts' totals. Every one is a range of the key (programme, town, village, measure).
    /// </summary>
    public static IQueryable<DashboardCount> Within(TongxingDb db, IReadOnlyCollection<int> programmeIds, AreaScope scope)
    {
        var kept = db.Set<DashboardCount>().AsNoTracking().Where(c => programmeIds.Contains(c.ProgrammeId));
        switch (scope.Level)
        {
            case AreaLevel.Village:
                // The town is the village code's first nine digits (DivisionCodes): the key's second column, so the read
                // is a seek rather than a scan of the programme's villages.
                var town = DivisionCodes.ParentOf(scope.Code, AreaLevel.Village);
                return kept.Where(c => c.TownCode == town && c.VillageCode == scope.Code);
            case AreaLevel.Town:
                return kept.Where(c => c.TownCode == scope.Code && c.VillageCode != Total);
            case AreaLevel.District:
                return kept.Where(c => c.TownCode != Total && c.VillageCode == Total);
            default:
                return kept.Where(c => c.TownCode == Total);
        }
    }

    /// <summary>
    /// Compares the maintained counts of a district (or all) with a recount, without changing them; returns the counts
    /// that differ as (key, maintained count, maintained amount, recounted count, recounted amount). Empty means exact.
    /// </summary>
    public static async Task<IReadOnlyList<(CountKey Key, long Count, long Amount, long Recounted, long RecountedAmount)>> CheckAsync(TongxingDb db, string? district, CancellationToken ct)
    {
        object[] args = district is null ? [] : [district];
        // Both read in one snapshot: on a live system, saves between two separate reads would show as differences.
        // (PostgreSQL: repeatable read; SQLite: a read transaction sees one state of the file.)
        await using var snapshot = db.Database.CurrentTransaction is not null ? null
            : db is PostgresTongxingDb ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct)
            : await ReadTransactionAsync(db, ct);
        var recounted = (await db.Set<DashboardCount>().FromSqlRaw(CountedSql(district is not null), args).AsNoTracking().ToListAsync(ct)).ToDictionary(Key);
        var kept = await db.Set<DashboardCount>().AsNoTracking().Where(c => district == null || c.DistrictCode == district).ToListAsync(ct);
        var maintained = kept.Where(c => c.Count != 0 || c.Amount != 0).ToDictionary(Key);
        return maintained.Keys.Union(recounted.Keys).OrderBy(k => k.ProgrammeId).ThenBy(k => k.VillageCode, StringComparer.Ordinal).ThenBy(k => k.Measure)
            .Select(k => (k, maintained.GetValueOrDefault(k), recounted.GetValueOrDefault(k)))
            .Where(x => x.Item2?.Count != x.Item3?.Count || x.Item2?.Amount != x.Item3?.Amount)
            .Select(x => (x.k, x.Item2?.Count ?? 0, x.Item2?.Amount ?? 0, x.Item3?.Count ?? 0, x.Item3?.Amount ?? 0))
            .ToList();
    }

    /// <summary>
    /// SQLite: a deferred transaction, which takes no write lock and reads one state of the file (WAL). Microsoft.Data.Sqlite
    /// begins "read uncommitted" deferred (that level itself matters only with a shared cache, which the app does not
    /// use), and the write gate lets it through (ADR 0034).
    /// </summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> ReadTransactionAsync(TongxingDb db, CancellationToken ct) =>
        await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadUncommitted, ct);

    private static CountKey Key(DashboardCount c) => new(c.ProgrammeId, c.DistrictCode, c.TownCode, c.VillageCode, c.Measure);
}

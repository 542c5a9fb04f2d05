namespace Tongxing.Web.Domain;

/// <summary>What a line of the fund ledger records. A reversal is a line of the same kind with the opposite amount.</summary>
public enum FundEntryKind
{
    /// <summary>到账: money of one source arrives at the district (recorded by finance).</summary>
    Arrival = 1,
    /// <summary>下拨: the district federation passes money of one source to a town.</summary>
    Allocation = 2,
    /// <summary>发放: the town's money reaches a household (bank confirmed it, or cash against a signed receipt).</summary>
    Payment = 3,
    /// <summary>发放失败: the bank could not pay; no money moved, recorded so that the failure is on the ledger.</summary>
    PaymentFailed = 4,
}

/// <summary>
/// One line of the append-only fund ledger (ADR 0023): one source's amount in fen, signed. Lines are never edited or
/// deleted; a correction is a new line with <see cref="ReversesId"/> naming the line it cancels and the opposite amount.
/// Balances per source, town and household are sums of these lines in SQL. Ids are made here (not by the database) so
/// that the audit entry of a new line names it; the ledger's order is <see cref="RecordedAt"/>, then source.
/// </summary>
public sealed class FundEntry
{
    private FundEntry() { }

    public Guid Id { get; private set; } = Guid.NewGuid();
    public int ProgrammeId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    /// <summary>The town the money went to (allocations, payments); null for an arrival at the district.</summary>
    public string? TownCode { get; private set; }
    public string? VillageCode { get; private set; }
    public Guid? HouseholdId { get; private set; }
    public FundEntryKind Kind { get; private set; }
    public FundSource Source { get; private set; }
    /// <summary>Signed fen: reversals carry the opposite of the line they reverse. A plain integer column so that SQL sums it.</summary>
    public long Fen { get; private set; }
    public Money Amount => new(Fen);
    /// <summary>The business date: arrival date on the voucher, allocation date, date the bank paid.</summary>
    public DateOnly On { get; private set; }
    /// <summary>文号 of an arrival or allocation, the bank's reference of a payment.</summary>
    public string? DocumentNumber { get; private set; }
    /// <summary>The paying office of an arrival (e.g. 市财政局 for the district's share).</summary>
    public string? PayingOffice { get; private set; }
    /// <summary>Why: the reason for an allocation beyond what was received or needed, a failure's or a reversal's reason.</summary>
    public string? Note { get; private set; }
    public Guid? ReversesId { get; private set; }
    public Guid? PaymentId { get; private set; }
    public Guid? BatchId { get; private set; }
    /// <summary>The scanned voucher (凭证) of an arrival, under the uploads' rules (stored name, never a user's path).</summary>
    public string? VoucherStoredName { get; private set; }
    public string? VoucherContentType { get; private set; }
    public string? VoucherOriginalName { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public string RecordedByName { get; private set; } = "";

    public bool IsReversal => ReversesId is not null;

    public static FundEntry Arrival(int programmeId, string districtCode, FundSource source, Money amount, DateOnly on, string documentNumber,
        string payingOffice, (string StoredName, string ContentType, string OriginalName)? voucher, Actor who, DateTimeOffset at) => new()
        {
            ProgrammeId = programmeId,
            DistrictCode = districtCode,
            Kind = FundEntryKind.Arrival,
            Source = source,
            Fen = amount.Fen,
            On = on,
            DocumentNumber = documentNumber,
            PayingOffice = payingOffice,
            VoucherStoredName = voucher?.StoredName,
            VoucherContentType = voucher?.ContentType,
            VoucherOriginalName = voucher?.OriginalName,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        };

    public static FundEntry Allocation(int programmeId, string districtCode, string townCode, FundSource source, Money amount, DateOnly on,
        string? documentNumber, string? reason, Actor who, DateTimeOffset at) => new()
        {
            ProgrammeId = programmeId,
            DistrictCode = districtCode,
            TownCode = townCode,
            Kind = FundEntryKind.Allocation,
            Source = source,
            Fen = amount.Fen,
            On = on,
            DocumentNumber = documentNumber,
            Note = reason,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        };

    /// <summary>The lines of a payment's outcome (paid or failed), one per source, from the payment's own split.</summary>
    public static IEnumerable<FundEntry> ForPayment(Payment payment, FundEntryKind kind, DateOnly on, string? reference, string? note, Actor who, DateTimeOffset at) =>
        payment.Parts.Select(part => new FundEntry
        {
            ProgrammeId = payment.ProgrammeId,
            DistrictCode = payment.DistrictCode,
            TownCode = payment.TownCode,
            VillageCode = payment.VillageCode,
            HouseholdId = payment.HouseholdId,
            Kind = kind,
            Source = part.Source,
            Fen = part.Amount.Fen,
            On = on,
            DocumentNumber = reference,
            Note = note,
            PaymentId = payment.Id,
            BatchId = payment.BatchId,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        });

    /// <summary>The line that cancels this one: same kind, source and place, the opposite amount, with the reason.</summary>
    public FundEntry Reversal(string reason, DateOnly on, Actor who, DateTimeOffset at)
    {
        if (IsReversal)
        {
            throw new InvalidOperationException("a reversal is not reversed; record the movement again instead");
        }
        return new FundEntry
        {
            ProgrammeId = ProgrammeId,
            DistrictCode = DistrictCode,
            TownCode = TownCode,
            VillageCode = VillageCode,
            HouseholdId = HouseholdId,
            Kind = Kind,
            Source = Source,
            Fen = -Fen,
            On = on,
            DocumentNumber = DocumentNumber,
            PayingOffice = PayingOffice,
            Note = reason,
            ReversesId = Id,
            PaymentId = PaymentId,
            BatchId = BatchId,
            RecordedAt = at,
            RecordedBy = who.UserId,
            RecordedByName = who.Name,
        };
    }

    public const int MaxDocumentNumberLength = 50;
    public const int MaxPayingOfficeLength = 50;
    public const int MaxNoteLength = 500;
}

/// <summary>How the subsidy is split over the sources, in one place (ADR 0023).</summary>
public static class FundSplitRule
{
    /// <summary>
    /// One household's amount split over the programme's sources in the order region, city, district: each part rounded
    /// down to the fen, the fen left over one each to the parts in that order. The parts always add up to the amount,
    /// and a programme's budget is the sum of its households' parts (<see cref="Budget"/>), so what the district
    /// allocates per source is exactly what the towns' payments draw per source.
    /// </summary>
    public static IReadOnlyList<(FundSource Source, Money Amount)> Split(Money amount, IReadOnlyList<FundShare> shares)
    {
        var ordered = shares.OrderBy(s => s.Source).ToArray();
        var parts = amount.Split(ordered.Select(s => s.BasisPoints).ToArray());
        return ordered.Select((s, i) => (s.Source, parts[i])).ToArray();
    }

    /// <summary>Filed households × subsidy, per source: the sum of each household's split.</summary>
    public static IReadOnlyList<(FundSource Source, Money Amount)> Budget(int households, Money subsidy, IReadOnlyList<FundShare> shares) =>
        Split(subsidy, shares).Select(p => (p.Source, new Money(checked(p.Amount.Fen * households)))).ToArray();
}

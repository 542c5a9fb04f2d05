using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Funds;

/// <summary>One ledger line as the pages and the API show it: amounts both as yuan text and as fen.</summary>
public sealed record FundLineView(Guid Id, FundEntryKind Kind, string KindLabel, FundSource Source, string SourceLabel, string Yuan, long Fen,
    DateOnly On, string? TownCode, string? TownName, string? VillageCode, string? DocumentNumber, string? PayingOffice, string? Note,
    Guid? ReversesId, Guid? ReversedById, bool HasVoucher, Guid? BatchId, DateTimeOffset RecordedAt, string RecordedByName)
{
    public bool IsReversal => ReversesId is not null;
    public bool IsReversed => ReversedById is not null;

    /// <summary>The line's kind as read on the ledger: a reversal is marked 冲销.</summary>
    public string Label => IsReversal ? KindLabel + "（冲销）" : KindLabel;
}

/// <summary>A yuan amount in both forms the API gives.</summary>
public sealed record Amount(string Yuan, long Fen)
{
    public static Amount Of(Money m) => new(m.ToYuanString(), m.Fen);
}

/// <summary>What the shared lines table shows: the lines, which columns, and the reversal handler when the viewer may reverse.</summary>
public sealed record FundLinesTable(string Id, FundLedgerPage Page, Func<int, string> PageUrl, bool ShowTown, bool ShowPayingOffice, string? ReverseHandler);

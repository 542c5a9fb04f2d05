using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class FundLedgerQuery
{
    public FundEntryKind? Kind { get; set; }
    public FundSource? Source { get; set; }
    public string? Town { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int? Page { get; set; }
}

public sealed record FundLedgerPage(IReadOnlyList<FundLineView> Lines, int Total, int Page, int PageCount, IReadOnlyList<AreaOptionView> Towns);

public sealed record AreaOptionView(string Code, string Name);

/// <summary>A ledger export: the heading and the lines as they are read.</summary>
public sealed record FundLedgerExport(string Heading, IAsyncEnumerable<FundLineView> Lines);

/// <summary>
/// The fund ledger (资金流水): every line inside the office's area, newest first, filtered and paged in SQL; a reversal
/// names the line it cancels and a reversed line names its reversal. A district sees all its lines, a town its own.
/// </summary>
public sealed class FundLedger(TongxingDb db, CurrentUser me, FundBooks books)
{
    public const int PageSize = 50;

    public async Task<Outcome<FundLedgerPage>> Handle(FundLedgerQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds) || await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<FundLedgerPage>.Forbidden("您的岗位无权查看资金流水");
        }
        var lines = Filtered(c, query);
        var total = await lines.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, int.MaxValue / PageSize);
        var rows = (await Project(lines.OrderByDescending(e => e.RecordedAt).ThenBy(e => e.Source).ThenBy(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct)).Select(r => View(r, c)).ToList();
        var towns = me.Scope!.Level == AreaLevel.District ? c.Towns.Select(t => new AreaOptionView(t.Code, t.Name)).ToList() : [];
        return Outcome<FundLedgerPage>.Success(new FundLedgerPage(rows, total, page, Math.Max(1, (total + PageSize - 1) / PageSize), towns));
    }

    /// <summary>The same lines, filtered alike, unpaged and read as they are written (the export streams them).</summary>
    public async Task<Outcome<FundLedgerExport>> Export(FundLedgerQuery query, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds) || await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<FundLedgerExport>.Forbidden("您的岗位无权导出资金流水");
        }
        var lines = Project(Filtered(c, query).OrderByDescending(e => e.RecordedAt).ThenBy(e => e.Source).ThenBy(e => e.Id)).AsAsyncEnumerable().Select(r => View(r, c));
        db.Audit("导出", "资金流水", details: $"{c.Programme.Name} 资金流水");
        await db.SaveChangesAsync(ct);
        return Outcome<FundLedgerExport>.Success(new FundLedgerExport(c.Programme.Name + " 资金流水", lines));
    }

    private IQueryable<FundEntry> Filtered(FundContext c, FundLedgerQuery q)
    {
        var lines = db.FundEntries.Within(me.Scope).Where(e => e.ProgrammeId == c.Programme.Id);
        if (q.Kind is { } kind)
        {
            lines = lines.Where(e => e.Kind == kind);
        }
        if (q.Source is { } source)
        {
            lines = lines.Where(e => e.Source == source);
        }
        if (!string.IsNullOrEmpty(q.Town))
        {
            lines = lines.Where(e => e.TownCode == q.Town);
        }
        if (q.From is { } from)
        {
            lines = lines.Where(e => e.On >= from);
        }
        if (q.To is { } to)
        {
            lines = lines.Where(e => e.On <= to);
        }
        return lines;
    }

    /// <summary>The lines with the id of the line that reversed each (if any), read in SQL; labels are added as they come.</summary>
    private IQueryable<LineRow> Project(IQueryable<FundEntry> lines) =>
        lines.AsNoTracking().Select(e => new LineRow(e, db.FundEntries.Where(r => r.ReversesId == e.Id).Select(r => (Guid?)r.Id).FirstOrDefault()));

    private static FundLineView View(LineRow row, FundContext c) => MoneyIn.View(row.Line, c, row.ReversedBy);

    private sealed record LineRow(FundEntry Line, Guid? ReversedBy);
}

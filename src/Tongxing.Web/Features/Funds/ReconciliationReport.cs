using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>One source's figures in fen (received and need at the district; allocated, paid, failed and remaining).</summary>
public sealed record SourceFigures(FundSource Source, string SourceName, long ReceivedFen, long AllocatedFen, long PaidFen, long FailedFen,
    long DistrictRemainingFen, long TownsRemainingFen, long NeedFen);

/// <summary>One town's figures for one source (or for all sources together when <see cref="Source"/> is null), in fen.</summary>
public sealed record TownFigures(FundSource? Source, string SourceName, long AllocatedFen, long PaidFen, long FailedFen, long RemainingFen, long NeedFen);

/// <summary>A town's reconciliation: its households, its money per source and in total, and whether nothing is flagged (已对平).</summary>
public sealed record TownReconciliation(string TownCode, string TownName, int Filed, int Paid, int Unpaid, int PaidWithoutReceipt,
    IReadOnlyList<TownFigures> Sources, TownFigures Total, bool Balanced);

/// <summary>A flag with where to look: the list of the town's unpaid households or its ledger.</summary>
public sealed record FlagView(FlagKind Kind, string KindName, string? TownCode, string? TownName, FundSource? Source, int Count, long AmountFen,
    bool Overdue, string Message, string Link);

public sealed record ReconciliationView(int ProgrammeId, string ProgrammeName, string AreaName, DateOnly Today, DateOnly? Deadline, int? DaysLeft,
    IReadOnlyList<SourceFigures> Sources, SourceFigures? SourceTotal, IReadOnlyList<TownReconciliation> Towns, IReadOnlyList<FlagView> Flags, bool Balanced);

/// <summary>
/// 对账: the programme's money inside the user's area per source and per town (received, allocated, paid, failed,
/// remaining) and every mismatch flagged (<see cref="Reconciliation"/>). Figures and counts only, never a person: the
/// offices that see the funds (finance included) see the same page; a town's offices see their own town.
/// One use case for the page, the API and the .xlsx.
/// </summary>
public sealed class ReconciliationReport(TongxingDb db, CurrentUser me, AreaDirectory areas, FundBalances balances, TimeProvider clock)
{
    public async Task<Outcome<ReconciliationView>> Handle(CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds) || me.Scope is not { Level: AreaLevel.District or AreaLevel.Town } scope)
        {
            return Outcome<ReconciliationView>.Forbidden("您的岗位无权查看资金对账");
        }
        var today = clock.Today();
        var district = await areas.DistrictOfAsync(scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, today, ct);
        if (programme is null)
        {
            return Outcome<ReconciliationView>.NotFound();
        }
        var within = await areas.WithinAsync(scope, ct);
        var towns = within.Where(a => a.Level == AreaLevel.Town && !a.IsRetired).Select(a => a.Code).ToList();
        var figures = await balances.FiguresAsync(programme, scope, towns, ct);
        var names = within.Where(a => a.Level <= AreaLevel.Town).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var missing = figures.Counts.Select(c => c.TownCode).Where(c => !names.ContainsKey(c)).ToList();
        foreach (var (code, name) in await areas.NamesAsync(missing, ct))
        {
            names[code] = name;
        }
        string Name(string code) => names.GetValueOrDefault(code, code);

        var deadline = new FundsDeadline(programme.Phase(ProgrammePhase.Funds)?.Deadline, today);
        var flags = Reconciliation.Check(figures.Sources, figures.Towns, figures.Counts, deadline, Name);

        var sources = figures.Sources.Select(s => new SourceFigures(s.Source, Programme.SourceLabel(s.Source), s.Received.Fen, s.Allocated.Fen, s.Paid.Fen,
            s.Failed.Fen, s.DistrictRemaining.Fen, s.TownsRemaining.Fen, figures.Towns.Where(t => t.Source == s.Source).Sum(t => t.Need.Fen))).ToList();
        var sourceTotal = sources.Count == 0 ? null : new SourceFigures(default, "合计", sources.Sum(s => s.ReceivedFen), sources.Sum(s => s.AllocatedFen),
            sources.Sum(s => s.PaidFen), sources.Sum(s => s.FailedFen), sources.Sum(s => s.DistrictRemainingFen), sources.Sum(s => s.TownsRemainingFen),
            sources.Sum(s => s.NeedFen));
        var townViews = figures.Counts.Select(c =>
        {
            var rows = figures.Towns.Where(t => t.TownCode == c.TownCode).OrderBy(t => t.Source)
                .Select(t => new TownFigures(t.Source, Programme.SourceLabel(t.Source), t.Allocated.Fen, t.Paid.Fen, t.Failed.Fen, t.Remaining.Fen, t.Need.Fen))
                .ToList();
            var total = new TownFigures(null, "合计", rows.Sum(r => r.AllocatedFen), rows.Sum(r => r.PaidFen), rows.Sum(r => r.FailedFen),
                rows.Sum(r => r.RemainingFen), rows.Sum(r => r.NeedFen));
            return new TownReconciliation(c.TownCode, Name(c.TownCode), c.Filed, c.Filed - c.Unpaid, c.Unpaid, c.PaidWithoutReceipt, rows, total,
                Reconciliation.Balanced(c.TownCode, flags));
        }).ToList();
        var flagViews = flags.Select(f => new FlagView(f.Kind, KindName(f.Kind), f.TownCode, f.TownCode is { } t ? Name(t) : null, f.Source, f.Count, f.Amount.Fen,
            f.Overdue, f.Message, Link(f))).ToList();
        var self = names.GetValueOrDefault(scope.Code, scope.Code);
        return Outcome<ReconciliationView>.Success(new ReconciliationView(programme.Id, programme.Name, self, today, deadline.Deadline, deadline.DaysLeft,
            sources, sourceTotal, townViews, flagViews, flagViews.Count == 0));
    }

    /// <summary>The reconciliation as a workbook: audited, since it leaves the system.</summary>
    public async Task<Outcome<ReconciliationView>> Export(CancellationToken ct)
    {
        var outcome = await Handle(ct);
        if (outcome.Ok)
        {
            db.Audit("导出", "资金对账", me.Scope!.Code, details: $"{outcome.Value!.ProgrammeName}，{outcome.Value.Towns.Count}个乡镇，{outcome.Value.Flags.Count}项差异");
            await db.SaveChangesAsync(ct);
        }
        return outcome;
    }

    public static string KindName(FlagKind kind) => kind switch
    {
        FlagKind.AllocatedMoreThanReceived => "下拨超过到账",
        FlagKind.PaidMoreThanAllocated => "发放超过下拨",
        FlagKind.FiledUnpaid => "已备案未发放",
        FlagKind.PaidNotFiled => "未备案已发放",
        FlagKind.PaidWithoutReceipt => "已发放未签收",
        FlagKind.LinesNotMatchingAmount => "台账与发放金额不符",
        FlagKind.LinesWithoutLivePayment => "冲销未入账",
        FlagKind.TownSurplus => "乡镇结余",
        FlagKind.DistrictSurplus => "区级结余",
        _ => "",
    };

    /// <summary>Where an official looks next: unpaid households on the town's progress list, unreceipted ones on the receipts list, money on the ledger.</summary>
    private static string Link(ReconciliationFlag f)
    {
        var town = f.TownCode is { } t ? "?town=" + Uri.EscapeDataString(t) : "";
        return f.Kind switch
        {
            FlagKind.FiledUnpaid => "/Funds/Progress" + town,
            FlagKind.PaidWithoutReceipt => "/Funds/Receipts" + town,
            _ => "/Funds/Ledger" + town,
        };
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>
/// 资金下拨: the district federation allocates each source's money to a town, one form for the three sources; "按需下拨"
/// fills the amounts with what the town's filed households still need. Other offices see what went down.
/// </summary>
public sealed class AllocationsModel(MoneyIn money, FundLedger ledger, FundSummary summary, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty]
    public TownAllocationInput Input { get; set; } = new();

    [BindProperty]
    public ReversalInput Reversal { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? P { get; set; }

    public FundLedgerPage Lines { get; private set; } = default!;

    public FundsOverview Overview { get; private set; } = default!;

    public bool MayAllocate => me.Can(Capability.AllocateFunds);

    /// <summary>Whether the amounts typed break a limit, so the reason is asked for beside them.</summary>
    public bool ReasonAsked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? town, bool need, CancellationToken ct)
    {
        Input.TownCode = town;
        Input.On = clock.Today();
        var shown = await Show(ct);
        if (need && Overview.Towns.FirstOrDefault(t => t.TownCode == town) is { } t)
        {
            string? Of(FundSource s) => t.Sources.First(x => x.Source == s).Shortfall is { Fen: > 0 } a ? a.Yuan.Replace(",", "", StringComparison.Ordinal) : null;
            (Input.Region, Input.City, Input.District) = (Of(FundSource.Region), Of(FundSource.City), Of(FundSource.District));
        }
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await money.Allocate(Input, ct);
        ReasonAsked = outcome.Errors.Any(e => e.Field == "Reason");
        var done = outcome.Value is { } lines ? $"已向{lines[0].TownName}下拨 " + string.Join("，", lines.Select(l => $"{l.SourceLabel}{l.Yuan}元")) : "";
        return await this.After(null, outcome, done, () => Show(ct), f => f.Length == 0 ? "" : "Input." + f);
    }

    public async Task<IActionResult> OnPostReverseAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await money.ReverseAllocation(id, Reversal, ct);
        return await this.After(null, outcome, "已冲销该笔下拨", () => Show(ct), f => f == "Reason" ? "Reversal.Reason" : "");
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var overview = await summary.Handle(ct);
        var outcome = await ledger.Handle(new FundLedgerQuery { Kind = FundEntryKind.Allocation, Page = P }, ct);
        if (!outcome.Ok || !overview.Ok)
        {
            return Forbid();
        }
        (Lines, Overview) = (outcome.Value!, overview.Value!);
        return Page();
    }
}

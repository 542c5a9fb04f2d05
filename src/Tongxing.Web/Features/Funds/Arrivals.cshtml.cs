using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>到账登记: finance records each source's arrival with its voucher, and reverses a wrong one; everyone with the funds sees the list.</summary>
public sealed class ArrivalsModel(MoneyIn money, FundLedger ledger, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty]
    public ArrivalInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Voucher { get; set; }

    [BindProperty]
    public ReversalInput Reversal { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public int? P { get; set; }

    public FundLedgerPage Lines { get; private set; } = default!;

    public bool MayRecord => me.Can(Capability.RecordArrivals);

    public Guid? Reversing { get; private set; }

    public Task<IActionResult> OnGetAsync(FundSource? source, CancellationToken ct)
    {
        NewArrival(source);
        return Show(ct);
    }

    /// <summary>The new-arrival form as it opens: the source asked for (自治区 by default), today, that source's usual office.</summary>
    private void NewArrival(FundSource? source)
    {
        Input.Source = source ?? FundSource.Region;
        Input.On = clock.Today();
        Input.PayingOffice = FundRules.DefaultPayingOffice(Input.Source.Value);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!MayRecord)
        {
            return Forbid();
        }
        VoucherUpload? upload = null;
        if (Voucher is { Length: > 0 })
        {
            if (Voucher.Length > money.MaxVoucherBytes)
            {
                ModelState.AddModelError("Voucher", $"凭证文件不能超过{money.MaxVoucherBytes / 1024 / 1024}MB");
                return await Show(ct);
            }
            using var buffer = new MemoryStream();
            await Voucher.CopyToAsync(buffer, ct);
            upload = new VoucherUpload(buffer.ToArray(), Voucher.FileName);
        }
        ModelState.Clear();
        var outcome = await money.RecordArrival(Input, upload, ct);
        if (!outcome.Ok && upload is not null && outcome.Errors.All(e => e.Field != "Voucher"))
        {
            // A browser does not keep a chosen file across pages: said at the field, so that the scan is not forgotten.
            outcome = new Outcome<FundLineView>(outcome.Status, default, [.. outcome.Errors, new FieldError("Voucher", $"请改正上面的内容后重新选择到账凭证（刚才选的是“{Path.GetFileName(upload.FileName)}”）")]);
        }
        return await this.After(null, outcome, outcome.Value is { } l ? $"已登记{l.SourceLabel}资金到账 {l.Yuan} 元（{l.DocumentNumber}）" : "", () => Show(ct),
            f => f == "Voucher" ? "Voucher" : f.Length == 0 ? "" : "Input." + f);
    }

    public async Task<IActionResult> OnPostReverseAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        Reversing = id;
        // A refused reversal shows the page again: its new-arrival form as it opens, not emptied.
        NewArrival(null);
        var outcome = await money.ReverseArrival(id, Reversal, ct);
        return await this.After(null, outcome, "已冲销该笔到账", () => Show(ct), f => f == "Reason" ? "Reversal.Reason" : "");
    }

    private async Task<IActionResult> Show(CancellationToken ct)
    {
        var outcome = await ledger.Handle(new FundLedgerQuery { Kind = FundEntryKind.Arrival, Page = P }, ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }
        Lines = outcome.Value!;
        return Page();
    }
}

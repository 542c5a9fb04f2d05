using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Approvals;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Households;

public sealed class DetailsModel(GetHousehold get, ReviewHousehold review, ResubmitHousehold resubmit, ApprovalActions approvals,
    Funds.Payments.HouseholdBankAccounts bankAccounts) : PageModel
{
    /// <summary>收款账户: masked, or in full once after 显示完整账号 (audited).</summary>
    public Funds.Payments.BankAccountView? BankAccount { get; private set; }

    [BindProperty]
    public Funds.Payments.BankAccountInput Account { get; set; } = new();

    private bool _fullAccount;

    public async Task<IActionResult> OnPostBankAccountAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await bankAccounts.Set(id, Account, ct), "已保存收款账户。", () => Show(id, ct),
            field => field switch { "BankAccountName" => "Account.Name", "BankAccountNumber" => "Account.Number", "BankName" => "Account.Bank", _ => "Account" });

    public async Task<IActionResult> OnPostShowAccountAsync(Guid id, CancellationToken ct)
    {
        _fullAccount = true;
        return await Show(id, ct);
    }

    public HouseholdView Household { get; private set; } = default!;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Show(id, ct);

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        await After(id, await review.Handle(id, new ReviewCommand(ReviewDecision.Accept, Reason, Version), ct), "已审核通过。", ct);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        await After(id, await review.Handle(id, new ReviewCommand(ReviewDecision.Return, Reason, Version), ct), "已退回村（社区），退回原因已告知。", ct);

    public async Task<IActionResult> OnPostResubmitAsync(Guid id, CancellationToken ct) =>
        await After(id, await resubmit.Handle(id, Reason, ct), "已重新提交，等待乡镇报送。", ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, ApprovalStep step, CancellationToken ct) =>
        await After(id, await approvals.Handle(id, new ApprovalCommand(ApprovalAction.Approve, step, Reason, Version), ct), $"已办理：{ApprovalChain.Find(step)?.Label}。", ct, approval: true);

    public async Task<IActionResult> OnPostSendBackAsync(Guid id, CancellationToken ct) =>
        await After(id, await approvals.Handle(id, new ApprovalCommand(ApprovalAction.SendBack, null, Reason, Version), ct), "已退回上一环节。", ct, approval: true);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        await After(id, await approvals.Handle(id, new ApprovalCommand(ApprovalAction.Withdraw, null, Reason, Version), ct), "已撤回审批。", ct, approval: true);

    // An approval's refusal (a missing comment, someone else acted first) is shown under the approval form's comment.
    private Task<IActionResult> After(Guid id, Outcome<int> outcome, string done, CancellationToken ct, bool approval = false) =>
        this.After(id, outcome, done, () => Show(id, ct), field => approval || field == "Reason" ? nameof(Reason) : string.Empty);

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await get.Handle(id, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
            default:
                Household = outcome.Value!;
                var account = await bankAccounts.Get(id, _fullAccount, ct);
                if (_fullAccount && account.Status == OutcomeStatus.Forbidden)
                {
                    return Forbid();
                }
                BankAccount = account.Value;
                return Page();
        }
    }
}

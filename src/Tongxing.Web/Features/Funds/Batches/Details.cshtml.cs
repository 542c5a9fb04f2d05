using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Funds.Payments;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Batches;

/// <summary>
/// One batch: its control totals and entries; while a draft, the town's candidates to add and entries to remove, then
/// 提交银行; once sent, the bank file, the result file (dry run, then confirm) and reversal entry by entry.
/// </summary>
[RequestFormLimits(ValueLengthLimit = DivisionFile.MaxBytes * 4 / 3 + 16)]
public sealed class DetailsModel(PaymentBatches batches, BankFiles files, PaymentActions payments) : PageModel
{
    public BatchView Batch { get; private set; } = default!;
    public CandidatePage? Candidates { get; private set; }
    public BankResultReport? Report { get; private set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Carried { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int CandidatePageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await Show(id, ct);

    public async Task<IActionResult> OnGetBankFileAsync(Guid id, CancellationToken ct)
    {
        var outcome = await files.Export(id, ct);
        return outcome.Status switch
        {
            OutcomeStatus.Ok => File(outcome.Value!.Content, FormWorkbook.ContentType, outcome.Value.FileName),
            OutcomeStatus.NotFound => NotFound(),
            OutcomeStatus.Forbidden => Forbid(),
            _ => await Failed(id, outcome.Errors, ct),
        };
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await batches.Add(id, new AddEntriesInput { HouseholdIds = Selected, Amount = Amount, Version = Version }, ct),
            $"已加入{Selected.Count}户。", () => Show(id, ct), f => f == "Amount" ? nameof(Amount) : "");

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid paymentId, CancellationToken ct) =>
        await this.After(id, await batches.Remove(id, paymentId, Version, ct), "已从批次中移除。", () => Show(id, ct));

    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await batches.Send(id, Version, ct), "已提交银行，批次不能再修改。请下载代发清单交银行办理。", () => Show(id, ct));

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        await this.After(id, await batches.Cancel(id, Version, ct), "批次已作废，其中的对象可编入其他批次。", () => Show(id, ct));

    public async Task<IActionResult> OnPostReverseAsync(Guid id, Guid paymentId, CancellationToken ct) =>
        await this.After(id, await payments.Reverse(paymentId, new ReversalInput { Reason = Reason, Version = Version }, ct, inBatch: id), "已冲销。", () => Show(id, ct),
            f => f == "Reason" ? nameof(Reason) : "");

    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0 || Upload.Length > DivisionFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"请选择银行返回的结果文件（.xlsx，不超过{DivisionFile.MaxBytes / 1024 / 1024}MB）");
            return await Show(id, ct);
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var outcome = await files.Import(id, bytes, apply: false, null, ct);
        if (!outcome.Ok)
        {
            return await Failed(id, outcome.Errors, ct);
        }
        Report = outcome.Value;
        Carried = CarriedUpload.Encode(bytes);
        Fingerprint = Report!.Fingerprint;
        return await Show(id, ct);
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        if (CarriedUpload.Decode(Carried, Fingerprint) is not { } bytes)
        {
            ModelState.AddModelError(nameof(Upload), CarriedUpload.AgainMessage);
            return await Show(id, ct);
        }
        var outcome = await files.Import(id, bytes, apply: true, Fingerprint, ct);
        if (outcome.Ok)
        {
            var r = outcome.Value!;
            TempData["Message"] = $"已导入银行结果：成功{r.PaidCount}笔（{r.PaidSum}），失败{r.FailedCount}笔（{r.FailedSum}）" + (r.Closed ? "，批次已办结。" : $"，尚有{r.Remaining}笔待银行回单。");
            return RedirectToPage(new { id });
        }
        Report = outcome.Value;
        return await Failed(id, outcome.Errors, ct);
    }

    private async Task<IActionResult> Failed(Guid id, IReadOnlyList<Domain.FieldError> errors, CancellationToken ct)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field == "File" ? nameof(Upload) : "", e.Message);
        }
        return await Show(id, ct);
    }

    private async Task<IActionResult> Show(Guid id, CancellationToken ct)
    {
        var outcome = await batches.Get(id, ct);
        switch (outcome.Status)
        {
            case OutcomeStatus.Forbidden:
                return Forbid();
            case OutcomeStatus.NotFound:
                return NotFound();
        }
        Batch = outcome.Value!;
        if (Batch.CanEdit)
        {
            Candidates = (await batches.Candidates(CandidatePageNumber, ct)).Value;
        }
        return Page();
    }
}

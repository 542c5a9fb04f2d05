using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds.Payments;

/// <summary>The JSON API of bank accounts, payment batches, the bank's files, cash payments and reversals.</summary>
public static class PaymentEndpoints
{
    public static RouteGroupBuilder MapPaymentEndpoints(this RouteGroupBuilder api)
    {
        const string Tag = "资金发放 Payments";
        api.MapGet("/households/{id:guid}/bank-account", async (Guid id, bool? full, HouseholdBankAccounts handler, CancellationToken ct) =>
                ApiResults.From(await handler.Get(id, full == true, ct), ApiResults.Ok))
            .WithTags(Tag).WithSummary("收款账户（账号脱敏）；full=true 显示完整账号，仅村党组织、镇党委，留痕");
        api.MapPut("/households/{id:guid}/bank-account", async (Guid id, BankAccountInput input, HouseholdBankAccounts handler, CancellationToken ct) =>
                ApiResults.From(await handler.Set(id, input, ct), v => TypedResults.Ok(new { version = v })))
            .WithTags(Tag).WithSummary("登记或变更收款账户 {name, number, bank, version}（账号10至30位数字）");

        var batches = api.MapGroup("/payment-batches").WithTags(Tag);
        batches.MapGet("/", async (PaymentBatches handler, CancellationToken ct) => ApiResults.From(await handler.List(ct), ApiResults.Ok))
            .WithSummary("本辖区的代发批次（状态、户数、金额）");
        batches.MapPost("/", async (NewBatchInput input, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Create(input, ct), id => TypedResults.Created($"/api/v1/payment-batches/{id}", new { id })))
            .WithSummary("镇党委新建代发批次（草稿）{title}");
        batches.MapGet("/candidates", async (int? page, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Candidates(page ?? 1, ct), ApiResults.Ok))
            .WithSummary("可加入批次的对象：本镇已备案、尚未发放也不在其他批次中的户（无账号的标明须先登记），分页");
        batches.MapGet("/{id:guid}", async (Guid id, PaymentBatches handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithSummary("批次详情：控制数（户数、金额）与各笔（账号脱敏）");
        batches.MapPost("/{id:guid}/entries", async (Guid id, AddEntriesInput input, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Add(id, input, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("向草稿批次加入对象 {householdIds, amount（元，缺省为每户扶持资金，不得低于）, version}");
        batches.MapDelete("/{id:guid}/entries/{paymentId:guid}", async (Guid id, Guid paymentId, int version, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Remove(id, paymentId, version, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("从草稿批次移除一笔（?version=批次版本）");
        batches.MapPost("/{id:guid}/send", async (Guid id, VersionInput input, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Send(id, input.Version, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("提交银行：固定控制数，此后批次不能修改，只能逐笔冲销 {version}");
        batches.MapPost("/{id:guid}/cancel", async (Guid id, VersionInput input, PaymentBatches handler, CancellationToken ct) =>
                ApiResults.From(await handler.Cancel(id, input.Version, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("作废草稿批次 {version}");
        batches.MapGet("/{id:guid}/bank-file", async (Guid id, BankFiles handler, CancellationToken ct) =>
            {
                var outcome = await handler.Export(id, ct);
                return outcome.Ok
                    ? TypedResults.File(outcome.Value!.Content, FormWorkbook.ContentType, outcome.Value.FileName)
                    : ApiResults.From(outcome, _ => TypedResults.Empty);
            })
            .WithSummary("下载一卡通代发清单（.xlsx，含完整账号，留痕）");
        batches.MapPost("/{id:guid}/result", async (Guid id, bool? dryRun, [FromForm] string? fingerprint, IFormFile file, BankFiles handler, CancellationToken ct) =>
            {
                if (file.Length > DivisionFile.MaxBytes)
                {
                    return TypedResults.Problem("文件过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var outcome = await handler.Import(id, buffer.ToArray(), dryRun == false, fingerprint, ct);
                return outcome.Status == OutcomeStatus.Invalid && outcome.Value is not null
                    ? TypedResults.UnprocessableEntity(outcome.Value)
                    : ApiResults.From(outcome, ApiResults.Ok);
            })
            .WithSummary("导入银行结果文件（multipart 字段 file，可带 fingerprint）；dryRun=true（缺省）只核对，dryRun=false 全部无误才导入");

        var payments = api.MapGroup("/payments").WithTags(Tag);
        payments.MapPost("/{id:guid}/reversal", async (Guid id, ReversalInput input, PaymentActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Reverse(id, input, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("逐笔冲销 {reason, version}：已发放的写入反向台账并退回已备案");
        payments.MapPost("/cash", async ([FromForm] CashInput input, IFormFile? receipt, PaymentActions handler, CancellationToken ct) =>
            {
                if (receipt is not null && receipt.Length > handler.MaxPhotoBytes)
                {
                    return TypedResults.Problem("照片过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                using var buffer = new MemoryStream();
                if (receipt is not null)
                {
                    await receipt.CopyToAsync(buffer, ct);
                }
                return ApiResults.From(await handler.PayCash(input, buffer.ToArray(), receipt?.FileName, ct), id => TypedResults.Ok(new { id }));
            })
            .WithSummary("现金发放（multipart：householdId, amount, paidOn, receipt=签字收据照片）");
        return api;
    }
}

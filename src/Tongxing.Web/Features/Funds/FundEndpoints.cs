using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>The JSON API of money in and down: the summary, arrivals, allocations and the fund ledger.</summary>
public static class FundEndpoints
{
    public static RouteGroupBuilder MapFundEndpoints(this RouteGroupBuilder api)
    {
        var funds = api.MapGroup("/funds").WithTags("资金发放 Funds");
        funds.MapGet("/summary", async (FundSummary handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithSummary("资金概况：各来源预算（备案户数×补助标准按比例分摊）、到账、下拨，各镇所需与已拨，发放截止日");
        funds.MapPost("/arrivals", async ([FromForm] ArrivalInput input, IFormFile? voucher, MoneyIn handler, CancellationToken ct) =>
            {
                if (voucher is { Length: var n } && n > handler.MaxVoucherBytes)
                {
                    return TypedResults.Problem("凭证文件过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                var upload = voucher is null ? null : new VoucherUpload(await Read(voucher, ct), voucher.FileName);
                return ApiResults.From(await handler.RecordArrival(input, upload, ct), line => TypedResults.Created($"/api/v1/funds/arrivals/{line.Id}", line));
            })
            .DisableAntiforgery()
            .WithSummary("登记资金到账（multipart：source=Region/City/District，amount 元，on 到账日期，documentNumber 文号，payingOffice 拨款单位，voucher 凭证扫描件 JPEG/PNG）");
        funds.MapGet("/arrivals", Lines(FundEntryKind.Arrival))
            .WithSummary("到账记录（含冲销），新的在前，分页");
        funds.MapPost("/arrivals/{id:guid}/reversal", async (Guid id, ReversalInput input, MoneyIn handler, CancellationToken ct) =>
                ApiResults.From(await handler.ReverseArrival(id, input, ct), ApiResults.Ok))
            .WithSummary("冲销一笔到账 {reason}：记一笔相反金额的流水，原记录不改；同一笔只能冲销一次（409）");
        funds.MapGet("/arrivals/{id:guid}/voucher", async (Guid id, MoneyIn handler, HttpContext http, CancellationToken ct) =>
            {
                var file = await handler.Voucher(id, ct);
                if (file is null)
                {
                    return TypedResults.NotFound();
                }
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return (IResult)TypedResults.File(file.Content, file.ContentType);
            })
            .WithSummary("到账凭证（仅本区可查看资金的岗位）");
        funds.MapPost("/allocations", async (AllocationInput input, MoneyIn handler, CancellationToken ct) =>
                ApiResults.From(await handler.Allocate(input, ct), line => TypedResults.Created($"/api/v1/funds/allocations/{line.Id}", line)))
            .WithSummary("资金下拨 {townCode, source, amount 元, on, documentNumber?, reason?}：超过到账余额或超过该镇备案对象所需时须填写原因");
        funds.MapGet("/allocations", Lines(FundEntryKind.Allocation))
            .WithSummary("下拨记录（含冲销），新的在前，分页；镇只见本镇");
        funds.MapPost("/allocations/{id:guid}/reversal", async (Guid id, ReversalInput input, MoneyIn handler, CancellationToken ct) =>
                ApiResults.From(await handler.ReverseAllocation(id, input, ct), ApiResults.Ok))
            .WithSummary("冲销一笔下拨 {reason}");
        funds.MapGet("/ledger", async ([AsParameters] FundLedgerQuery query, FundLedger handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithSummary("资金流水：kind、source、town、from、to 筛选，page 分页，新的在前");
        funds.MapGet("/ledger/export", async ([AsParameters] FundLedgerQuery query, FundLedger handler, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await handler.Export(query, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var stream = await Downloads.WriteToTempFileAsync(s => FundLedgerWorkbook.WriteAsync(s, outcome.Value!, ct), ct);
                return TypedResults.File(stream, FormWorkbook.ContentType, $"资金流水_{clock.Today():yyyyMMdd}.xlsx");
            })
            .WithSummary("资金流水导出 .xlsx（筛选同上）");
        return api;
    }

    /// <summary>The ledger's lines of one kind, with the ledger's other filters and paging.</summary>
    private static Func<FundLedgerQuery, FundLedger, CancellationToken, Task<IResult>> Lines(FundEntryKind kind) =>
        async ([AsParameters] FundLedgerQuery query, FundLedger handler, CancellationToken ct) =>
        {
            query.Kind = kind;
            return ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok);
        };

    private static async Task<byte[]> Read(IFormFile file, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }
}

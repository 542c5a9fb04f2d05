using Microsoft.AspNetCore.Mvc;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>The JSON API of receipts (签收), the funds phase's progress against its deadline, and project follow-through (项目落实).</summary>
public static class ReceiptEndpoints
{
    public static RouteGroupBuilder MapReceiptEndpoints(this RouteGroupBuilder api)
    {
        var funds = api.MapGroup("/funds").WithTags("资金发放 Funds");
        funds.MapGet("/receipts", async ([AsParameters] ReceiptListQuery query, FundsReceipts handler, CancellationToken ct) =>
                ApiResults.From(await handler.List(query, ct), ApiResults.Ok))
            .WithSummary("本辖区已发放资金的签收情况：state=pending（待签收，默认）或 done（已签收），可按 town、village 筛选，分页 page；区级另给各乡镇的已发放/已签收/未签收户数");
        funds.MapGet("/progress", async ([AsParameters] ProgressQuery query, FundsProgress handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithSummary("资金发放进度：各乡镇（或 town 下各村）已备案、已发放、未发放、批次中、已签收、项目已落实户数；发放截止日（自然日）剩余或逾期天数；指定乡镇时列出未发放户（分页）");

        api.MapPost("/payments/{id:guid}/receipt", async (Guid id, [FromForm] ReceiptInput input, IFormFile? photo, FundsReceipts handler, CancellationToken ct) =>
            {
                var read = await UploadedPhoto.ReadAsync(photo, handler.MaxPhotoBytes, ct);
                return read.TooLarge ? TooLarge() : ApiResults.From(await handler.Record(id, input, read.Content, read.FileName, ct), v => TypedResults.Ok(new { version = v }));
            })
            .WithTags("资金发放 Funds")
            .WithSummary("登记签收（multipart）：kind=SignedPhoto（本人签收）或 Proxy（代签，须填 proxyName、proxyRelation、proxyReason），on=签收日期 yyyy-MM-dd，version，photo=签收单照片（两种方式都必须上传）")
            .DisableAntiforgery();
        api.MapGet("/payments/{id:guid}/receipt/photo", async (Guid id, FundsReceipts handler, HttpContext http, CancellationToken ct) =>
                Serve(await handler.Photo(id, ct), http))
            .WithTags("资金发放 Funds")
            .WithSummary("签收单照片（仅限本辖区；每次查看记入审计日志）");

        api.MapPut("/households/{id:guid}/project-start", async (Guid id, [FromForm] ProjectStartInput input, IFormFile? photo, HouseholdFunds handler, CancellationToken ct) =>
            {
                var read = await UploadedPhoto.ReadAsync(photo, handler.MaxPhotoBytes, ct);
                return read.TooLarge ? TooLarge() : ApiResults.From(await handler.RecordProjectStart(id, input, read.Content, read.FileName, ct), on => TypedResults.Ok(new { startedOn = on }));
            })
            .WithTags("资金发放 Funds")
            .WithSummary("登记或更正项目落实情况（镇党委，multipart）：startedOn=项目启动日期，note=情况说明，photo=现场照片（首次登记必须上传）；只限已发放资金的对象")
            .DisableAntiforgery();
        api.MapGet("/households/{id:guid}/project-start/photo", async (Guid id, HouseholdFunds handler, HttpContext http, CancellationToken ct) =>
                Serve(await handler.ProjectPhoto(id, ct), http))
            .WithTags("资金发放 Funds")
            .WithSummary("项目落实照片（仅限本辖区）");
        return api;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() => TypedResults.Problem("照片过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");

    public static IResult Serve(StoredFile? file, HttpContext http)
    {
        if (file is null)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

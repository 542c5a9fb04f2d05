using Tongxing.Web.Documents;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Publicity;

/// <summary>The JSON API of publicity entries (宣传).</summary>
public static class PublicityEndpoints
{
    public static RouteGroupBuilder MapPublicityEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/publicity").WithTags("督导 Oversight");
        g.MapGet("", async (string? kind, string? state, int? page, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.List(kind, state, page ?? 1, ct), ApiResults.Ok))
            .WithSummary("本辖区的宣传材料：kind=AdvancedCollective/AdvancedIndividual/GoodPractice，state=Draft/Submitted/Approved/Returned/Withdrawn，每页20条");
        g.MapPost("", async (PublicityInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(null, input, ct), id => TypedResults.Created($"/api/v1/publicity/{id}", new { id })))
            .WithSummary("撰写宣传材料（草稿）：kind、title、text，可关联本辖区的 householdId、helperId、branchVillageCode；关联对象户时 consentOn=本人书面同意日期（不填则对外不公开其姓名）");
        g.MapGet("/choices", async (string? q, PublicityEntries handler, CancellationToken ct) => ApiResults.From(await handler.Choices(q, ct), ApiResults.Ok))
            .WithSummary("可关联的本辖区已备案对象户、帮扶人（q 按姓名筛选，各最多300个）、村（社区）党组织，及每份材料的照片上限");
        g.MapGet("/export.docx", async (PublicityEntries handler, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await handler.Export(ct), f =>
                {
                    http.Response.Headers.CacheControl = "private, no-store";
                    return TypedResults.File(f.Docx, Word.ContentType, f.FileName);
                }))
            .WithSummary("导出本辖区经区残联审核通过的宣传材料（.docx，含照片、审核人和时间；未经本人同意的对象户不公开姓名；记入审计日志）");
        g.MapGet("/{id:guid}", async (Guid id, PublicityEntries handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithSummary("一份宣传材料：内容、关联对象、照片、状态、审核情况、version");
        g.MapPut("/{id:guid}", async (Guid id, PublicityInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithSummary("修改草稿或被退回的宣传材料；version 过期返回409");
        g.MapPost("/{id:guid}/photos", async (Guid id, IFormFile? photo, PublicityEntries handler, CancellationToken ct) =>
            {
                var read = await UploadedPhoto.ReadAsync(photo, handler.MaxPhotoBytes, ct);
                return read.TooLarge
                    ? TypedResults.Problem("照片过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大")
                    : ApiResults.From(await handler.AddPhoto(id, read.Content ?? [], read.FileName, ct), seq => TypedResults.Ok(new { seq }));
            })
            .WithSummary("为草稿或被退回的宣传材料添加照片（multipart，photo=JPEG或PNG）").DisableAntiforgery();
        g.MapGet("/{id:guid}/photos/{seq:int}", async (Guid id, int seq, PublicityEntries handler, HttpContext http, CancellationToken ct) =>
                ReceiptEndpoints.Serve(await handler.Photo(id, seq, ct), http))
            .WithSummary("宣传材料的照片（仅限本辖区；每次查看记入审计日志）");
        g.MapPost("/{id:guid}/submit", async (Guid id, PublicityDecisionInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Submit(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithSummary("报区残联审核：version");
        g.MapPost("/{id:guid}/approve", async (Guid id, PublicityDecisionInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Approve(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithSummary("区残联审核通过（可对外宣传）：version");
        g.MapPost("/{id:guid}/return", async (Guid id, PublicityDecisionInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Return(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithSummary("区残联退回修改：reason（必填）、version");
        g.MapPost("/{id:guid}/withdraw", async (Guid id, PublicityDecisionInput input, PublicityEntries handler, CancellationToken ct) =>
                ApiResults.From(await handler.Withdraw(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithSummary("区残联撤回已审核的宣传材料：reason（必填）、version");
        return api;
    }
}

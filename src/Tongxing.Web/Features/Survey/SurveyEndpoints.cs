using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed record ResubmitRequest(string? Comment);

/// <summary>The survey phase's JSON API: the same use cases as the survey pages.</summary>
public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveyEndpoints(this RouteGroupBuilder api)
    {
        var households = api.MapGroup("/households").WithTags("调查摸底 Survey");
        households.MapGet("/{id:guid}/screening", async (Guid id, GetHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, ct), v => TypedResults.Ok(new { outcome = v.Screening, label = v.ScreeningLabel, rules = v.Rules })))
            .WithSummary("一户的资格筛查结果：逐条规则的结论与原因");
        households.MapPut("/{id:guid}", async (Guid id, int version, HouseholdInput input, CorrectHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, input, version, ct), _ => TypedResults.NoContent()))
            .WithSummary("修改村已提名或被退回对象的登记信息（需带当前 version），保存后重新筛查");
        households.MapPost("/{id:guid}/review", async (Guid id, ReviewCommand command, ReviewHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, command, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("区残联审核：decision 为 Accept（通过）或 Return（退回，reason 必填）");
        households.MapPost("/{id:guid}/resubmit", async (Guid id, ResubmitRequest request, ResubmitHousehold handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, request.Comment, ct), v => TypedResults.Ok(new { version = v })))
            .WithSummary("村党组织修改后重新提交被退回的对象");

        var survey = api.MapGroup("/survey").WithTags("调查摸底 Survey");
        survey.MapGet("/", async (string? town, SurveyBoard handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(town, ct), ApiResults.Ok))
            .WithSummary("各乡镇任务数、提名、报送、备选、审核通过、退回、截止日期及尚无提名的村；一个乡镇的名单");
        survey.MapPost("/submissions", async (SubmitSurveyCommand command, SubmitSurvey handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(command, ct), ApiResults.Ok))
            .WithSummary("乡镇报送附件1：households 为正式对象，reserves 为超出任务数的备选对象；全部成功或全部不报");
        survey.MapGet("/attachment1", async (string? town, ExportAttachment1 handler, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(town, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var file = outcome.Value!;
                var stream = new MemoryStream();
                await Attachment1Workbook.WriteAsync(stream, file.Heading, file.Rows, ct);
                stream.Position = 0;
                return TypedResults.File(stream, Attachment1Workbook.ContentType, file.FileName);
            })
            .WithSummary("导出乡镇的帮扶对象汇总表（附件1，.xlsx）");
        survey.MapPost("/imports", async (IFormFile file, bool? dryRun, ImportAttachment1 handler, CancellationToken ct) =>
            {
                if (file.Length > handler.MaxBytes)
                {
                    return TypedResults.Problem($"文件超过{handler.MaxBytes / 1024 / 1024}MB的上限", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                var name = Path.GetFileName(file.FileName);
                var outcome = dryRun == false ? await handler.Import(name, buffer.ToArray(), ct) : await handler.DryRun(name, buffer.ToArray(), ct);
                return ApiResults.From(outcome, r => r.FileError is null && r.Rejected == 0 ? TypedResults.Ok(r) : TypedResults.UnprocessableEntity(r));
            })
            .WithSummary("导入附件1（multipart 字段 file）。dryRun=true（默认）只检查；dryRun=false 全部通过时整体导入，否则不导入任何行；有误时返回 422 及逐行原因");
        return api;
    }
}

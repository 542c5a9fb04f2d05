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
        survey.MapGet("/", async (string? town, HouseholdStatus? status, SurveyBoard handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(town, ct, status), ApiResults.Ok))
            .WithSummary("各乡镇任务数、提名、报送、备选、审核通过、退回、截止日期及尚无提名的村；一个乡镇的名单（status 按状态筛选）、各状态户数及本镇还可报送的正式对象数");
        survey.MapPost("/submissions", async (SubmitSurveyCommand command, SubmitSurvey handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(command, ct), ApiResults.Ok))
            .WithSummary("乡镇报送附件1：households 为正式对象，reserves 为超出任务数的备选对象；全部成功或全部不报");
        survey.MapGet("/attachment1", async ([AsParameters] Attachment1Query query, ExportAttachment1 handler, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(query, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var file = outcome.Value!;
                var stream = await Downloads.WriteToTempFileAsync(s => Attachment1Workbook.WriteAsync(s, file.Heading, file.Rows, ct), ct);
                return TypedResults.File(stream, Attachment1Workbook.ContentType, file.FileName);
            })
            .WithSummary("导出乡镇的帮扶对象汇总表（附件1，.xlsx）：默认为该镇已报送区残联的对象（含备选）；filtered=true 时按 village、status、screening、q 筛选该镇名单。" +
                "含筛查结果、当前状态、备选列，人均年纯收入为数值，末行合计");
        survey.MapPost("/imports", async (IFormFile file, bool? dryRun, bool? wait, ImportAttachment1 handler, IConfiguration config, CancellationToken ct) =>
            {
                if (file.Length > handler.MaxBytes)
                {
                    return TypedResults.Problem($"文件超过{handler.MaxBytes / 1024 / 1024}MB的上限", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                await using var content = file.OpenReadStream();
                var started = await handler.Start(Path.GetFileName(file.FileName), content, commit: dryRun == false, ct);
                return await Answer(started, wait, handler, config, ct);
            })
            .WithSummary("导入附件1（multipart 字段 file），后台任务逐行检查。dryRun=true（默认）只检查并保留文件；dryRun=false 全部通过时整体导入，否则不导入任何行。" +
                "同村已登记的户主：无变化的跳过（alreadyRegistered）；有变化的逐项列出 changes（原值→新值），仍可修改的对象导入时更新（changed），不能修改的说明原因（unchangeable，reason）。" +
                "wait=true（默认）等待完成后返回报告（有误时 422 及逐行原因）；wait=false 立即返回 202 及任务地址，可轮询进度");
        survey.MapGet("/imports/{id:guid}", async (Guid id, ImportAttachment1 handler, CancellationToken ct) =>
                ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithSummary("本人导入任务的状态、进度（已处理行数/总行数）及完成后的报告");
        survey.MapPost("/imports/{id:guid}/confirm", async (Guid id, bool? wait, ImportAttachment1 handler, IConfiguration config, CancellationToken ct) =>
                await Answer(await handler.Confirm(id, ct), wait, handler, config, ct))
            .WithSummary("确认导入试运行通过的文件：重新检查后整体导入，或一行也不导入");
        return api;
    }

    /// <summary>A started job: 202 with its address, or (waiting) its report as 200, or 422 when it found problems.</summary>
    private static async Task<IResult> Answer(Outcome<ImportJobView> started, bool? wait, ImportAttachment1 handler, IConfiguration config, CancellationToken ct)
    {
        if (!started.Ok)
        {
            return ApiResults.From(started, ApiResults.Ok);
        }
        var job = started.Value!;
        if (wait != false)
        {
            var waited = await handler.Wait(job.Id, TimeSpan.FromSeconds(config.GetValue("Survey:ImportWaitSeconds", 300)), ct);
            job = waited.Value ?? job;
        }
        if (!job.Finished || job.Report is not { } r)
        {
            return TypedResults.Accepted($"/api/v1/survey/imports/{job.Id}", job);
        }
        return r.FileError is null && r.Rejected == 0 ? TypedResults.Ok(r) : TypedResults.UnprocessableEntity(r);
    }
}

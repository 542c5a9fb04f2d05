using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Inspections;

/// <summary>The JSON API of 检查验收: the towns' inspections, each step of one, and its report.</summary>
public static class InspectionEndpoints
{
    private const string Tag = "检查验收 Inspections";

    public static RouteGroupBuilder MapInspectionEndpoints(this RouteGroupBuilder api)
    {
        static IResult Done(bool _) => TypedResults.NoContent();
        api.MapGet("/inspections", async (InspectionWork h, CancellationToken ct) => ApiResults.From(await h.List(ct), ApiResults.Ok))
            .WithTags(Tag).WithSummary("本区当前项目各镇的检查验收：状态、结论、未办结整改事项数、年度总结状态，及检查验收截止日期（镇党委、镇残联只看到本镇）");
        api.MapPost("/inspections", async (StartInspectionInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.Start(input, ct), id => TypedResults.Ok(new { id })))
            .WithTags(Tag).WithSummary("开始一个镇的检查验收（区委组织部、区残联）：townCode、on（yyyy-MM-dd，默认今天）、inspectors；检查清单按系统记录预填；已开始的返回原记录");
        api.MapGet("/inspections/{id:guid}", async (Guid id, InspectionWork h, CancellationToken ct) => ApiResults.From(await h.Get(id, ct), ApiResults.Ok))
            .WithTags(Tag).WithSummary("一个镇的检查验收：检查清单（系统记录、是否符合、检查组结论和说明、佐证链接）、抽查户（姓名隐去）、结论、整改事项");
        api.MapPut("/inspections/{id:guid}/checks/{key}", async (Guid id, string key, CheckInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.SaveCheck(id, key, input, ct), Done))
            .WithTags(Tag).WithSummary("确认或更正一项检查内容：met（true/false）、note（与系统记录不一致时必填）");
        api.MapPost("/inspections/{id:guid}/refresh", async (Guid id, InspectionWork h, CancellationToken ct) => ApiResults.From(await h.Refresh(id, ct), Done))
            .WithTags(Tag).WithSummary("按最新系统记录重新预填检查清单（检查组的结论保留）；已作结论的不能再改");
        api.MapPost("/inspections/{id:guid}/sample", async (Guid id, SampleInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.Sample(id, input, ct), Done))
            .WithTags(Tag).WithSummary("随机抽取抽查户：size（默认按配置 Inspection:DefaultSampleSize）；系统生成种子并保存，同一种子同一批户抽出同样的户；已登记抽查结果后不能重抽");
        api.MapPut("/inspections/{id:guid}/sample/{householdId:guid}", async (Guid id, Guid householdId, FindingInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.Finding(id, householdId, input, ct), Done))
            .WithTags(Tag).WithSummary("登记一户抽查结果：satisfactory（true=符合/false=不符合）、finding（不符合时必填）");
        api.MapPost("/inspections/{id:guid}/rectifications", async (Guid id, RectificationInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.AddRectification(id, input, ct), Done))
            .WithTags(Tag).WithSummary("提出整改事项：text、ownerUserId（被检查镇的账号）、dueOn（yyyy-MM-dd）；责任人在督办事项中办结");
        api.MapPost("/inspections/{id:guid}/conclude", async (Guid id, ConcludeInput input, InspectionWork h, CancellationToken ct) =>
                ApiResults.From(await h.Conclude(id, input, ct), Done))
            .WithTags(Tag).WithSummary("作出检查验收结论：result=Pass（合格）/Fail（不合格，须至少一项整改事项）、findings；须每项检查内容已确认、每户抽查户已登记；作出结论后锁定");
        api.MapGet("/inspections/{id:guid}/report.docx", async (Guid id, InspectionWork h, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await h.Report(id, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.File(outcome.Value.Bytes, Word.ContentType, outcome.Value.FileName);
            })
            .WithTags(Tag).WithSummary("下载检查验收表（.docx，A4；抽查户姓名隐去；每次下载记入审计日志）");
        return api;
    }
}

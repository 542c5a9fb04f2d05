using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Approvals;

/// <summary>The JSON door of the batch actions and of the approval queue: the same handlers as the 审批办理 and 调查摸底 pages.</summary>
public static class BatchEndpoints
{
    public static RouteGroupBuilder MapBatchEndpoints(RouteGroupBuilder api)
    {
        api.MapPost("/households/batch", async (BatchCommand command, BatchActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(command, ct), ApiResults.Ok))
            .WithTags("公示与审批 Notices and approval")
            .WithSummary("批量办理：action 为 Accept（审核通过）、Return（退回，comment 必填）、Apply、ApproveByVillage、ApproveByTown、ApproveByDistrict、File；" +
                "households 为户的 id 列表。每户逐一检查、各自保存，结果逐户列出（status 为 Ok、Invalid、Forbidden、NotFound、Conflict 及原因）");
        api.MapGet("/approvals", async (ApprovalStep? step, PendingApprovals handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(step, ct), ApiResults.Ok))
            .WithTags("公示与审批 Notices and approval")
            .WithSummary("本岗位办理的审批环节及各环节待办户数；一个环节（step）的待办对象");
        return api;
    }
}

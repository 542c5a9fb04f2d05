using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Dashboard;

/// <summary>The progress dashboard's JSON door: the same use case as /Dashboard.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", async (int? year, string? area, ProgressDashboard handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(year, area, ct), ApiResults.Ok))
            .WithTags("工作进度 Dashboard")
            .WithSummary("本人管辖范围内（或其中 area 指定的区划）下一级各区划的任务数、各阶段户数、工作漏斗、分来源资金、回访和各阶段落后单位（只有数字，没有个人信息）");
        return api;
    }
}

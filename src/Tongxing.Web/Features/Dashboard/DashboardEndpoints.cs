using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Dashboard;

/// <summary>The progress dashboard's JSON door: the same use case as /Dashboard.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", async (int? year, ProgressDashboard handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(year, ct), ApiResults.Ok))
            .WithTags("工作进度 Dashboard")
            .WithSummary("本人管辖范围内下一级各区划的任务数、登记数及各阶段户数（只有数字，没有个人信息）");
        return api;
    }
}

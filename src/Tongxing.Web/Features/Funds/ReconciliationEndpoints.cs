using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>The reconciliation's JSON door and its workbook: the same use case as /Funds/Reconciliation.</summary>
public static class ReconciliationEndpoints
{
    public static RouteGroupBuilder MapReconciliationEndpoints(this RouteGroupBuilder api)
    {
        var funds = api.MapGroup("/funds/reconciliation").WithTags("资金对账 Funds reconciliation");
        funds.MapGet("/", async (ReconciliationReport handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithSummary("本区（本镇）扶持资金对账：按资金来源、按乡镇的到账、下拨、发放、失败、结余（单位：分），以及每一项差异；只有数字，没有个人信息");
        funds.MapGet("/export", async (ReconciliationReport handler, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await handler.Export(ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var stream = await Downloads.WriteToTempFileAsync(s => { ReconciliationWorkbook.Write(s, outcome.Value!); return Task.CompletedTask; }, ct);
                return TypedResults.File(stream, FormWorkbook.ContentType, FileName(outcome.Value!, clock));
            })
            .WithSummary("资金对账表（.xlsx，A4）：汇总、各资金来源、各乡镇、差异各一张表");
        return api;
    }

    public static string FileName(ReconciliationView view, TimeProvider clock) => $"资金对账表_{view.AreaName}_{clock.Today():yyyyMMdd}.xlsx";
}

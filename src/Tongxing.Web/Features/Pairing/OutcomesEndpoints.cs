using Tongxing.Web.Documents;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The JSON API of a household's outcome (帮扶成效) and the towns' 附件4 一户一表.</summary>
public static class OutcomesEndpoints
{
    public static RouteGroupBuilder MapOutcomesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/households/{id:guid}/outcome", async (Guid id, Outcomes handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("一户的帮扶成效：致富实用技术、项目进展、帮扶前与最近人均年收入、脱贫进展、version");
        api.MapPut("/households/{id:guid}/outcome", async (Guid id, OutcomeInput input, Outcomes handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(id, input, ct), v => TypedResults.Ok(new { version = v })))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("登记或更新帮扶成效（村党组织、镇党委、镇残联）：skill1、skill2（实用技术）、progress=NotStarted/UnderWay/ProducingIncome/Stable/Failed，"
                + "failureReason（项目失败时必填）、incomeAtStart、incomeLatest（元）、incomeLatestOn（yyyy-MM-dd）、version（首次为0；过期返回409）");
        api.MapGet("/pairing/attachment4", async (Attachment4Forms handler, CancellationToken ct) => ApiResults.From(await handler.Towns(ct), ApiResults.Ok))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("各乡镇一户一表（附件4）情况：备案户数、已结对、未结对、协议未签订、无帮扶日志、未登记成效、不齐全户数，及对照结对截止日期的剩余或逾期天数");
        api.MapGet("/towns/{town}/attachment4.xlsx", async (string town, Attachment4Forms handler, HttpContext http, CancellationToken ct) =>
                await Download(await handler.Workbook(town, ct), http, ct))
            .WithTags("结对帮扶 Pairing")
            .WithSummary("下载乡镇的附件4一户一表（.xlsx，每户一个工作表，A4纵向；每次下载记入审计日志）");
        return api;
    }

    /// <summary>Writes the workbook to a temporary file (never whole in memory) and sends it.</summary>
    public static async Task<IResult> Download(Outcome<Attachment4Export> outcome, HttpContext http, CancellationToken ct)
    {
        if (!outcome.Ok)
        {
            return ApiResults.From(outcome, _ => TypedResults.Empty);
        }
        var export = outcome.Value!;
        var file = await Downloads.WriteToTempFileAsync(s => export.Write(s, ct), ct);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file, Attachment4Workbook.ContentType, export.FileName);
    }
}

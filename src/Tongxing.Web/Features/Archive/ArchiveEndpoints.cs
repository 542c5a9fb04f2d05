using Tongxing.Web.Documents;
using Tongxing.Web.Features.Ledger;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Archive;

/// <summary>The household archive, 附件2 and the work ledger as JSON and files.</summary>
public static class ArchiveEndpoints
{
    public static RouteGroupBuilder MapArchiveEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("").WithTags("档案与台账 Archive and ledger");
        g.MapGet("/households/{id:guid}/archive", async (Guid id, HouseholdDocuments handler, CancellationToken ct) =>
                ApiResults.From(await handler.Archive(id, ct), a => TypedResults.Ok(new { household = a.Household.Id, a.Household.HeadName, a.Household.Status, a.Timeline })))
            .WithSummary("一户一档：全过程记录（状态变化、筛查、公示、照片、异议）");
        g.MapGet("/households/{id:guid}/attachment2", async (Guid id, HouseholdDocuments handler, CancellationToken ct) =>
                ApiResults.From(await handler.Form(id, ct), f => TypedResults.File(Attachment2Document.Docx(f), Word.ContentType, $"附件2_{f.Name}.docx")))
            .WithSummary("帮扶对象登记表（附件2，Word，A4）");
        g.MapGet("/households/{id:guid}/archive.zip", async (Guid id, HouseholdDocuments handler, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await handler.ArchiveZip(id, http.RequestServices.GetRequiredService<PublicLinks>().Base, ct), z => TypedResults.File(z, "application/zip", $"archive_{id:N}.zip")))
            .WithSummary("一户一档压缩包：附件2、公示、公示照片、档案摘要");
        g.MapGet("/towns/{town}/attachment2.zip", async (string town, HouseholdDocuments handler, CancellationToken ct) =>
                ApiResults.From(await handler.TownForms(town, ct), z => TypedResults.File(z, "application/zip", "attachment2.zip")))
            .WithSummary("一个乡镇全部进入审批环节对象的登记表（附件2）压缩包");
        g.MapGet("/ledger", async ([AsParameters] LedgerQuery query, WorkLedger handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(query, ct), ApiResults.Ok))
            .WithSummary("工作台账：每户各环节日期（分页、按乡镇/村/状态筛选），及各镇审批报送截止情况");
        g.MapGet("/ledger/export", async ([AsParameters] LedgerQuery query, WorkLedger handler, TimeProvider clock, CancellationToken ct) =>
            {
                var outcome = await handler.Export(query, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var stream = await Downloads.WriteToTempFileAsync(s => LedgerExport.WriteAsync(s, outcome.Value!, ct), ct);
                // The name the page gives it, so a file saved from either reads the same in a folder.
                return TypedResults.File(stream, FormWorkbook.ContentType, $"工作台账_{clock.Today():yyyyMMdd}.xlsx");
            })
            .WithSummary("导出工作台账（.xlsx）");
        return api;
    }
}

using Tongxing.Web.Documents;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Reports;

/// <summary>The JSON API of the towns' quarterly reports (季度反馈) and year-end summaries (年度工作总结).</summary>
public static class ReportEndpoints
{
    private const string Tag = "督导 Reports";

    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", async (TownReports handler, CancellationToken ct) => ApiResults.From(await handler.List(ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("本辖区各乡镇应报的季度反馈和年度总结：每镇每期一行，状态、报送截止日、及时性（按时报送/逾期报送/待报送/逾期未报/未到期）、退回原因");
        api.MapGet("/reports/completeness", async (TownReports handler, CancellationToken ct) => ApiResults.From(await handler.Completeness(ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("报告完整率与及时率：按期和按乡镇的应报数、已报数、按时数，完整率=已报÷应报，及时率=按时÷应报（%）");
        api.MapGet("/reports/{id:guid}", async (Guid id, TownReports handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("一份报告：数据表（草稿为实时数据，报送后为报送时冻结的数据）、文字部分、制度（年度总结）、附件、报送与审核情况、version");
        api.MapGet("/towns/{town}/reports/{kind}", async (string town, string kind, TownReports handler, CancellationToken ct) =>
                ApiResults.From(await handler.Get(town, kind, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("乡镇某期报告（kind=q1/q2/q3/q4/yearend）；尚未填报时为空草稿和实时数据");
        api.MapPut("/towns/{town}/reports/{kind}", async (string town, string kind, ReportInput input, TownReports handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(town, kind, input, false, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("镇残联填写本镇报告（首次保存即创建草稿）：text=文字部分，rules=形成的制度（年度总结），version（首次为0；过期或已锁定返回409）");
        api.MapPost("/reports/{id:guid}/submit", async (Guid id, ReportDecision input, TownReports handler, CancellationToken ct) =>
                ApiResults.From(await handler.Submit(id, input, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("镇残联报送报告（数据表在报送时冻结）：version；已报送待审核或已审核通过时返回409及原因");
        api.MapPost("/reports/{id:guid}/accept", async (Guid id, ReportDecision input, TownReports handler, CancellationToken ct) =>
                ApiResults.From(await handler.Accept(id, input, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("区残联审核通过（锁定报告）：version");
        api.MapPost("/reports/{id:guid}/return", async (Guid id, ReportDecision input, TownReports handler, CancellationToken ct) =>
                ApiResults.From(await handler.Return(id, input, ct), ApiResults.Ok))
            .WithTags(Tag)
            .WithSummary("区残联退回报告：reason=退回原因（必填，200字以内），version；退回后镇残联可修改后重新报送");
        api.MapPost("/towns/{town}/reports/{kind}/files", async (string town, string kind, HttpRequest request, TownReports handler, PhotoUploads photos, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["请以 multipart/form-data 上传文件"] }, title: "提交的数据有误");
                }
                var form = await request.ReadFormAsync(ct);
                var read = await UploadedPhoto.ReadAsync(form.Files.GetFile("file"), Math.Max(handler.MaxPdfBytes, photos.MaxBytes), ct);
                if (read.TooLarge)
                {
                    return TypedResults.Problem("文件过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                _ = int.TryParse(form["version"], out var version);
                return ApiResults.From(await handler.Attach(town, kind, read.Content ?? [], read.FileName, version, ct), ApiResults.Ok);
            })
            .WithTags(Tag)
            .WithSummary("为年度总结上传制度文件（multipart）：file=PDF或JPG/PNG照片，version；总结须已保存且未报送")
            .DisableAntiforgery();
        api.MapGet("/reports/{id:guid}/files/{file:guid}", async (Guid id, Guid file, TownReports handler, HttpContext http, CancellationToken ct) =>
                ReceiptEndpoints.Serve(await handler.File(id, file, ct), http))
            .WithTags(Tag)
            .WithSummary("报告的附件（仅限本辖区；每次查看记入审计日志）");
        api.MapGet("/towns/{town}/reports/{kind}/docx", async (string town, string kind, TownReports handler, HttpContext http, CancellationToken ct) =>
            {
                var view = await handler.ForExport(town, kind, "docx", ct);
                if (!view.Ok)
                {
                    return ApiResults.From(view, _ => TypedResults.Empty);
                }
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.File(TownReportDocument.Docx(view.Value!), Word.ContentType, view.Value!.Title + ".docx");
            })
            .WithTags(Tag)
            .WithSummary("下载报告（.docx，A4公文格式：标题、数据表、文字部分、报送和审核情况、盖章栏；每次下载记入审计日志）");
        api.MapGet("/towns/{town}/reports/{kind}/xlsx", async (string town, string kind, TownReports handler, HttpContext http, CancellationToken ct) =>
            {
                var view = await handler.ForExport(town, kind, "xlsx", ct);
                if (!view.Ok)
                {
                    return ApiResults.From(view, _ => TypedResults.Empty);
                }
                var file = await Downloads.WriteToTempFileAsync(s => TownReportWorkbook.WriteAsync(s, view.Value!, ct), ct);
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.File(file, FormWorkbook.ContentType, view.Value!.Title + "（数据表）.xlsx");
            })
            .WithTags(Tag)
            .WithSummary("下载报告的数据表（.xlsx，A4；每次下载记入审计日志）");
        return api;
    }
}

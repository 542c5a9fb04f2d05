using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Features.Approvals;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

/// <summary>The JSON API of public notices and of the approval chain.</summary>
public static class NoticeEndpoints
{
    public static RouteGroupBuilder MapNoticeEndpoints(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("公示与审批 Notices and approval");
        notices.MapGet("/", async (ListNotices handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithSummary("本人管辖范围内的公示，以及（村）待公示的对象");
        notices.MapPost("/", async (CreateNoticeCommand command, CreateNotice handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(command, ct), id => TypedResults.Created($"/api/v1/notices/{id}", new { id })))
            .WithSummary("村党组织发布公示：households 为区残联审核通过的对象，startDate 为张贴日期；截止日按法定工作日计算");
        notices.MapGet("/{id:guid}", async (Guid id, GetNotice handler, CancellationToken ct) => ApiResults.From(await handler.Handle(id, ct), ApiResults.Ok))
            .WithSummary("公示详情：脱敏名单、照片、异议及处理");
        notices.MapGet("/{id:guid}/document", async (Guid id, GetNotice handler, PublicLinks links, CancellationToken ct) =>
            {
                var outcome = await handler.Handle(id, ct);
                if (!outcome.Ok)
                {
                    return ApiResults.From(outcome, _ => TypedResults.Empty);
                }
                var n = outcome.Value!;
                var url = links.Notice(n.PublicToken);
                return TypedResults.File(NoticeDocument.Docx(n.ToText(url)), NoticeDocument.ContentType, $"公示_{n.VillageName}.docx");
            })
            .WithSummary("公示的 Word 文档（A4）");
        notices.MapPost("/{id:guid}/photos", async (Guid id, IFormFile file, NoticeActions handler, CancellationToken ct) =>
            {
                if (file.Length > handler.MaxPhotoBytes)
                {
                    return TypedResults.Problem("照片过大", statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大");
                }
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                return ApiResults.From(await handler.AddPhoto(id, file.FileName, buffer.ToArray(), ct), photo => TypedResults.Ok(new { id = photo }));
            })
            .WithSummary("上传公示张贴照片（multipart 字段 file；只收 JPEG/PNG，按内容判断，去除 EXIF/GPS 等信息）");
        notices.MapGet("/{id:guid}/photos/{photoId:guid}", async (Guid id, Guid photoId, NoticeActions handler, HttpContext http, CancellationToken ct) =>
            {
                var photo = await handler.Photo(id, photoId, ct);
                if (photo is null)
                {
                    return TypedResults.NotFound();
                }
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return (IResult)TypedResults.File(photo.Content, photo.ContentType);
            })
            .WithSummary("公示照片（仅限本辖区已登录用户）");
        notices.MapPost("/{id:guid}/objections", async (Guid id, ObjectionInput input, NoticeActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.RaiseObjection(id, input, ct), o => TypedResults.Ok(new { id = o })))
            .WithSummary("登记公示期内收到的异议");
        notices.MapPost("/{id:guid}/objections/{objectionId:guid}/resolution", async (Guid id, Guid objectionId, ResolutionInput input, NoticeActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.ResolveObjection(id, objectionId, input, ct), o => TypedResults.Ok(new { id = o })))
            .WithSummary("记录异议的核实处理情况 {resolution, upheld, resolvedOn}；upheld=true 时该户取消帮扶资格；resolvedOn 缺省为今天");
        notices.MapPost("/{id:guid}/objections/{objectionId:guid}/withdrawal", async (Guid id, Guid objectionId, ObjectionWithdrawalInput input, NoticeActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.WithdrawObjection(id, objectionId, input, ct), o => TypedResults.Ok(new { id = o })))
            .WithSummary("撤销误登记的异议 {reason}（须填写原因，留痕）");
        notices.MapPost("/{id:guid}/pass", async (Guid id, NoticeActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Pass(id, ct), n => TypedResults.Ok(new { passed = n })))
            .WithSummary("公示期满后确认公示结果（须已上传张贴照片；有未处理异议的对象不通过）");

        var calendar = api.MapGroup("/calendar").WithTags("公示与审批 Notices and approval");
        calendar.MapGet("/", async (Admin.HolidayTables handler, CancellationToken ct) => TypedResults.Ok(await handler.List(ct)))
            .WithSummary("已导入的法定节假日安排年份");
        calendar.MapPut("/{year:int}", async (int year, HttpRequest request, Admin.HolidayTables handler, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body);
                var csv = await reader.ReadToEndAsync(ct);
                return ApiResults.From(await handler.Load(year, csv, ct), n => TypedResults.Ok(new { year, days = n }));
            })
            .WithSummary("导入（替换）一年的节假日安排：请求体为 CSV 文本（date,is_off_day,name）");
        calendar.MapGet("/period-end", async (DateOnly start, int days, CalendarStore store, CancellationToken ct) =>
            {
                var end = (await store.LoadAsync(ct)).PeriodEnd(start, days);
                return end.Ok ? Results.Ok(new { start, days, end = end.Value }) : Results.Problem(end.Error, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法计算");
            })
            .WithSummary("按法定工作日计算：自 start 起第 days 个工作日（start 为工作日时算第1天）");

        api.MapPost("/households/{id:guid}/approval", async (Guid id, ApprovalCommand command, ApprovalActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, command, ct), v => TypedResults.Ok(new { version = v })))
            .WithTags("公示与审批 Notices and approval")
            .WithSummary("审批建档：action=Approve 并给出 step（Apply/ApproveByVillage/ApproveByTown/ApproveByDistrict/File），或 SendBack/Withdraw 并给出 comment；需带当前 version");
        return api;
    }
}

using Tongxing.Web.Documents;
using Tongxing.Web.Features.Actions;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Meetings;

/// <summary>The JSON API of joint meetings (联席会议) and follow-up actions (督办事项).</summary>
public static class MeetingEndpoints
{
    public static RouteGroupBuilder MapMeetingEndpoints(this RouteGroupBuilder api)
    {
        const string tag = "督导 Oversight";
        api.MapGet("/meetings", async (int? page, JointMeetings handler, CancellationToken ct) => ApiResults.From(await handler.List(page ?? 1, ct), ApiResults.Ok))
            .WithTags(tag).WithSummary("本区的联席会议，按日期倒序，每页20条（page）：日期、地点、参会部门、议题摘要、督办事项数及未办结数");
        api.MapPost("/meetings", async (MeetingInput input, JointMeetings handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(null, input, ct), id => TypedResults.Created($"/api/v1/meetings/{id}", new { id })))
            .WithTags(tag).WithSummary("记录联席会议（区委组织部、财政、区残联）：on（yyyy-MM-dd）、place、departments、attendees、topics、decisions，"
                + "actions=[{text, ownerUserId, dueOn}]（责任人须为本区或本区乡镇的单位账号）；会议与督办事项一并保存，任一有误则都不保存");
        api.MapGet("/meetings/owners", async (string? q, JointMeetings handler, CancellationToken ct) => ApiResults.From(await handler.Owners(q, ct), ApiResults.Ok))
            .WithTags(tag).WithSummary("可作督办事项责任人的账号（本区及各乡镇的单位账号，q 按姓名或用户名筛选，最多200个）");
        api.MapGet("/meetings/{id:guid}", async (Guid id, JointMeetings handler, CancellationToken ct) => ApiResults.From(await handler.Get(id, ct), ApiResults.Ok))
            .WithTags(tag).WithSummary("一次联席会议：纪要内容、督办事项（责任人、办结期限、状态）、version");
        api.MapPut("/meetings/{id:guid}", async (Guid id, MeetingInput input, JointMeetings handler, CancellationToken ct) =>
                ApiResults.From(await handler.Save(id, input, ct), v => TypedResults.Ok(new { id = v })))
            .WithTags(tag).WithSummary("修改会议纪要并追加督办事项（已有事项不变）；version 过期返回409");
        api.MapGet("/meetings/{id:guid}/minutes.docx", async (Guid id, JointMeetings handler, HttpContext http, CancellationToken ct) =>
                ApiResults.From(await handler.Minutes(id, ct), f =>
                {
                    http.Response.Headers.CacheControl = "private, no-store";
                    return TypedResults.File(f.Docx, Word.ContentType, f.FileName);
                }))
            .WithTags(tag).WithSummary("下载联席会议纪要（.docx，A4）");
        api.MapGet("/actions/mine", async (FollowUpActions handler, CancellationToken ct) => ApiResults.From(await handler.Mine(ct), ApiResults.Ok))
            .WithTags(tag).WithSummary("我的督办事项：未办结的按办结期限排列（overdue 为已逾期），以及最近办结的10项");
        api.MapGet("/actions", async (string? state, int? page, FollowUpActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.OfArea(Enum.TryParse<ActionFilter>(state, true, out var f) ? f : ActionFilter.Open, page ?? 1, ct), ApiResults.Ok))
            .WithTags(tag).WithSummary("本区全部督办事项（有联席会议查看权的区级单位）：state=Open/Overdue/Done/All，每页30条");
        api.MapPost("/actions/{id:guid}/complete", async (Guid id, CompleteActionInput input, FollowUpActions handler, CancellationToken ct) =>
                ApiResults.From(await handler.Complete(id, input, ct), v => TypedResults.Ok(new { version = v })))
            .WithTags(tag).WithSummary("办结自己的督办事项：note（办理情况，必填）、version；非责任人返回404");
        return api;
    }
}

using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Meetings;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Actions;

/// <summary>How an owner closes an action: what was done, and the version read with the page (409 when stale).</summary>
public sealed class CompleteActionInput
{
    public string? Note { get; set; }
    public int Version { get; set; }
}

public sealed record ActionRow(Guid Id, string Source, Guid SourceId, string Text, string OwnerName, string DueOn, string State, bool Overdue, string? DoneAt,
    string? DoneNote, int Version, bool Mine);

public sealed record ActionList(IReadOnlyList<ActionRow> Actions, int Page, bool HasMore);

/// <summary>Which of a district's actions to list.</summary>
public enum ActionFilter
{
    Open = 1,
    Overdue = 2,
    Done = 3,
    All = 4,
}

/// <summary>
/// 督办事项 (ADR 0030): a meeting's decisions and an inspection's rectifications. Every office sees the actions it owns and
/// closes them with what was done — only the owner may, anyone else is told it does not exist; the district offices that
/// hold <see cref="Capability.ViewMeetings"/> follow all the actions of their district.
/// </summary>
public sealed class FollowUpActions(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public const int PageSize = 30;

    /// <summary>The user's own actions: the open ones by due date, then the last ones done.</summary>
    public async Task<Outcome<IReadOnlyList<ActionRow>>> Mine(CancellationToken ct)
    {
        if (!me.IsSignedIn || string.IsNullOrEmpty(me.Id))
        {
            return Outcome<IReadOnlyList<ActionRow>>.Forbidden("请先登录");
        }
        var open = await db.ActionItems.AsNoTracking().Where(a => a.OwnerUserId == me.Id && a.State == ActionState.Open).OrderBy(a => a.DueOn)
            .Take(200).ToListAsync(ct);
        var done = await db.ActionItems.AsNoTracking().Where(a => a.OwnerUserId == me.Id && a.State == ActionState.Done).OrderByDescending(a => a.DueOn)
            .Take(10).ToListAsync(ct);
        var today = clock.Today();
        return Outcome<IReadOnlyList<ActionRow>>.Success(open.Concat(done).Select(a => Row(a, today)).ToList());
    }

    /// <summary>The actions of the user's district (or the units under the user's area), filtered and paged in the database.</summary>
    public async Task<Outcome<ActionList>> OfArea(ActionFilter filter, int page, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewMeetings))
        {
            return Outcome<ActionList>.Forbidden("您的岗位无权查看全区督办事项");
        }
        page = Math.Clamp(page, 1, 10_000);
        var today = clock.Today();
        var q = db.ActionItems.AsNoTracking().Within(me.Scope);
        q = filter switch
        {
            ActionFilter.Open => q.Where(a => a.State == ActionState.Open),
            ActionFilter.Overdue => q.Where(a => a.State == ActionState.Open && a.DueOn < today),
            ActionFilter.Done => q.Where(a => a.State == ActionState.Done),
            _ => q,
        };
        var rows = await q.OrderBy(a => a.State).ThenBy(a => a.DueOn).ThenBy(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        return Outcome<ActionList>.Success(new ActionList(rows.Take(PageSize).Select(a => Row(a, today)).ToList(), page, rows.Count > PageSize));
    }

    /// <summary>Closes one of the user's own open actions with what was done.</summary>
    public async Task<Outcome<int>> Complete(Guid id, CompleteActionInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor)
        {
            return Outcome<int>.Forbidden("请先登录");
        }
        var action = await db.ActionItems.FirstOrDefaultAsync(a => a.Id == id && a.OwnerUserId == actor.UserId, ct);
        if (action is null)
        {
            return Outcome<int>.NotFound();
        }
        if (input.Version != action.Version)
        {
            return Outcome<int>.Conflict("该督办事项刚被修改，请刷新页面后重试");
        }
        var done = action.Complete(input.Note ?? "", actor, clock.GetUtcNow());
        if (!done.Succeeded)
        {
            return Outcome<int>.Refused(done);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict("该督办事项刚被修改，请刷新页面后重试");
        }
        return Outcome<int>.Success(action.Version);
    }

    private ActionRow Row(ActionItem a, DateOnly today)
    {
        var v = JointMeetings.ActionOf(a, today);
        return new ActionRow(a.Id, a.Source == ActionSource.Meeting ? "联席会议" : "检查验收整改", a.SourceId, v.Text, v.OwnerName, v.DueOn, v.State, v.Overdue,
            v.DoneAt, v.DoneNote, a.Version, a.OwnerUserId == me.Id);
    }
}

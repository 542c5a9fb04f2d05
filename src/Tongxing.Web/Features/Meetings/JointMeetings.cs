using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Meetings;

/// <summary>One follow-up action as typed on the minutes: what, who (an account id), by when (yyyy-MM-dd). A row left blank is skipped.</summary>
public sealed class MeetingActionInput
{
    public string? Text { get; set; }
    public string? OwnerUserId { get; set; }
    public string? DueOn { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(OwnerUserId) && string.IsNullOrWhiteSpace(DueOn);
}

/// <summary>What an office sends for a joint meeting; dates as text so a bad one gets a clear message.</summary>
public sealed class MeetingInput
{
    public string? On { get; set; }
    public string? Place { get; set; }
    public string? Departments { get; set; }
    public string? Attendees { get; set; }
    public string? Topics { get; set; }
    public string? Decisions { get; set; }
    /// <summary>New follow-up actions to add (the ones already recorded stay as they are).</summary>
    public List<MeetingActionInput> Actions { get; set; } = [];
    /// <summary>The version read with the form; 0 for a new meeting.</summary>
    public int Version { get; set; }
}

public sealed record MeetingRow(Guid Id, string On, string? Place, string Departments, string Topics, int Actions, int OpenActions);

public sealed record MeetingList(IReadOnlyList<MeetingRow> Meetings, int Page, bool HasMore, bool CanManage);

public sealed record MeetingActionView(Guid Id, string Text, string OwnerUserId, string OwnerName, string DueOn, string State, bool Overdue, string? DoneAt,
    string? DoneNote);

public sealed record MeetingView(Guid Id, string On, string? Place, string Departments, string Attendees, string Topics, string Decisions, string CreatedByName,
    string UpdatedAt, int Version, IReadOnlyList<MeetingActionView> Actions, bool CanManage);

/// <summary>An account that may own a meeting's action: an office of the district or of one of its towns.</summary>
public sealed record ActionOwnerChoice(string UserId, string Label);

/// <summary>
/// 联席会议 of a district: read by the offices that hold <see cref="Capability.ViewMeetings"/>, recorded by those that hold
/// <see cref="Capability.ManageMeetings"/> (区委组织部、财政、区残联) in their own district. A meeting and the follow-up actions
/// added with it are saved together or not at all; a stale form gets 409.
/// </summary>
public sealed class JointMeetings(TongxingDb db, CurrentUser me, TimeProvider clock)
{
    public const int PageSize = 20;
    public const string NotAllowed = "联席会议由区委组织部、区财政局、区残联记录";
    public const string Stale = "该会议记录刚被他人修改，请刷新页面后重试";

    public async Task<Outcome<MeetingList>> List(int page, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewMeetings))
        {
            return Outcome<MeetingList>.Forbidden("您的岗位无权查看联席会议");
        }
        page = Math.Clamp(page, 1, 10_000);
        var rows = await db.Meetings.AsNoTracking().Within(me.Scope).OrderByDescending(m => m.On).ThenByDescending(m => m.CreatedAt)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .Select(m => new
            {
                m.Id,
                m.On,
                m.Place,
                m.Departments,
                m.Topics,
                Actions = db.ActionItems.Count(a => a.SourceId == m.Id),
                Open = db.ActionItems.Count(a => a.SourceId == m.Id && a.State == ActionState.Open),
            }).ToListAsync(ct);
        return Outcome<MeetingList>.Success(new MeetingList(
            rows.Take(PageSize).Select(r => new MeetingRow(r.Id, Date(r.On), r.Place, r.Departments, TextCut.Shorten(r.Topics, 60), r.Actions, r.Open)).ToList(),
            page, rows.Count > PageSize, me.Can(Capability.ManageMeetings)));
    }

    public async Task<Outcome<MeetingView>> Get(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewMeetings))
        {
            return Outcome<MeetingView>.Forbidden("您的岗位无权查看联席会议");
        }
        var m = await db.Meetings.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return Outcome<MeetingView>.NotFound();
        }
        var today = clock.Today();
        var actions = await db.ActionItems.AsNoTracking().Where(a => a.SourceId == id && a.Source == ActionSource.Meeting).OrderBy(a => a.DueOn)
            .ThenBy(a => a.CreatedAt).ToListAsync(ct);
        return Outcome<MeetingView>.Success(new MeetingView(m.Id, Date(m.On), m.Place, m.Departments, m.Attendees, m.Topics, m.Decisions, m.CreatedByName,
            Clock.Local(m.UpdatedAt), m.Version, actions.Select(a => ActionOf(a, today)).ToList(), me.Can(Capability.ManageMeetings)));
    }

    /// <summary>The accounts that may own an action of the user's district, optionally narrowed by a name or login typed in <paramref name="q"/>.</summary>
    public async Task<Outcome<IReadOnlyList<ActionOwnerChoice>>> Owners(string? q, CancellationToken ct)
    {
        if (!me.Can(Capability.ManageMeetings) || me.Scope is not { Level: AreaLevel.District } scope)
        {
            return Outcome<IReadOnlyList<ActionOwnerChoice>>.Forbidden(NotAllowed);
        }
        var prefix = scope.CodePrefix;
        var query = db.Users.AsNoTracking().Where(u => u.DisabledAt == null && u.AreaCode.StartsWith(prefix)
            && (u.AreaLevel == AreaLevel.District || u.AreaLevel == AreaLevel.Town) && u.Role != Role.Helper && u.Role != Role.Administrator);
        if (q?.Trim() is { Length: > 0 and <= 50 } term && !PlainText.HasInvisible(term))
        {
            query = query.Where(u => u.DisplayName.Contains(term) || u.UserName!.Contains(term));
        }
        var users = await query.OrderBy(u => u.AreaCode).ThenBy(u => u.Role).Take(200)
            .Select(u => new { u.Id, u.DisplayName, u.Role, u.AreaCode }).ToListAsync(ct);
        var codes = users.Select(u => u.AreaCode).Distinct().ToList();
        var names = await db.Areas.AsNoTracking().Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, a => a.Name, ct);
        return Outcome<IReadOnlyList<ActionOwnerChoice>>.Success(users
            .Select(u => new ActionOwnerChoice(u.Id, $"{u.DisplayName}（{names.GetValueOrDefault(u.AreaCode, "")}{u.Role.Label()}）")).ToList());
    }

    /// <summary>Records a new meeting (<paramref name="id"/> null) or corrects one, with the new actions; returns the meeting's id.</summary>
    public async Task<Outcome<Guid>> Save(Guid? id, MeetingInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.ManageMeetings) || me.Scope is not { Level: AreaLevel.District } scope)
        {
            return Outcome<Guid>.Forbidden(NotAllowed);
        }
        Meeting? meeting = null;
        if (id is { } existing)
        {
            meeting = await db.Meetings.Within(scope).FirstOrDefaultAsync(m => m.Id == existing, ct);
            if (meeting is null)
            {
                return Outcome<Guid>.NotFound();
            }
            if (meeting.Version != input.Version)
            {
                return Outcome<Guid>.Conflict(Stale);
            }
        }
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var (details, checkedMinutes) = MeetingRules.Check(input.On, input.Place, input.Departments, input.Attendees, input.Topics, input.Decisions, today);
        var errors = new List<FieldError>(checkedMinutes.Errors);

        // A client may send "actions": null or a null row: read as none and as a blank row.
        var rows = (input.Actions ?? []).Select((a, i) => (Row: a, Index: i)).Where(x => x.Row is not null && !x.Row.IsBlank).ToList();
        if (rows.Count > 20)
        {
            errors.Add(new(nameof(MeetingInput.Actions), "一次最多添加20项督办事项"));
            rows = [];
        }
        var ownerIds = rows.Select(r => r.Row.OwnerUserId ?? "").Where(o => o.Length is > 0 and <= 450 && !PlainText.HasInvisible(o)).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Role, u.AreaLevel, u.AreaCode, Disabled = u.DisabledAt != null }).ToDictionaryAsync(u => u.Id, ct);
        var programme = await HouseholdChecks.CurrentProgrammeAsync(db, scope.Code, today, ct);
        if (programme is null)
        {
            errors.Add(new("", "本区尚未配置帮扶项目，请联系区残联"));
        }
        var district = await DistrictPathAsync(scope.Code, ct);
        var meetingId = meeting?.Id ?? Guid.NewGuid();
        var added = new List<ActionItem>();
        foreach (var (row, i) in rows)
        {
            var field = $"Actions[{i}].";
            DateOnly due = default;
            var dueOk = DateOnly.TryParseExact(row.DueOn?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out due);
            if (!dueOk)
            {
                errors.Add(new(field + nameof(MeetingActionInput.DueOn), string.IsNullOrWhiteSpace(row.DueOn) ? "请填写办结期限" : "办结期限格式应为 年-月-日"));
            }
            var owner = owners.GetValueOrDefault(row.OwnerUserId ?? "");
            if (!string.IsNullOrEmpty(row.OwnerUserId) && (owner is null || !MeetingRules.MayOwnAction(owner.Role, owner.AreaLevel, owner.AreaCode, scope.Code, owner.Disabled)))
            {
                errors.Add(new(field + nameof(MeetingActionInput.OwnerUserId), "责任人须为本区或本区乡镇在用的单位账号"));
                continue;
            }
            var (action, made) = ActionItem.Create(ActionSource.Meeting, meetingId, programme?.Id ?? 0, district, row.Text ?? "", owner?.Id ?? "",
                owner?.DisplayName ?? "", dueOk ? due : today, today, actor, now);
            errors.AddRange(made.Errors.Select(e => e with { Field = field + e.Field }));
            if (action is not null)
            {
                added.Add(action);
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<Guid>.Invalid(errors);
        }
        if (meeting is null)
        {
            db.Meetings.Add(Meeting.Create(meetingId, programme!.Id, district, details!, actor, now));
        }
        else
        {
            meeting.Set(details!, now);
        }
        db.ActionItems.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict(Stale);
        }
        return Outcome<Guid>.Success(meetingId);
    }

    /// <summary>The minutes as a one-page A4 Word document (联席会议纪要).</summary>
    public async Task<Outcome<(byte[] Docx, string FileName)>> Minutes(Guid id, CancellationToken ct)
    {
        var got = await Get(id, ct);
        if (!got.Ok)
        {
            return new(got.Status, default, got.Errors);
        }
        var m = got.Value!;
        var districtName = await db.Meetings.AsNoTracking().Where(x => x.Id == id).Join(db.Areas, x => x.DistrictCode, a => a.Code, (x, a) => a.Name)
            .FirstOrDefaultAsync(ct) ?? "";
        var docx = MeetingMinutesDocument.Docx(new MinutesForm(districtName, m.On, m.Place, m.Departments, m.Attendees, m.Topics, m.Decisions,
            m.Actions.Select(a => new MinutesAction(a.Text, a.OwnerName, a.DueOn, a.State)).ToList()));
        db.Audit("下载联席会议纪要", nameof(Meeting), id.ToString(), details: m.On);
        await db.SaveChangesAsync(ct);
        return Outcome<(byte[], string)>.Success((docx, $"联席会议纪要_{m.On}.docx"));
    }

    /// <summary>The district's path (its town and village codes empty).</summary>
    private async Task<AreaPath> DistrictPathAsync(string districtCode, CancellationToken ct)
    {
        var city = await db.Areas.AsNoTracking().Where(a => a.Code == districtCode).Select(a => a.ParentCode).FirstOrDefaultAsync(ct) ?? "";
        var region = await db.Areas.AsNoTracking().Where(a => a.Code == city).Select(a => a.ParentCode).FirstOrDefaultAsync(ct) ?? "";
        return new AreaPath(region, city, districtCode, "", "");
    }

    public static MeetingActionView ActionOf(ActionItem a, DateOnly today) => new(a.Id, a.Text, a.OwnerUserId, a.OwnerName, Date(a.DueOn),
        a.State == ActionState.Done ? "已办结" : a.OverdueOn(today) ? "已逾期" : "办理中", a.OverdueOn(today), a.DoneAt is { } d ? Clock.Local(d) : null, a.DoneNote);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

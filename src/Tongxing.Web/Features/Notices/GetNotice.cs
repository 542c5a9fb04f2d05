using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

/// <param name="Withdrawn">The household was withdrawn after an objection was upheld; the public page says so.</param>
/// <param name="FullName">The head's name in full, for the village that posted the notice only.</param>
public sealed record NoticeEntryView(int Number, Guid HouseholdId, string Name, string IdNumber, string? Group, string Project, string? Status, int OpenObjections,
    bool Withdrawn = false, string? FullName = null);

public sealed record PhotoView(Guid Id, string OriginalName, string UploadedAt, string UploadedBy, long Size);

public sealed record ObjectionView(Guid Id, Guid? HouseholdId, string? Household, string ReceivedOn, string Content, string? RaisedBy, string RecordedBy,
    string? Resolution, bool? Upheld, string? ResolvedOn, string? ResolvedBy, string? WithdrawnReason = null, string? WithdrawnAt = null, string? WithdrawnBy = null)
{
    public bool IsOpen => Resolution is null && WithdrawnReason is null;
}

/// <summary>A notice as offices see it (with photos, objections and each household's state) or as the public sees it (masked list only).</summary>
public sealed record NoticeView(Guid Id, string Title, string IssuedBy, string TownName, string VillageName, string StartDate, string EndDate,
    int WorkingDays, string Period, string PublicToken, IReadOnlyList<NoticeEntryView> Entries, IReadOnlyList<PhotoView> Photos,
    IReadOnlyList<ObjectionView> Objections, bool Ended, bool CanManage, bool CanHandleObjections, string Issued, DateOnly StartOn,
    bool LateEntry = false, string? EnteredOn = null, string? Today = null, string? FirstObjectionDay = null, string? LastObjectionDay = null,
    bool Started = true)
{
    /// <summary>How a notice entered after it was posted (补录) is marked on its page, print view and archive.</summary>
    public string? LateEntryNote => LateEntry ? $"补录：{StartDate}张贴，{EnteredOn}录入系统" : null;
}

public static class NoticeViews
{
    /// <summary>The notice's body text, as printed, in Word and on the public page.</summary>
    public static string BodyText(this NoticeView n) =>
        Documents.NoticeDocument.Body(Area.NoticeName(n.VillageName), n.Entries.Count, n.Period, n.WorkingDays);

    public static Documents.NoticeText ToText(this NoticeView n, string publicUrl) =>
        new(n.Title, n.BodyText(), n.Entries.Select(e => (e.Number, e.Name, e.IdNumber, e.Group, e.Project)).ToList(), n.IssuedBy, n.Issued, publicUrl);
}

public sealed class GetNotice(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public async Task<Outcome<NoticeView>> Handle(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return Outcome<NoticeView>.Forbidden("您的岗位无权查看公示");
        }
        var notice = await Load(db.Notices.Within(me.Scope).Where(n => n.Id == id), ct);
        return notice is null ? Outcome<NoticeView>.NotFound() : Outcome<NoticeView>.Success(await View(notice, full: true, ct));
    }

    /// <summary>The public page: reachable without sign-in through the unguessable link; masked entries, dates and issuer only.</summary>
    public async Task<NoticeView?> Public(string token, CancellationToken ct)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var notice = await Load(db.Notices.Where(n => n.PublicToken == token), ct);
        return notice is null ? null : await View(notice, full: false, ct);
    }

    private static Task<Notice?> Load(IQueryable<Notice> query, CancellationToken ct) =>
        query.AsNoTracking().Include(n => n.Entries).Include(n => n.Photos).Include(n => n.Objections).FirstOrDefaultAsync(ct);

    private async Task<NoticeView> View(Notice n, bool full, CancellationToken ct)
    {
        var names = await areas.NamesAsync([n.TownCode, n.VillageCode], ct);
        var ids = n.Entries.Select(e => e.HouseholdId).ToList();
        // The village that posted the notice knows its households by name; everyone else sees the names as posted.
        var village = full && me.Scope?.Level == AreaLevel.Village;
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Status, h.HeadName }).ToDictionaryAsync(h => h.Id, ct);
        var today = clock.Today();
        var entries = n.Entries.OrderBy(e => e.Number).Select(e => new NoticeEntryView(e.Number, full ? e.HouseholdId : Guid.Empty, e.MaskedName, e.MaskedIdNumber, e.Group, e.Project,
            full && households.TryGetValue(e.HouseholdId, out var s) ? Labels.Of(s.Status) : null,
            full ? n.Objections.Count(o => o.IsOpen && (o.HouseholdId == e.HouseholdId || o.HouseholdId is null)) : 0,
            households.TryGetValue(e.HouseholdId, out var w) && w.Status == HouseholdStatus.Withdrawn,
            village && households.TryGetValue(e.HouseholdId, out var f) ? f.HeadName : null)).ToList();
        var masked = n.Entries.ToDictionary(e => e.HouseholdId, e => village && households.TryGetValue(e.HouseholdId, out var h) ? h.HeadName : e.MaskedName);
        // Objections are free text: a number typed into one is hidden from offices that see numbers masked.
        string? Shown(string? text) => me.Can(Capability.ViewFullPersonalData) ? text : PersonalData.Redact(text);
        var photos = full ? n.Photos.OrderBy(p => p.UploadedAt).Select(p => new PhotoView(p.Id, p.OriginalName, Clock.Local(p.UploadedAt), p.UploadedBy, p.Size)).ToList() : [];
        var objections = full ? n.Objections.OrderBy(o => o.RecordedAt).Select(o => new ObjectionView(o.Id, o.HouseholdId, o.HouseholdId is { } h ? masked.GetValueOrDefault(h) : null,
            o.ReceivedOn.ToString("yyyy-MM-dd"), Shown(o.Content)!, Shown(o.RaisedBy), o.RecordedByName, Shown(o.Resolution), o.Upheld, o.ResolvedOn?.ToString("yyyy-MM-dd"), o.ResolvedByName,
            Shown(o.WithdrawnReason), o.WithdrawnAt is { } at ? Clock.Local(at) : null, o.WithdrawnByName)).ToList() : [];
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == n.ProgrammeId).Select(p => p.NoticeWorkingDays).FirstAsync(ct);
        return new NoticeView(n.Id, n.Title, n.IssuedBy, names.GetValueOrDefault(n.TownCode, ""), names.GetValueOrDefault(n.VillageCode, ""),
            n.StartDate.ToString("yyyy年M月d日"), n.EndDate.ToString("yyyy年M月d日"), programme, $"{n.StartDate:yyyy年M月d日}至{n.EndDate:yyyy年M月d日}",
            full ? n.PublicToken : "", entries, photos, objections, today > n.EndDate,
            full && me.Can(Capability.RegisterHousehold), full && me.Can(Capability.HandleObjections), n.StartDate.ToString("yyyy年M月d日"), n.StartDate,
            n.IsLateEntry, n.EnteredOn.ToString("yyyy年M月d日"), today.ToString("yyyy-MM-dd"), n.StartDate.ToString("yyyy-MM-dd"),
            (today < n.EndDate ? today : n.EndDate).ToString("yyyy-MM-dd"), today >= n.StartDate);
    }
}

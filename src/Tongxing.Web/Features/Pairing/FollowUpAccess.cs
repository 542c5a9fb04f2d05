using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairings;

/// <summary>A household a support log or visit may be written for, with what the record is checked against.</summary>
public sealed record FollowUpTarget(Household Household, Programme Programme, Guid? HelperId, DateOnly PairedOn);

/// <summary>
/// What a phone gets back for a record it sent: its id, whether it was already stored (a resend), and the household's
/// follow-up state now (<see cref="SeenVersion"/>: how many return visits it has).
/// </summary>
public sealed record RecordedFollowUp(Guid Id, Guid HouseholdId, string Kind, string On, int Photos, bool Duplicate, int SeenVersion);

/// <summary>What a support-log or visit form shows of its household (no ID number, no phone), and what it sends back.</summary>
public sealed record FollowUpForm(Guid HouseholdId, string Head, string Village, string PairedOn, int SeenVersion, string Today, int MaxPhotos, bool ByHelper);

/// <summary>A picture as the form or the API sent it.</summary>
public sealed record IncomingPhoto(byte[] Content, string? FileName);

/// <summary>
/// What support logs and visits share (ADR 0029): who may write for which household — an office for a paired
/// household of its area, a helper only for a household with a live pairing to their own helper record — the photos
/// (checked and stored before the record), and the one save that turns a race of two sends of the same id into one
/// stored record and a "duplicate" answer.
/// </summary>
public sealed class FollowUpAccess(TongxingDb db, CurrentUser me, PhotoUploads uploads, AreaDirectory areas, TimeProvider clock, IConfiguration config)
{
    public const string PairingEnded = "pairing-ended";
    public const string PossibleDuplicate = "possible-duplicate";
    public const string IdReused = "id-reused";
    private const string IdReusedMessage = "该记录编号已被另一条记录使用，本条未保存；请重新填写";

    public int MaxPhotos => Math.Clamp(config.GetValue("Pairing:MaxPhotos", 3), 1, 10);

    public long MaxPhotoBytes => uploads.MaxBytes;

    public static Outcome<T> Conflict<T>(string code, string message) => new(OutcomeStatus.Conflict, default, [new FieldError(code, message)]);

    public async Task<Outcome<FollowUpTarget>> ReachAsync(Guid householdId, CancellationToken ct)
    {
        Household? household;
        Guid? helperId = null;
        DateOnly pairedOn;
        if (me.Role == Role.Helper)
        {
            var pairings = await db.Pairings.AsNoTracking()
                .Where(p => p.HouseholdId == householdId && db.Helpers.Any(h => h.Id == p.HelperId && h.UserId == me.Id))
                .Select(p => new { p.HelperId, p.StartedOn, p.EndedOn, p.EndReason }).ToListAsync(ct);
            var live = pairings.FirstOrDefault(p => p.EndedOn is null);
            if (live is null)
            {
                var ended = pairings.OrderByDescending(p => p.EndedOn).FirstOrDefault();
                return ended is null
                    ? Outcome<FollowUpTarget>.NotFound()
                    : Conflict<FollowUpTarget>(PairingEnded, $"您与该户的结对已于{ended.EndedOn:yyyy-MM-dd}解除（{ended.EndReason}），本条记录未保存");
            }
            household = await db.Households.Where(h => h.Id == householdId && db.HouseholdsOfHelperAccount(me.Id).Contains(h.Id)).FirstOrDefaultAsync(ct);
            helperId = live.HelperId;
            pairedOn = live.StartedOn;
        }
        else
        {
            household = await db.Households.Within(me.Scope).FirstOrDefaultAsync(h => h.Id == householdId, ct);
            if (household is { HelperCount: 0 } or { PairedOn: null })
            {
                return Outcome<FollowUpTarget>.Refused(Result.Refused($"{household.HeadName}户尚未结对帮扶人，不能记录帮扶日志或回访"));
            }
            pairedOn = household?.PairedOn ?? default;
        }
        if (household is null)
        {
            return Outcome<FollowUpTarget>.NotFound();
        }
        var programme = await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == household.ProgrammeId, ct);
        return Outcome<FollowUpTarget>.Success(new FollowUpTarget(household, programme, helperId, pairedOn));
    }

    /// <summary>The household as a form for it shows it, for a user who may write the record (<paramref name="capability"/>).</summary>
    public async Task<Outcome<FollowUpForm>> FormAsync(Guid householdId, Capability capability, string denied, CancellationToken ct)
    {
        if (!me.Can(capability))
        {
            return Outcome<FollowUpForm>.Forbidden(denied);
        }
        var reach = await ReachAsync(householdId, ct);
        if (reach.Value is not { } t)
        {
            return new Outcome<FollowUpForm>(reach.Status, default, reach.Errors);
        }
        var names = await areas.NamesAsync([t.Household.TownCode, t.Household.VillageCode], ct);
        return Outcome<FollowUpForm>.Success(new FollowUpForm(householdId, t.Household.HeadName,
            names.GetValueOrDefault(t.Household.TownCode, "") + names.GetValueOrDefault(t.Household.VillageCode, ""), t.PairedOn.ToString("yyyy-MM-dd"),
            await SeenVersionAsync(householdId, ct), clock.Today().ToString("yyyy-MM-dd"), MaxPhotos, me.Role == Role.Helper));
    }

    /// <summary>
    /// A record with this id is already stored: the same sender and content → the stored record ("duplicate"); any
    /// other use of the id → a conflict that says nothing about the stored record.
    /// </summary>
    public async Task<Outcome<RecordedFollowUp>> ResentAsync(Guid id, Guid householdId, string recordedBy, bool same, string kind, DateOnly on, CancellationToken ct) =>
        recordedBy == me.Id && same
            ? Outcome<RecordedFollowUp>.Success(await AnswerAsync(id, householdId, kind, on, true, ct))
            : Conflict<RecordedFollowUp>(IdReused, IdReusedMessage);

    public async Task<RecordedFollowUp> AnswerAsync(Guid id, Guid householdId, string kind, DateOnly on, bool duplicate, CancellationToken ct) =>
        new(id, householdId, kind, on.ToString("yyyy-MM-dd"), await db.FollowUpPhotos.CountAsync(p => p.OwnerId == id, ct), duplicate,
            await SeenVersionAsync(householdId, ct));

    /// <summary>The household's follow-up state a phone compares against: how many return visits are on its record.</summary>
    public Task<int> SeenVersionAsync(Guid householdId, CancellationToken ct) =>
        db.Visits.CountAsync(v => v.HouseholdId == householdId && v.Kind == VisitKind.ReturnVisit, ct);

    /// <summary>Checks and stores the pictures (at most <see cref="MaxPhotos"/>) before the record is saved; a refused one refuses the record.</summary>
    private async Task<Outcome<List<StoredPhoto>>> SavePhotosAsync(IReadOnlyList<IncomingPhoto> photos, CancellationToken ct)
    {
        if (photos.Count > MaxPhotos)
        {
            return Outcome<List<StoredPhoto>>.Invalid([new FieldError("Photos", $"每条记录最多上传{MaxPhotos}张照片")]);
        }
        var saved = new List<StoredPhoto>();
        foreach (var photo in photos)
        {
            var stored = await uploads.SaveAsync(photo.Content, photo.FileName, "Photos", ct);
            if (stored.Value is not { } s)
            {
                return new Outcome<List<StoredPhoto>>(stored.Status, default, stored.Errors);
            }
            saved.Add(s);
        }
        return Outcome<List<StoredPhoto>>.Success(saved);
    }

    private void AddPhotos(Guid ownerId, List<StoredPhoto> photos)
    {
        for (var i = 0; i < photos.Count; i++)
        {
            db.FollowUpPhotos.Add(new FollowUpPhoto(ownerId, i + 1, photos[i].StoredName, photos[i].ContentType));
        }
    }

    /// <summary>
    /// The steps every new record goes through once its fields are checked: a resend of a stored id is answered as
    /// stored; the household must be within reach; the date not before the pairing; <paramref name="check"/> (the
    /// record's own conflicts) passed; the photos checked and stored; then <paramref name="add"/> puts the record (its
    /// id) in the unit of work with its photos, and one save stores both.
    /// </summary>
    public async Task<Outcome<RecordedFollowUp>> RecordAsync(Guid householdId, Guid id, DateOnly on, string kind, IReadOnlyList<IncomingPhoto> photos,
        Func<Task<Outcome<RecordedFollowUp>?>> stored, Func<FollowUpTarget, Task<Outcome<RecordedFollowUp>?>> check, Action<FollowUpTarget> add, CancellationToken ct)
    {
        if (await stored() is { } resent)
        {
            // Another's record under this id is no business of a sender who cannot reach the household: 404, as for any
            // household out of reach, so that an id's existence is not told to someone outside it.
            return resent.Status == OutcomeStatus.Conflict && (await ReachAsync(householdId, ct)).Value is null ? Outcome<RecordedFollowUp>.NotFound() : resent;
        }
        var reach = await ReachAsync(householdId, ct);
        if (reach.Value is not { } target)
        {
            return new Outcome<RecordedFollowUp>(reach.Status, default, reach.Errors);
        }
        // One id names one record of either kind: a support log may not take a visit's id (nor the reverse), or it would
        // take over that record's photos. A parallel send of this same record may have been stored meanwhile: asked
        // first, it is answered as the resend it is.
        if (await db.SupportLogs.AnyAsync(l => l.Id == id, ct) || await db.Visits.AnyAsync(v => v.Id == id, ct) || await db.FollowUpPhotos.AnyAsync(p => p.OwnerId == id, ct))
        {
            return await stored() ?? Conflict<RecordedFollowUp>(IdReused, IdReusedMessage);
        }
        var notBefore = FollowUpRules.NotBefore(on, target.PairedOn);
        if (!notBefore.Succeeded)
        {
            return Outcome<RecordedFollowUp>.Refused(notBefore);
        }
        if (await check(target) is { } refused)
        {
            return refused;
        }
        var saved = await SavePhotosAsync(photos, ct);
        if (saved.Value is not { } pictures)
        {
            return new Outcome<RecordedFollowUp>(saved.Status, default, saved.Errors);
        }
        add(target);
        AddPhotos(id, pictures);
        return await SaveAsync(id, householdId, kind, on, stored, ct);
    }

    /// <summary>
    /// Saves the one new record. When a parallel send of the same id got there first (the primary key refuses the
    /// second), or a return visit raced another on the household, the stored record is read back and answered as a resend.
    /// </summary>
    private async Task<Outcome<RecordedFollowUp>> SaveAsync(Guid id, Guid householdId, string kind, DateOnly on, Func<Task<Outcome<RecordedFollowUp>?>> storedMeanwhile,
        CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (TransientFailureAnswers.Retryable(e) is null)
        {
            db.ChangeTracker.Clear();
            if (await storedMeanwhile() is { } resent)
            {
                return resent;
            }
            if (e is DbUpdateConcurrencyException)
            {
                return Outcome<RecordedFollowUp>.Conflict("该户刚被他人更新（可能刚有人回访），本条未保存，请重新发送");
            }
            throw;
        }
        return Outcome<RecordedFollowUp>.Success(await AnswerAsync(id, householdId, kind, on, false, ct));
    }
}

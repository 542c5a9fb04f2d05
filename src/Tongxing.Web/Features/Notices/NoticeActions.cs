using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Notices;

public sealed class ObjectionInput
{
    public Guid? HouseholdId { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Content { get; set; }
    public string? RaisedBy { get; set; }
}

public sealed class ResolutionInput
{
    public string? Resolution { get; set; }
    public bool Upheld { get; set; }
    /// <summary>The day the objection was resolved; today when empty.</summary>
    public DateOnly? ResolvedOn { get; set; }
}

public sealed class ObjectionWithdrawalInput
{
    /// <summary>Why the objection is withdrawn as entered by mistake.</summary>
    public string? Reason { get; set; }
}

public sealed record PhotoFile(Stream Content, string ContentType, string FileName);

/// <summary>What happens on a posted notice: photos of it, objections and their resolution, and passing it when it ends.</summary>
public sealed class NoticeActions(TongxingDb db, CurrentUser me, FileStore files, TimeProvider clock, PhotoUploads uploads)
{
    public long MaxPhotoBytes => uploads.MaxBytes;

    private async Task<Notice?> Find(Guid id, CancellationToken ct) =>
        await db.Notices.Within(me.Scope).Include(n => n.Entries).Include(n => n.Photos).Include(n => n.Objections).FirstOrDefaultAsync(n => n.Id == id, ct);

    public async Task<Outcome<Guid>> AddPhoto(Guid id, string fileName, byte[] content, CancellationToken ct)
    {
        if (!me.Can(Capability.RegisterHousehold))
        {
            return Outcome<Guid>.Forbidden("公示照片由村（社区）党组织上传");
        }
        var notice = await Find(id, ct);
        if (notice is null)
        {
            return Outcome<Guid>.NotFound();
        }
        var saved = await uploads.SaveAsync(content, fileName, "Photo", ct);
        if (saved.Value is not { } image)
        {
            return new Outcome<Guid>(saved.Status, default, saved.Errors);
        }
        var photo = new NoticePhoto(Guid.NewGuid(), notice.Id, image.StoredName, image.ContentType, image.Size, image.OriginalName, clock.GetUtcNow(), me.DisplayName);
        var added = notice.AddPhoto(photo);
        if (!added.Succeeded)
        {
            return Outcome<Guid>.Refused(added);
        }
        db.Add(photo);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(photo.Id);
    }

    /// <summary>A photo for a signed-in user of the notice's area; never through a public path.</summary>
    public async Task<PhotoFile?> Photo(Guid noticeId, Guid photoId, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return null;
        }
        var photo = await db.Notices.Within(me.Scope).Where(n => n.Id == noticeId).SelectMany(n => n.Photos).FirstOrDefaultAsync(p => p.Id == photoId, ct);
        var stream = photo is null ? null : files.Open(photo.StoredName);
        return stream is null ? null : new PhotoFile(stream, photo!.ContentType, photo.OriginalName);
    }

    public async Task<Outcome<Guid>> RaiseObjection(Guid id, ObjectionInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.HandleObjections))
        {
            return Outcome<Guid>.Forbidden("公示异议由村党组织或镇党委登记");
        }
        var notice = await Find(id, ct);
        if (notice is null)
        {
            return Outcome<Guid>.NotFound();
        }
        var today = clock.Today();
        var result = notice.RaiseObjection(input.HouseholdId, input.ReceivedOn ?? today, today, input.Content, input.RaisedBy, me.Id, me.DisplayName, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<Guid>.Refused(result);
        }
        db.Add(notice.Objections[^1]);
        await db.SaveChangesAsync(ct);
        return Outcome<Guid>.Success(notice.Objections[^1].Id);
    }

    /// <summary>Records how an objection was resolved; one found true withdraws the household from the programme.</summary>
    public async Task<Outcome<Guid>> ResolveObjection(Guid id, Guid objectionId, ResolutionInput input, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.HandleObjections))
        {
            return Outcome<Guid>.Forbidden("公示异议由村党组织或镇党委处理");
        }
        var notice = await Find(id, ct);
        var objection = notice?.Objections.FirstOrDefault(o => o.Id == objectionId);
        if (objection is null)
        {
            return Outcome<Guid>.NotFound();
        }
        var today = clock.Today();
        var result = objection.Resolve(input.Resolution, input.Upheld, input.ResolvedOn ?? today, today, me.DisplayName);
        if (!result.Succeeded)
        {
            return Outcome<Guid>.Refused(result);
        }
        if (input.Upheld && objection.HouseholdId is { } householdId)
        {
            var household = await db.Households.Within(me.Scope).FirstAsync(h => h.Id == householdId, ct);
            // A household an earlier upheld objection already withdrew keeps its state: this finding is recorded too.
            // (Two offices resolving one objection at once are told apart by the objection's version when saving.)
            if (household.Status != HouseholdStatus.Withdrawn)
            {
                var withdrawn = household.WithdrawOnObjection(actor, objection.Resolution!, clock.GetUtcNow());
                if (!withdrawn.Succeeded)
                {
                    return Outcome<Guid>.Refused(withdrawn);
                }
            }
        }
        return await Save(objection.Id, ct);
    }

    /// <summary>Withdraws an objection entered by mistake (误登记), with the reason; the change is audited like any other.</summary>
    public async Task<Outcome<Guid>> WithdrawObjection(Guid id, Guid objectionId, ObjectionWithdrawalInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.HandleObjections))
        {
            return Outcome<Guid>.Forbidden("公示异议由村党组织或镇党委撤销");
        }
        var notice = await Find(id, ct);
        var objection = notice?.Objections.FirstOrDefault(o => o.Id == objectionId);
        if (objection is null)
        {
            return Outcome<Guid>.NotFound();
        }
        var result = objection.Withdraw(input.Reason, me.DisplayName, clock.GetUtcNow());
        return result.Succeeded ? await Save(objection.Id, ct) : Outcome<Guid>.Refused(result);
    }

    private const string ObjectionTaken = "该异议刚被他人处理，请刷新页面查看处理结果";

    private async Task<Outcome<Guid>> Save(Guid objectionId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<Guid>.Conflict(ObjectionTaken);
        }
        return Outcome<Guid>.Success(objectionId);
    }

    /// <summary>After the period ends: every household of the notice with no open objection passes; the others are named.</summary>
    public async Task<Outcome<int>> Pass(Guid id, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RegisterHousehold))
        {
            return Outcome<int>.Forbidden("公示结果由村（社区）党组织确认");
        }
        var notice = await Find(id, ct);
        if (notice is null)
        {
            return Outcome<int>.NotFound();
        }
        var posted = notice.CheckCanPass();
        if (!posted.Succeeded)
        {
            return Outcome<int>.Refused(posted);
        }
        var ids = notice.Entries.Select(e => e.HouseholdId).ToList();
        var households = await db.Households.Where(h => ids.Contains(h.Id) && h.Status == HouseholdStatus.OnNotice).ToListAsync(ct);
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var passed = 0;
        foreach (var h in households)
        {
            var open = notice.Objections.Count(o => o.IsOpen && (o.HouseholdId == h.Id || o.HouseholdId is null));
            var result = h.PassNotice(actor, today, notice.EndDate, open, now);
            errors.AddRange(result.Errors);
            passed += result.Succeeded ? 1 : 0;
        }
        if (passed == 0)
        {
            return Outcome<int>.Invalid(errors.Count > 0 ? errors : [new FieldError("", "没有可确认的公示对象")]);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict("名单中有对象刚被他人处理，请刷新后重试");
        }
        return Outcome<int>.Success(passed);
    }
}

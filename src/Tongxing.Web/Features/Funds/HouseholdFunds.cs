using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>What the town sends when it records (or corrects) the start of a household's funded project.</summary>
public sealed class ProjectStartInput
{
    public string? StartedOn { get; set; }
    public string? Note { get; set; }
    /// <summary>The version of the record the user corrects (none when recording it the first time).</summary>
    public int? Version { get; set; }
}

public sealed record ProjectStartView(string StartedOn, string Note, bool HasPhoto, string RecordedBy, string RecordedAt, int Version);

/// <summary>
/// A household's 资金发放 section: its current payment (the live one, else the latest), the receipt and the project
/// start. The account number is always masked here; the full number is the bank-account page's, with its audit.
/// </summary>
public sealed record HouseholdFundsView(string State, Guid? PaymentId, int? PaymentVersion, string? Amount, string? Method, string? PaidOn, string? BankReference,
    string? Account, string? FailureReason, string Receipt, string? ReceiptOn, string? Proxy, bool HasReceiptPhoto, int EarlierPayments,
    ProjectStartView? Project, bool CanRecordReceipt, bool CanRecordProject, string Today);

/// <summary>The funds as one household's page shows them, and the town's record of its project start (项目落实).</summary>
public sealed class HouseholdFunds(TongxingDb db, CurrentUser me, PhotoUploads uploads, TimeProvider clock)
{
    public long MaxPhotoBytes => uploads.MaxBytes;

    /// <summary>The section for a household the caller already found within the user's area.</summary>
    public async Task<HouseholdFundsView> ViewAsync(Guid householdId, HouseholdStatus status, CancellationToken ct)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.HouseholdId == householdId).OrderByDescending(p => p.LiveHouseholdId != null).ThenByDescending(p => p.CreatedAt)
            .Select(p => new
            {
                p.Id,
                p.Version,
                p.State,
                p.Fen,
                p.Method,
                p.PaidOn,
                p.BankReference,
                p.AccountNumber,
                p.BankName,
                p.FailureReason,
                p.ReversalReason,
                p.ReceiptKind,
                p.ReceiptOn,
                p.ProxyName,
                p.ProxyRelation,
                p.ReceiptStoredName,
            })
            .Take(20).ToListAsync(ct);
        var start = await db.ProjectStarts.AsNoTracking().FirstOrDefaultAsync(s => s.HouseholdId == householdId, ct);
        var project = start is null ? null : new ProjectStartView(start.StartedOn.ToString("yyyy-MM-dd"), start.Note, start.PhotoStoredName is not null,
            start.RecordedByName, Clock.Local(start.RecordedAt), start.Version);
        var today = clock.Today().ToString("yyyy-MM-dd");
        var mayProject = me.Can(Capability.PayHouseholds);
        if (payments.Count == 0)
        {
            var state = status >= HouseholdStatus.Filed && status <= HouseholdStatus.Assessed ? "待发放" : "未到发放环节";
            return new HouseholdFundsView(state, null, null, null, null, null, null, null, null, "未签收", null, null, false, 0, project, false, false, today);
        }
        var p = payments[0];
        var label = p.State switch
        {
            PaymentState.Pending or PaymentState.Sent => "批次中",
            PaymentState.Paid => "已发放",
            PaymentState.Failed => "发放失败",
            _ => "已冲销",
        };
        return new HouseholdFundsView(label, p.Id, p.Version, new Money(p.Fen).ToString(), Labels.Of(p.Method), p.PaidOn?.ToString("yyyy-MM-dd"), p.BankReference,
            p.AccountNumber is null ? null : $"{p.BankName} {BankAccount.Mask(p.AccountNumber)}",
            p.State == PaymentState.Failed ? p.FailureReason : p.State == PaymentState.Reversed ? p.ReversalReason : null,
            p.ReceiptKind is { } k ? Labels.Of(k) : "未签收", p.ReceiptOn?.ToString("yyyy-MM-dd"),
            p.ProxyName is null ? null : $"{p.ProxyName}（{p.ProxyRelation}）", p.ReceiptStoredName is not null, payments.Count - 1, project,
            me.Can(Capability.RecordReceipts) && p.State == PaymentState.Paid && p.ReceiptKind is null,
            mayProject && p.State == PaymentState.Paid, today);
    }

    /// <summary>
    /// Records the start of the funded project of a paid household of the town, or corrects it (one record per household;
    /// the previous values stay in the audit log). The photo is required the first time.
    /// </summary>
    public async Task<Outcome<string>> RecordProjectStart(Guid householdId, ProjectStartInput input, byte[]? photo, string? fileName, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.PayHouseholds))
        {
            return Outcome<string>.Forbidden("项目落实情况由镇党委登记");
        }
        var household = await db.Households.AsNoTracking().Within(me.Scope).Where(h => h.Id == householdId)
            .Select(h => new { h.Id }).FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return Outcome<string>.NotFound();
        }
        var paid = await db.Payments.AsNoTracking().Where(p => p.LiveHouseholdId == householdId && p.State == PaymentState.Paid)
            .Select(p => new { p.PaidOn }).FirstOrDefaultAsync(ct);
        if (paid is null)
        {
            return Outcome<string>.Conflict("该户尚未发放资金，发放后才能登记项目落实情况");
        }
        var existing = await db.ProjectStarts.FirstOrDefaultAsync(s => s.HouseholdId == householdId, ct);
        if (existing is not null && input.Version != existing.Version)
        {
            return Outcome<string>.Conflict(ProjectChanged);
        }
        var details = ProjectStartRules.Check(input.StartedOn, input.Note, photo is { Length: > 0 }, existing is null, paid.PaidOn, clock.Today(), out var result);
        if (details is not { } d)
        {
            return Outcome<string>.Refused(result);
        }
        (string, string)? stored = null;
        if (photo is { Length: > 0 })
        {
            var saved = await uploads.SaveAsync(photo, fileName, "Photo", ct);
            if (saved.Value is not { } image)
            {
                return new Outcome<string>(saved.Status, default, saved.Errors);
            }
            stored = (image.StoredName, image.ContentType);
        }
        if (existing is null)
        {
            var h = await db.Households.AsNoTracking().FirstAsync(x => x.Id == householdId, ct);
            db.ProjectStarts.Add(new ProjectStart(h, d.On, d.Note, stored, actor, clock.GetUtcNow()));
        }
        else
        {
            existing.Correct(d.On, d.Note, stored, actor, clock.GetUtcNow());
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<string>.Conflict(ProjectChanged);
        }
        catch (DbUpdateException failure) when (TransientFailureAnswers.Retryable(failure) is null)
        {
            return Outcome<string>.Conflict("该户的项目落实情况刚被他人登记，请刷新页面查看");
        }
        return Outcome<string>.Success(d.On.ToString("yyyy-MM-dd"));
    }

    /// <summary>The project photo, for the offices of the household's area that see households or pay them; each view audited.</summary>
    public async Task<StoredFile?> ProjectPhoto(Guid householdId, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return null;
        }
        var s = await db.ProjectStarts.AsNoTracking().Within(me.Scope).Where(x => x.HouseholdId == householdId)
            .Select(x => new { x.PhotoStoredName, x.PhotoContentType }).FirstOrDefaultAsync(ct);
        var stream = uploads.Open(s?.PhotoStoredName);
        return stream is null ? null : new StoredFile(stream, s!.PhotoContentType ?? "image/jpeg", "项目落实照片" + (s.PhotoContentType == "image/png" ? ".png" : ".jpg"));
    }

    private const string ProjectChanged = "该户的项目落实情况刚被他人更正，请刷新页面查看后再改";
}

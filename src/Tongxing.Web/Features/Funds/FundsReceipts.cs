using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

public sealed class ReceiptListQuery
{
    /// <summary>pending (paid, not yet receipted; the default) or done.</summary>
    public string? State { get; set; }
    public string? Town { get; set; }
    public string? Village { get; set; }
    public int? Page { get; set; }
}

/// <summary>What the village sends when it records a receipt; dates as text so that an impossible date gets a clear message.</summary>
public sealed class ReceiptInput
{
    public string? Kind { get; set; }
    public string? On { get; set; }
    public string? ProxyName { get; set; }
    public string? ProxyRelation { get; set; }
    public string? ProxyReason { get; set; }
    public int Version { get; set; }
}

public sealed record ReceiptRow(Guid PaymentId, Guid HouseholdId, string HeadName, string TownName, string VillageName, string Amount, string Method,
    string? PaidOn, string? Receipt, string? ReceiptOn, string? ProxyName, int Version);

public sealed record TownReceipts(string TownCode, string TownName, int Paid, int Receipted, int NotReceipted);

public sealed record ReceiptListView(string State, int Page, int PageSize, int Total, IReadOnlyList<ReceiptRow> Rows, IReadOnlyList<TownReceipts> Towns,
    IReadOnlyList<Area> Villages, bool CanRecord, string Today);

public sealed record StoredFile(Stream Content, string ContentType, string FileName);

/// <summary>
/// 签收: the paid households of the user's area awaiting (or with) their receipt, and recording one — by the village
/// branch or the town committee (<see cref="Capability.RecordReceipts"/>), for a paid payment of their own area, with a
/// photo of the signed receipt in both cases (a proxy's signature is on the photographed receipt too).
/// </summary>
public sealed class FundsReceipts(TongxingDb db, CurrentUser me, AreaDirectory areas, PhotoUploads uploads, TimeProvider clock)
{
    public const int PageSize = 30;

    public long MaxPhotoBytes => uploads.MaxBytes;

    public string Today => clock.Today().ToString("yyyy-MM-dd");

    private bool MayRead => me.Can(Capability.RecordReceipts) || me.Can(Capability.ViewFunds);

    public async Task<Outcome<ReceiptListView>> List(ReceiptListQuery query, CancellationToken ct)
    {
        if (!MayRead || me.Scope is null)
        {
            return Outcome<ReceiptListView>.Forbidden("您的岗位无权查看资金签收");
        }
        var done = string.Equals(query.State, "done", StringComparison.OrdinalIgnoreCase);
        var programme = await ProgrammeAsync(ct);
        var within = await areas.InUseWithinAsync(me.Scope, ct);
        var paid = db.Payments.AsNoTracking().Within(me.Scope).Where(p => p.ProgrammeId == (programme == null ? 0 : programme.Id) && p.State == PaymentState.Paid);
        var towns = me.Scope.Level <= AreaLevel.District
            ? (await paid.GroupBy(p => p.TownCode).Select(g => new { g.Key, Paid = g.Count(), Receipted = g.Count(p => p.ReceiptKind != null) }).ToListAsync(ct))
                .Select(t => new TownReceipts(t.Key, within.FirstOrDefault(a => a.Code == t.Key)?.Name ?? t.Key, t.Paid, t.Receipted, t.Paid - t.Receipted))
                .OrderBy(t => t.TownCode).ToList()
            : [];
        var filtered = paid.Where(p => done ? p.ReceiptKind != null : p.ReceiptKind == null);
        if (!string.IsNullOrEmpty(query.Town))
        {
            filtered = filtered.Where(p => p.TownCode == query.Town);
        }
        if (!string.IsNullOrEmpty(query.Village))
        {
            filtered = filtered.Where(p => p.VillageCode == query.Village);
        }
        var total = await filtered.CountAsync(ct);
        var page = Math.Clamp(query.Page ?? 1, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await filtered.OrderBy(p => p.VillageCode).ThenBy(p => p.PaidOn).ThenBy(p => p.PayeeName).ThenBy(p => p.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(p => new { p.Id, p.HouseholdId, p.PayeeName, p.TownCode, p.VillageCode, p.Fen, p.Method, p.PaidOn, p.ReceiptKind, p.ReceiptOn, p.ProxyName, p.Version })
            .ToListAsync(ct);
        var names = within.ToDictionary(a => a.Code, a => a.Name);
        var view = rows.Select(r => new ReceiptRow(r.Id, r.HouseholdId, r.PayeeName, names.GetValueOrDefault(r.TownCode, ""), names.GetValueOrDefault(r.VillageCode, ""),
            new Money(r.Fen).ToString(), Labels.Of(r.Method), r.PaidOn?.ToString("yyyy-MM-dd"), r.ReceiptKind is { } k ? Labels.Of(k) : null,
            r.ReceiptOn?.ToString("yyyy-MM-dd"), r.ProxyName, r.Version)).ToList();
        return Outcome<ReceiptListView>.Success(new ReceiptListView(done ? "done" : "pending", page, PageSize, total, view, towns,
            within.Where(a => a.Level == AreaLevel.Village).ToList(), me.Can(Capability.RecordReceipts), clock.Today().ToString("yyyy-MM-dd")));
    }

    /// <summary>One payment of the user's area as the receipt form shows it.</summary>
    public async Task<Outcome<ReceiptRow>> One(Guid paymentId, CancellationToken ct)
    {
        if (!me.Can(Capability.RecordReceipts))
        {
            return Outcome<ReceiptRow>.Forbidden("签收由村（社区）党组织或镇党委登记");
        }
        var r = await db.Payments.AsNoTracking().Within(me.Scope).Where(p => p.Id == paymentId)
            .Select(p => new { p.Id, p.HouseholdId, p.PayeeName, p.TownCode, p.VillageCode, p.Fen, p.Method, p.PaidOn, p.ReceiptKind, p.ReceiptOn, p.ProxyName, p.Version, p.State })
            .FirstOrDefaultAsync(ct);
        if (r is null)
        {
            return Outcome<ReceiptRow>.NotFound();
        }
        var names = await areas.NamesAsync([r.TownCode, r.VillageCode], ct);
        return Outcome<ReceiptRow>.Success(new ReceiptRow(r.Id, r.HouseholdId, r.PayeeName, names.GetValueOrDefault(r.TownCode, ""), names.GetValueOrDefault(r.VillageCode, ""),
            new Money(r.Fen).ToString(), r.State == PaymentState.Paid ? Labels.Of(r.Method) : Labels.Of(r.Method) + "（" + Labels.Of(r.State) + "）",
            r.PaidOn?.ToString("yyyy-MM-dd"), r.ReceiptKind is { } k ? Labels.Of(k) : null, r.ReceiptOn?.ToString("yyyy-MM-dd"), r.ProxyName, r.Version));
    }

    /// <summary>Records the receipt of a paid payment of the user's area; the photo is checked and stored first, the payment saved once.</summary>
    public async Task<Outcome<int>> Record(Guid paymentId, ReceiptInput input, byte[]? photo, string? fileName, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !me.Can(Capability.RecordReceipts))
        {
            return Outcome<int>.Forbidden("签收由村（社区）党组织或镇党委登记");
        }
        var payment = await db.Payments.Within(me.Scope).FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null)
        {
            return Outcome<int>.NotFound();
        }
        if (payment.Version != input.Version)
        {
            return Outcome<int>.Conflict(payment.HasReceipt ? "该户已登记签收，请刷新页面查看" : "该笔发放刚被他人修改，请刷新页面后重试");
        }
        var (details, checkedInput) = ReceiptRules.Check(input.Kind, input.On, input.ProxyName, input.ProxyRelation, input.ProxyReason,
            photo is { Length: > 0 }, clock.Today());
        if (!checkedInput.Succeeded)
        {
            return Outcome<int>.Refused(checkedInput);
        }
        // The payment's state is checked before the photo is stored, so a refused receipt leaves no file behind.
        if (payment.State != PaymentState.Paid || payment.HasReceipt || payment.PaidOn is { } paidOn && details!.On < paidOn)
        {
            return Outcome<int>.Refused(payment.RecordReceipt(details!.Kind, details.On, null, null, null, null, actor, clock.GetUtcNow()));
        }
        var saved = await uploads.SaveAsync(photo!, fileName, "Photo", ct);
        if (saved.Value is not { } image)
        {
            return new Outcome<int>(saved.Status, default, saved.Errors);
        }
        var result = payment.RecordReceipt(details!.Kind, details.On, (image.StoredName, image.ContentType), details.ProxyName, details.ProxyRelation,
            details.ProxyReason, actor, clock.GetUtcNow());
        if (!result.Succeeded)
        {
            return Outcome<int>.Refused(result);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Conflict("该户刚被他人登记签收，请刷新页面查看");
        }
        return Outcome<int>.Success(payment.Version);
    }

    /// <summary>The photo of a receipt, for the offices of the payment's area that see households or record receipts; each view audited.</summary>
    public async Task<StoredFile?> Photo(Guid paymentId, CancellationToken ct)
    {
        if (!me.Can(Capability.RecordReceipts) && !me.Can(Capability.ViewHouseholds))
        {
            return null;
        }
        var p = await db.Payments.AsNoTracking().Within(me.Scope).Where(x => x.Id == paymentId)
            .Select(x => new { x.Id, x.PayeeName, x.ReceiptStoredName, x.ReceiptContentType }).FirstOrDefaultAsync(ct);
        var stream = uploads.Open(p?.ReceiptStoredName);
        if (stream is null)
        {
            return null;
        }
        db.Audit("查看签收凭证", nameof(Payment), p!.Id.ToString(), details: $"{p.PayeeName}户");
        await db.SaveChangesAsync(ct);
        return new StoredFile(stream, p.ReceiptContentType ?? "image/jpeg", "签收凭证" + (p.ReceiptContentType == "image/png" ? ".png" : ".jpg"));
    }

    private async Task<Programme?> ProgrammeAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        return district is null ? null : await Households.HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
    }
}

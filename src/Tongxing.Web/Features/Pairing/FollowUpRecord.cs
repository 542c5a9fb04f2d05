using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

public sealed record HelperLine(string Name, string Kind, string Since, string? Until, string? EndReason, bool AgreementSigned, string? SignedOn);

public sealed record LogLine(Guid Id, string On, string Kind, string Content, string? Money, string? Goods, string By, string? Where, IReadOnlyList<Guid> Photos);

public sealed record VisitLine(Guid Id, string On, string Kind, string Visitors, string Findings, string? Rating, string? RatingComment, string? Suggestions,
    string By, string? Where, IReadOnlyList<Guid> Photos);

/// <summary>A household's follow-up record: its helpers (every pairing), support logs and visits (latest first, a page of them) and outcome.</summary>
public sealed record FollowUpView(Guid HouseholdId, string HeadName, IReadOnlyList<HelperLine> Helpers, IReadOnlyList<LogLine> Logs, int LogCount,
    IReadOnlyList<VisitLine> Visits, int VisitCount, OutcomeView? Outcome, int Page, int PageSize)
{
    /// <summary>Whether there is anything to show (an unpaired household without logs or visits shows no section).</summary>
    public bool HasAny => Helpers.Count > 0 || LogCount > 0 || VisitCount > 0;
}

/// <summary>
/// The follow-up record of a household (帮扶记录) for the offices that see it — on the household's page, on its own
/// page (全部) and in the archive — and the photos of its logs and visits, each view audited. A helper sees the record
/// and photos of the households they are paired with now (and nothing by area).
/// </summary>
public sealed class FollowUpRecord(TongxingDb db, CurrentUser me, Outcomes outcomes, PhotoUploads uploads)
{
    public const int Latest = 20;
    public const int PageSize = 50;

    /// <param name="size">How many logs and visits (latest first); <paramref name="page"/> pages through them.</param>
    public async Task<Outcome<FollowUpView>> Read(Guid householdId, int size, int page, CancellationToken ct)
    {
        // A helper reads the record of a household paired with them now (what they and others wrote), nothing by area.
        var byHelper = me.Role == Role.Helper;
        if (!byHelper && !me.Can(Capability.ViewHouseholds))
        {
            return Outcome<FollowUpView>.Forbidden("您的岗位无权查看帮扶记录");
        }
        var reachable = byHelper
            ? db.Households.AsNoTracking().Where(x => db.HouseholdsOfHelperAccount(me.Id).Contains(x.Id))
            : db.Households.AsNoTracking().Within(me.Scope);
        var h = await reachable.Where(x => x.Id == householdId).Select(x => new { x.Id, x.HeadName }).FirstOrDefaultAsync(ct);
        if (h is null)
        {
            return Outcome<FollowUpView>.NotFound();
        }
        var helpers = await (from p in db.Pairings.AsNoTracking()
                             join helper in db.Helpers.AsNoTracking() on p.HelperId equals helper.Id
                             where p.HouseholdId == householdId
                             orderby p.EndedOn == null descending, p.StartedOn descending
                             select new { helper.Name, helper.Kind, p.StartedOn, p.EndedOn, p.EndReason, p.AgreementStoredName, p.AgreementSignedOn })
            .Take(50).ToListAsync(ct);
        var logs = db.SupportLogs.AsNoTracking().Where(l => l.HouseholdId == householdId);
        var visits = db.Visits.AsNoTracking().Where(v => v.HouseholdId == householdId);
        var logCount = await logs.CountAsync(ct);
        var visitCount = await visits.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (Math.Max(logCount, visitCount) + size - 1) / size));
        var logRows = await logs.OrderByDescending(l => l.On).ThenByDescending(l => l.RecordedAt).Skip((page - 1) * size).Take(size)
            .Select(l => new
            {
                l.Id,
                l.On,
                l.Kind,
                l.Content,
                l.MoneyFen,
                l.Goods,
                l.RecordedByName,
                l.Latitude,
                l.Longitude,
                l.AccuracyMetres,
                Helper = db.Helpers.Where(x => x.Id == l.HelperId).Select(x => x.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var visitRows = await visits.OrderByDescending(v => v.On).ThenByDescending(v => v.RecordedAt).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var owners = logRows.Select(l => l.Id).Concat(visitRows.Select(v => v.Id)).ToList();
        var photos = (await db.FollowUpPhotos.AsNoTracking().Where(p => owners.Contains(p.OwnerId)).Select(p => new { p.OwnerId, p.Seq, p.Id }).ToListAsync(ct))
            .GroupBy(p => p.OwnerId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.OrderBy(p => p.Seq).Select(p => p.Id).ToList());
        IReadOnlyList<Guid> PhotosOf(Guid id) => photos.GetValueOrDefault(id) ?? [];
        var outcome = byHelper ? null : (await outcomes.Get(householdId, ct)).Value;
        // Offices that see personal data masked get the numbers in free text masked (a helper's note often has a phone
        // or an ID) and no coordinates (a log's position is usually the household's home), as with the household itself.
        var full = me.Can(Capability.ViewFullPersonalData);
        string Text(string t) => full ? t : AuditReading.MaskText(t);
        string? Opt(string? t) => t is null ? null : Text(t);
        string? Place(double? lat, double? lon, double? accuracy) => full ? Where(lat, lon, accuracy) : lat is null ? null : "已记录（按权限不显示坐标）";
        return Outcome<FollowUpView>.Success(new FollowUpView(h.Id, h.HeadName,
            helpers.Select(x => new HelperLine(x.Name, PairingLabels.Of(x.Kind), Day(x.StartedOn), x.EndedOn is { } e ? Day(e) : null, x.EndReason,
                x.AgreementStoredName is not null, x.AgreementSignedOn is { } s ? Day(s) : null)).ToList(),
            logRows.Select(l => new LogLine(l.Id, Day(l.On), PairingLabels.Of(l.Kind), Text(l.Content), l.MoneyFen is { } m ? new Money(m).ToString() : null, Opt(l.Goods),
                l.Helper ?? l.RecordedByName, Place(l.Latitude, l.Longitude, l.AccuracyMetres), PhotosOf(l.Id))).ToList(), logCount,
            visitRows.Select(v => new VisitLine(v.Id, Day(v.On), PairingLabels.Of(v.Kind), Text(v.Visitors), Text(v.Findings), v.Rating is { } r ? PairingLabels.Of(r) : null,
                Opt(v.RatingComment), Opt(v.Suggestions), v.RecordedByName, Place(v.Latitude, v.Longitude, v.AccuracyMetres), PhotosOf(v.Id))).ToList(), visitCount,
            outcome, page, size));
    }

    /// <summary>
    /// One photo of a support log or visit: for an office that sees households, when the record is in its area; for a
    /// helper, when the record's household is paired with them now. Each view is audited.
    /// </summary>
    public async Task<StoredFile?> Photo(Guid photoId, CancellationToken ct)
    {
        var photo = await db.FollowUpPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId, ct);
        if (photo is null || me.Role is not { } role)
        {
            return null;
        }
        // A photo belongs to a support log or a visit: two indexed look-ups by id.
        var owner = await db.SupportLogs.AsNoTracking().Where(l => l.Id == photo.OwnerId)
                .Select(l => new PhotoOwner(l.HouseholdId, nameof(SupportLog), l.RegionCode, l.CityCode, l.DistrictCode, l.TownCode, l.VillageCode)).FirstOrDefaultAsync(ct)
            ?? await db.Visits.AsNoTracking().Where(v => v.Id == photo.OwnerId)
                .Select(v => new PhotoOwner(v.HouseholdId, nameof(Visit), v.RegionCode, v.CityCode, v.DistrictCode, v.TownCode, v.VillageCode)).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }
        var allowed = role == Role.Helper
            ? await db.HouseholdsOfHelperAccount(me.Id).AnyAsync(h => h == owner.HouseholdId, ct)
            : (me.Can(Capability.ViewHouseholds) || me.Can(Capability.RecordVisits) || me.Can(Capability.LogSupport))
                && me.Scope is { } scope && scope.Covers(owner.Area);
        if (!allowed)
        {
            return null;
        }
        var stream = uploads.Open(photo.StoredName);
        if (stream is null)
        {
            return null;
        }
        var head = await db.Households.AsNoTracking().Where(h => h.Id == owner.HouseholdId).Select(h => h.HeadName).FirstAsync(ct);
        db.Audit("查看帮扶照片", owner.Entity, photo.OwnerId.ToString(), subject: owner.HouseholdId.ToString(), details: $"{head}户，第{photo.Seq}张");
        await db.SaveChangesAsync(ct);
        return new StoredFile(stream, photo.ContentType, $"帮扶照片_{photo.Seq}" + (photo.ContentType == "image/png" ? ".png" : ".jpg"));
    }

    private sealed record PhotoOwner(Guid HouseholdId, string Entity, string RegionCode, string CityCode, string DistrictCode, string TownCode, string VillageCode)
    {
        public AreaPath Area => new(RegionCode, CityCode, DistrictCode, TownCode, VillageCode);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Where the phone said it was, as text (no map link: a link would send the place to a third party).</summary>
    public static string? Where(double? lat, double? lon, double? accuracy) => lat is { } a && lon is { } o
        ? $"{(a >= 0 ? "北纬" : "南纬")}{Math.Abs(a).ToString("0.00000", CultureInfo.InvariantCulture)}°，{(o >= 0 ? "东经" : "西经")}{Math.Abs(o).ToString("0.00000", CultureInfo.InvariantCulture)}°"
            + (accuracy is { } m ? $"（精度约{Math.Round(m).ToString(CultureInfo.InvariantCulture)}米）" : "")
        : null;
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Documents;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Funds;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Pairing;

/// <summary>The help promised in the four ways, typed on a short form before printing; left out, the form has lines to fill by hand.</summary>
public sealed class AgreementHelpInput
{
    public const int MaxLength = 60;
    public string? Project { get; set; }
    public string? Skills { get; set; }
    public string? Information { get; set; }
    public string? Funds { get; set; }
}

/// <summary>The signed agreement's scan: the date it was signed, the pairing's version read.</summary>
public sealed class AgreementInput
{
    public string? SignedOn { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// 附件3 帮扶协议书: printing one pairing's agreement for signature (it carries the head's full ID number, so only for the
/// offices that pair households or see full personal data; every print audited), uploading the signed scan — checked
/// through <see cref="PhotoUploads"/> before the pairing is saved — and viewing it (audited).
/// </summary>
public sealed class AgreementForms(TongxingDb db, CurrentUser me, AreaDirectory areas, PhotoUploads uploads, TimeProvider clock)
{
    public long MaxPhotoBytes => uploads.MaxBytes;

    public async Task<Outcome<(AgreementForm Form, string FileName)>> Form(Guid pairingId, AgreementHelpInput? help, CancellationToken ct)
    {
        if (!me.Can(Capability.PairHouseholds) && !me.Can(Capability.ViewFullPersonalData))
        {
            return Outcome<(AgreementForm, string)>.Forbidden("协议书含完整身份证号，您的岗位无权导出");
        }
        var errors = new List<FieldError>();
        string? Line(string? text, string field)
        {
            var v = PlainText.Clean(text);
            if (string.IsNullOrEmpty(v))
            {
                return null;
            }
            if (v.Length > AgreementHelpInput.MaxLength || PlainText.HasInvisible(v))
            {
                errors.Add(new FieldError(field, $"每项帮扶内容不超过{AgreementHelpInput.MaxLength}个字，且不能含不可见字符"));
            }
            return v;
        }
        var help4 = (Line(help?.Project, "Project"), Line(help?.Skills, "Skills"), Line(help?.Information, "Information"), Line(help?.Funds, "Funds"));
        if (errors.Count > 0)
        {
            return Outcome<(AgreementForm, string)>.Invalid(errors);
        }
        var p = await db.Pairings.AsNoTracking().Within(me.Scope).FirstOrDefaultAsync(x => x.Id == pairingId, ct);
        if (p is null)
        {
            return Outcome<(AgreementForm, string)>.NotFound();
        }
        var h = await db.Households.AsNoTracking().Include(x => x.Members).FirstAsync(x => x.Id == p.HouseholdId, ct);
        var helper = await db.Helpers.AsNoTracking().FirstAsync(x => x.Id == p.HelperId, ct);
        var programme = await db.Programmes.AsNoTracking().FirstAsync(x => x.Id == p.ProgrammeId, ct);
        var names = await areas.NamesAsync([h.DistrictCode, h.TownCode, h.VillageCode], ct);
        var head = h.Members.First(m => m.Relation == Relation.Head);
        var disability = head.DisabilityCategory is { } c ? Labels.Of(c) + Labels.Grade(head.DisabilityGrade ?? 0) : null;
        var village = names.GetValueOrDefault(h.VillageCode, "");
        var form = new AgreementForm(names.GetValueOrDefault(h.DistrictCode, ""), programme.Year, helper.Name, Labels.Of(helper.Gender), helper.PartyBranch, helper.WorkUnit,
            helper.Post, helper.Phone, PairingLabels.Of(helper.Kind), head.Name, Labels.Of(head.Gender), head.IdNumber,
            names.GetValueOrDefault(h.TownCode, "") + village + h.Group + (string.IsNullOrEmpty(h.Address) ? "" : "（" + h.Address + "）"), disability, head.Phone,
            $"{Labels.Of(h.ProjectType)}：{h.ProjectDescription}", help4.Item1, help4.Item2, help4.Item3, help4.Item4,
            p.StartedOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture), $"{programme.Year}年12月31日", village.Replace("居委会", "", StringComparison.Ordinal).Replace("委会", "", StringComparison.Ordinal) + "党组织");
        db.Audit("导出", "附件3", p.Id.ToString(), details: $"{h.HeadName}户与帮扶人{helper.Name}的帮扶协议书");
        await db.SaveChangesAsync(ct);
        return Outcome<(AgreementForm, string)>.Success((form, $"附件3_帮扶协议书_{h.HeadName}_{helper.Name}.docx"));
    }

    /// <summary>Puts the signed scan on the pairing: the pairing's state and the date are checked, then the picture, then one save.</summary>
    public async Task<Outcome<int>> Attach(Guid pairingId, AgreementInput input, byte[]? photo, string? fileName, CancellationToken ct)
    {
        if (me.Actor is not { } actor || !actor.Role.Can(Capability.PairHouseholds))
        {
            return Outcome<int>.Forbidden("协议扫描件由村（社区）党组织或镇党委上传");
        }
        var p = await db.Pairings.Within(me.Scope).FirstOrDefaultAsync(x => x.Id == pairingId, ct);
        if (p is null)
        {
            return Outcome<int>.NotFound();
        }
        if (p.Version != input.Version)
        {
            return Outcome<int>.Conflict("该结对刚被他人修改，请刷新页面后重试");
        }
        var errors = new List<FieldError>();
        if (PairingActions.PastDay(input.SignedOn, "SignedOn", "签订日期", clock.Today(), errors, today: false) is not { } on)
        {
            return Outcome<int>.Invalid(errors);
        }
        if (!p.IsActive || on < p.StartedOn)
        {
            return Outcome<int>.Refused(p.AttachAgreement("-", "-", on, actor, clock.GetUtcNow()));
        }
        if (photo is not { Length: > 0 })
        {
            return Outcome<int>.Invalid([new FieldError("Photo", "请上传签字盖章后的协议书照片或扫描件（JPEG/PNG）")]);
        }
        var saved = await uploads.SaveAsync(photo, fileName, "Photo", ct);
        if (saved.Value is not { } image)
        {
            return new Outcome<int>(saved.Status, default, saved.Errors);
        }
        var result = p.AttachAgreement(image.StoredName, image.ContentType, on, actor, clock.GetUtcNow());
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
            return Outcome<int>.Conflict("该结对刚被他人修改，请刷新页面后重试");
        }
        return Outcome<int>.Success(p.Version);
    }

    /// <summary>The signed scan, for the offices of the pairing's area that pair households or see them; each view audited.</summary>
    public async Task<StoredFile?> Scan(Guid pairingId, CancellationToken ct)
    {
        if (!me.Can(Capability.PairHouseholds) && !me.Can(Capability.ViewHouseholds))
        {
            return null;
        }
        var p = await db.Pairings.AsNoTracking().Within(me.Scope).Where(x => x.Id == pairingId)
            .Select(x => new { x.Id, x.HouseholdId, x.AgreementStoredName, x.AgreementContentType }).FirstOrDefaultAsync(ct);
        var stream = uploads.Open(p?.AgreementStoredName);
        if (stream is null)
        {
            return null;
        }
        var head = await db.Households.AsNoTracking().Where(h => h.Id == p!.HouseholdId).Select(h => h.HeadName).FirstAsync(ct);
        db.Audit("查看协议扫描件", nameof(Domain.Pairing), p!.Id.ToString(), details: $"{head}户帮扶协议书");
        await db.SaveChangesAsync(ct);
        return new StoredFile(stream, p.AgreementContentType ?? "image/jpeg", "帮扶协议书" + (p.AgreementContentType == "image/png" ? ".png" : ".jpg"));
    }
}

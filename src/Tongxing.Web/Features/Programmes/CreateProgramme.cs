using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

/// <summary>
/// Creates a district's programme for a year, from what was typed or as a copy of an earlier year
/// (<see cref="Programme.CopyForNextYear"/>). One programme per district and year: a second answers 409, even when two
/// offices save at the same moment (the unique index decides).
/// </summary>
public sealed class CreateProgramme(TongxingDb db, CurrentUser me, ProgrammeAccess access, IConfiguration config)
{
    public async Task<Outcome<int>> Handle(ProgrammeInput input, CancellationToken ct)
    {
        var district = input.DistrictCode;
        if (string.IsNullOrWhiteSpace(district))
        {
            var mine = await access.DistrictsAsync(ct);
            district = mine.Count == 1 ? mine[0].Code : null;
        }
        if (!me.Can(Capability.ConfigureProgramme))
        {
            return Outcome<int>.Forbidden("您的岗位无权设置帮扶项目");
        }
        if (district is null)
        {
            return Outcome<int>.Invalid([new FieldError(nameof(input.DistrictCode), "请选择县（区）")]);
        }
        if (!access.MayConfigure(district) || !await db.Areas.AnyAsync(a => a.Code == district && a.Level == AreaLevel.District, ct))
        {
            return Outcome<int>.Forbidden("只能设置本辖区内县（区）的帮扶项目");
        }
        var (settings, errors) = input.Parse();
        if (input.Year is null)
        {
            errors = [.. errors, new FieldError(nameof(input.Year), "请填写年度")];
        }
        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid(ProgrammeInput.RuleErrorsBeside(errors, Programme.Create(input.Year ?? Programme.MinYear, district, settings), ProgrammeAccess.Limits(config)));
        }
        var towns = (await access.TownsAsync(district, ct)).Select(t => t.Town.Code).ToHashSet(StringComparer.Ordinal);
        return await AddAsync(db, Programme.Create(input.Year!.Value, district, settings), ProgrammeAccess.Limits(config), towns, ct);
    }

    /// <summary>Copies the programme of <paramref name="fromId"/> into the next year and saves it as it is (API door; the page shows the copy as a form first).</summary>
    public async Task<Outcome<int>> Copy(int fromId, CancellationToken ct)
    {
        var source = await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == fromId, ct);
        if (source is null || !access.MayConfigure(source.DistrictCode))
        {
            return Outcome<int>.NotFound();
        }
        var towns = (await access.TownsAsync(source.DistrictCode, ct)).Select(t => t.Town.Code).ToHashSet(StringComparer.Ordinal);
        return await AddAsync(db, source.CopyForNextYear(), ProgrammeAccess.Limits(config), towns, ct);
    }

    /// <summary>
    /// Checks and saves a new programme. The one door every creation goes through: the form, the API, the copy and the
    /// demo seeding (which acts as the system, so no user's rights are asked here).
    /// </summary>
    public static async Task<Outcome<int>> AddAsync(TongxingDb db, Programme programme, ProgrammeLimits limits, IReadOnlySet<string> townsOfDistrict,
        CancellationToken ct)
    {
        var valid = programme.Validate(limits);
        var errors = valid.Errors.Concat(ProgrammeChanges.TownsBelong(programme.Settings, townsOfDistrict).Errors).ToList();
        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid(errors);
        }
        if (await db.Programmes.AnyAsync(p => p.DistrictCode == programme.DistrictCode && p.Year == programme.Year, ct))
        {
            return Outcome<int>.Conflict($"本区{programme.Year}年度的帮扶项目已经建立，请在项目列表中打开修改");
        }
        db.Programmes.Add(programme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProgrammeAccess.IsDuplicateYear(e))
        {
            db.Entry(programme).State = EntityState.Detached;
            return Outcome<int>.Conflict($"本区{programme.Year}年度的帮扶项目刚刚已由他人建立，请在项目列表中打开修改");
        }
        return Outcome<int>.Success(programme.Id);
    }
}

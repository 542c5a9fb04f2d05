using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

public sealed record ProgrammeEdited(int Id, int Rescreened, int Changed);

/// <summary>
/// Changes a programme. Once its work has begun, only what cannot break what was done may change
/// (<see cref="ProgrammeChanges"/>); a change of the eligibility parameters screens every household again, recording the
/// cause in each changed household's history, as 扶持条件参数 does. Saved and re-screened in one transaction under the
/// district's programme lock; the audit log records every changed value.
/// </summary>
public sealed class EditProgramme(TongxingDb db, CurrentUser me, ProgrammeAccess access, ChangeEligibility eligibility, TimeProvider clock, IConfiguration config)
{
    public async Task<Outcome<ProgrammeEdited>> Handle(int id, ProgrammeInput input, CancellationToken ct)
    {
        var district = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => p.DistrictCode).FirstOrDefaultAsync(ct);
        if (district is null || !access.MayConfigure(district))
        {
            return Outcome<ProgrammeEdited>.NotFound();
        }
        if ((input.Year is { } y && y != 0 && y != await db.Programmes.Where(p => p.Id == id).Select(p => p.Year).FirstAsync(ct))
            || (!string.IsNullOrEmpty(input.DistrictCode) && input.DistrictCode != district))
        {
            return Outcome<ProgrammeEdited>.Invalid([new FieldError(nameof(input.Year), "项目的年度和所属县（区）建立后不能修改")]);
        }
        var (settings, errors) = input.Parse();
        if (errors.Count > 0)
        {
            var year = await db.Programmes.Where(p => p.Id == id).Select(p => p.Year).FirstAsync(ct);
            return Outcome<ProgrammeEdited>.Invalid(ProgrammeInput.RuleErrorsBeside(errors, Programme.Create(year, district, settings), ProgrammeAccess.Limits(config)));
        }
        await using var transaction = await db.BeginLockedAsync("programme:" + district, ct);
        var programme = await db.Programmes.FirstAsync(p => p.Id == id, ct);
        var today = clock.Today();
        var usage = await access.UsageAsync(programme, ct);
        var locked = ProgrammeChanges.Check(programme, settings, usage, today);
        var before = programme.Settings;
        programme.Apply(settings);
        var towns = (await access.TownsAsync(district, ct)).Select(t => t.Town.Code).ToHashSet(StringComparer.Ordinal);
        var all = locked.Errors.Concat(programme.Validate(ProgrammeAccess.Limits(config)).Errors)
            .Concat(ProgrammeChanges.TownsBelong(settings, towns).Errors).ToList();
        if (all.Count > 0)
        {
            return Outcome<ProgrammeEdited>.Invalid(all);
        }
        await db.SaveChangesAsync(ct);
        var (screened, changed) = (0, 0);
        if (ProgrammeChanges.EligibilityChanged(before, settings) && usage.Registered > 0)
        {
            var cause = TextCut.Shorten($"项目参数调整（{programme.Name}）：基准日{settings.ReferenceDate:yyyy-MM-dd}，男{settings.MaleMinAge}–{settings.MaleMaxAge}岁，" +
                $"女{settings.FemaleMinAge}–{settings.FemaleMaxAge}岁，重点收入线{settings.PriorityIncomeThreshold.ToYuanString()}元，往年已扶持{(settings.BlockEarlierSupported ? "不再扶持" : "提示核实")}", 400);
            (screened, changed) = await eligibility.RescreenAsync(programme, cause, me.Id, me.DisplayName, clock.GetUtcNow(), ct);
        }
        await transaction.CommitAsync(ct);
        return Outcome<ProgrammeEdited>.Success(new ProgrammeEdited(id, screened, changed));
    }
}

using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Programmes;

public sealed class EligibilityInput
{
    public DateOnly? ReferenceDate { get; set; }
    public int? MaleMinAge { get; set; }
    public int? MaleMaxAge { get; set; }
    public int? FemaleMinAge { get; set; }
    public int? FemaleMaxAge { get; set; }
    /// <summary>Priority income line in yuan, as typed.</summary>
    public string? PriorityIncomeThreshold { get; set; }
    public bool BlockEarlierSupported { get; set; }

    public static EligibilityInput From(Programme p) => new()
    {
        ReferenceDate = p.ReferenceDate,
        MaleMinAge = p.MaleMinAge,
        MaleMaxAge = p.MaleMaxAge,
        FemaleMinAge = p.FemaleMinAge,
        FemaleMaxAge = p.FemaleMaxAge,
        PriorityIncomeThreshold = (p.PriorityIncomeThreshold.Fen / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        BlockEarlierSupported = p.BlockEarlierSupported,
    };
}

public sealed record RescreenResult(int Screened, int Changed, string Change);

/// <summary>
/// The district federation changes the programme's eligibility parameters; every candidate of the programme
/// is screened again, and each household whose outcome changes records the change and its cause in its history.
/// </summary>
public sealed class ChangeEligibility(TongxingDb db, CurrentUser me, AreaDirectory areas, Screener screener, TimeProvider clock)
{
    private const int Batch = 500;

    public async Task<Programme?> CurrentAsync(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        return district is null ? null : await HouseholdChecks.ProgrammeToChangeAsync(db, district, clock.Today(), ct);
    }

    public async Task<Outcome<RescreenResult>> Handle(EligibilityInput input, CancellationToken ct)
    {
        if (!me.Can(Capability.ConfigureProgramme) || me.Scope?.Level != AreaLevel.District)
        {
            return Outcome<RescreenResult>.Forbidden("只有区残联可以调整项目参数");
        }
        // One change of a district's parameters at a time, read, saved and re-screened under the district's lock: two
        // offices saving at once are applied one after the other, each recording what it really changed.
        await using var transaction = await db.BeginLockedAsync("programme:" + me.Scope.Code, ct);
        var programme = await CurrentAsync(ct);
        if (programme is null)
        {
            return Outcome<RescreenResult>.NotFound();
        }
        var errors = new List<FieldError>();
        var income = Money.ParseYuan(input.PriorityIncomeThreshold);
        if (!income.Ok)
        {
            errors.Add(new FieldError(nameof(input.PriorityIncomeThreshold), "重点扶持收入线：" + income.Error));
        }
        if (input.ReferenceDate is null)
        {
            errors.Add(new FieldError(nameof(input.ReferenceDate), "请填写年龄计算基准日"));
        }
        foreach (var (name, value) in new[] { (nameof(input.MaleMinAge), input.MaleMinAge), (nameof(input.MaleMaxAge), input.MaleMaxAge), (nameof(input.FemaleMinAge), input.FemaleMinAge), (nameof(input.FemaleMaxAge), input.FemaleMaxAge) })
        {
            if (value is null)
            {
                errors.Add(new FieldError(name, "请填写年龄"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome<RescreenResult>.Invalid(errors);
        }
        var before = Describe(programme);
        programme.ReferenceDate = input.ReferenceDate!.Value;
        programme.MaleMinAge = input.MaleMinAge!.Value;
        programme.MaleMaxAge = input.MaleMaxAge!.Value;
        programme.FemaleMinAge = input.FemaleMinAge!.Value;
        programme.FemaleMaxAge = input.FemaleMaxAge!.Value;
        programme.PriorityIncomeThreshold = income.Value;
        programme.BlockEarlierSupported = input.BlockEarlierSupported;
        var valid = programme.Validate();
        if (!valid.Succeeded)
        {
            return Outcome<RescreenResult>.Invalid(valid.Errors);
        }
        var after = Describe(programme);
        if (after == before)
        {
            return Outcome<RescreenResult>.Success(new RescreenResult(0, 0, "参数未变化"));
        }
        await db.SaveChangesAsync(ct);

        var cause = Truncate($"项目参数调整：{before} → {after}");
        var (screened, changed) = await RescreenAsync(programme, cause, me.Id, me.DisplayName, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return Outcome<RescreenResult>.Success(new RescreenResult(screened, changed, cause));
    }

    /// <summary>
    /// Screens every household of the programme again, in batches so a province-sized programme never sits in memory
    /// at once; a changed outcome is written with the cause in the household's history. Returns (screened, changed).
    /// </summary>
    public async Task<(int Screened, int Changed)> RescreenAsync(Programme programme, string cause, string userId, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var screened = 0;
        var changed = 0;
        Guid? last = null;
        while (true)
        {
            var batch = await db.Households.Include(h => h.Members)
                .Where(h => h.ProgrammeId == programme.Id && (last == null || h.Id.CompareTo(last.Value) > 0))
                .OrderBy(h => h.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            var outcomes = batch.ToDictionary(h => h.Id, h => h.Screening);
            await screener.ScreenAsync(batch, programme, cause, userId, userName, now, ct);
            changed += batch.Count(h => outcomes[h.Id] != h.Screening);
            screened += batch.Count;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            last = batch[^1].Id;
        }
        return (screened, changed);
    }

    private static string Describe(Programme p) =>
        $"基准日{p.ReferenceDate:yyyy-MM-dd}，男{p.MaleMinAge}–{p.MaleMaxAge}岁，女{p.FemaleMinAge}–{p.FemaleMaxAge}岁，重点收入线{p.PriorityIncomeThreshold.ToYuanString()}元，往年已扶持{(p.BlockEarlierSupported ? "不再扶持" : "提示核实")}";

    private static string Truncate(string s) => TextCut.Shorten(s, 400);
}

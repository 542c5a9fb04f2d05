using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Programmes;

/// <summary>A town's quota and how far its households (in the user's area) have got: registered, filed (建档), paid, paired.</summary>
public sealed record TownQuotaView(string TownCode, string TownName, int Quota, int Registered, int Filed, int Paid, int Paired);

public sealed record FundShareView(string Source, string Share, string Amount, string Note);

public sealed record PhaseView(string Phase, string Start, string End, string? Deadline, string? DeadlineWhat, string Timing);

public sealed record ProgrammeView(int Id, int Year, string Name, string DistrictName, int Quota, int Registered, int Filed, int Paid, int Paired, string Subsidy, string TotalSubsidy,
    string WorkingAge, string PriorityIncome, string ReferenceDate, int NoticeWorkingDays, string Helpers, string Skills,
    IReadOnlyList<TownQuotaView> Towns, IReadOnlyList<FundShareView> Funds, IReadOnlyList<PhaseView> Phases);

/// <summary>The programme of the user's district (latest year) with its configuration and how far its households have got in the user's area (registered, filed, paid, paired).</summary>
public sealed class CurrentProgramme(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    public async Task<Outcome<ProgrammeView>> Handle(CancellationToken ct)
    {
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var p = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (p is null)
        {
            return Outcome<ProgrammeView>.NotFound();
        }
        // Per town and status from the kept counts (ADR 0032; every household is counted in one status measure): registered
        // (withdrawn ones not counted), filed and paid as the dashboard counts them; paired: households with a helper, as
        // 结对帮扶 and the inspection count them (the dashboard's 已结对 too).
        // Only offices that see households or the dashboard get the counts (a helper reads the programme's terms alone).
        var counted = me.Can(Capability.ViewHouseholds) || me.Can(Capability.ViewDashboard);
        var byStatus = !counted ? [] : await DashboardCounts.Within(db, [p.Id], me.Scope!)
            .Where(c => c.Measure == DashboardMeasure.Paired || (c.Measure > DashboardMeasure.StatusesAbove && c.Measure < DashboardMeasure.StatusesBelow))
            .GroupBy(c => new { c.TownCode, c.Measure }).Select(g => new { g.Key.TownCode, g.Key.Measure, Count = g.Sum(c => c.Count) }).ToListAsync(ct);
        var registered = byStatus.GroupBy(r => r.TownCode)
            .Select(g => new
            {
                Town = g.Key,
                Funnel = FunnelCounts.Of(g.Where(r => DashboardMeasure.StatusOf(r.Measure) is not null).Select(r => (DashboardMeasure.StatusOf(r.Measure)!.Value, (int)r.Count)), null),
                WithHelper = (int)g.Where(r => r.Measure == DashboardMeasure.Paired).Sum(r => r.Count),
            })
            .Select(r => new { r.Town, r.Funnel, r.WithHelper, Count = r.Funnel.Proposed })
            .Where(r => r.Count > 0).ToList();
        var names = await areas.NamesAsync(p.TownQuotas.Select(q => q.TownCode).Append(p.DistrictCode), ct);
        var visibleTowns = p.TownQuotas.Where(q => me.Scope!.Level <= AreaLevel.District || registered.Any(r => r.Town == q.TownCode) || q.TownCode == me.Scope.Code);
        var today = clock.Today();
        var split = p.FundSplit();
        return Outcome<ProgrammeView>.Success(new ProgrammeView(p.Id, p.Year, p.Name, names.GetValueOrDefault(p.DistrictCode, ""), p.Quota,
            registered.Sum(r => r.Count), registered.Sum(r => r.Funnel.Filed), registered.Sum(r => r.Funnel.Paid), registered.Sum(r => r.WithHelper),
            p.SubsidyPerHousehold.ToString(), p.TotalSubsidy.ToString(),
            $"男{p.MaleMinAge}–{p.MaleMaxAge}周岁，女{p.FemaleMinAge}–{p.FemaleMaxAge}周岁",
            $"家庭人均年纯收入低于{p.PriorityIncomeThreshold}", p.ReferenceDate.ToString("yyyy年M月d日"), p.NoticeWorkingDays,
            $"每户{p.MinHelpers}–{p.MaxHelpers}名党员", $"每户掌握{p.MinSkills}–{p.MaxSkills}门致富实用技术",
            visibleTowns.OrderBy(q => q.TownCode).Select(q => registered.FirstOrDefault(r => r.Town == q.TownCode) is { } r
                ? new TownQuotaView(q.TownCode, names.GetValueOrDefault(q.TownCode, q.TownCode), q.Quota, r.Count, r.Funnel.Filed, r.Funnel.Paid, r.WithHelper)
                : new TownQuotaView(q.TownCode, names.GetValueOrDefault(q.TownCode, q.TownCode), q.Quota, 0, 0, 0, 0)).ToList(),
            split.Select(s => new FundShareView(Programme.SourceLabel(s.Source), $"{p.FundShares.First(f => f.Source == s.Source).BasisPoints / 100m:0.##}%",
                s.Amount.ToString(), p.FundShares.First(f => f.Source == s.Source).Note)).ToList(),
            p.Phases.OrderBy(x => x.Start).ThenBy(x => x.Phase).Select(x => new PhaseView(Programme.PhaseLabel(x.Phase), x.Start.ToString("M月d日"), x.End.ToString("M月d日"),
                x.Deadline?.ToString("M月d日"), x.DeadlineWhat, Timing(x, today))).ToList()));
    }

    private static string Timing(PhaseWindow w, DateOnly today) =>
        today < w.Start ? $"{w.Start.DayNumber - today.DayNumber}天后开始"
        : today > w.End ? "已结束"
        : w.Deadline is { } d && today <= d ? $"进行中，距截止还有{d.DayNumber - today.DayNumber}天"
        : "进行中";
}

public static class ProgrammeEndpoints
{
    public static RouteGroupBuilder MapProgrammeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/programmes/current", async (CurrentProgramme handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithTags("项目 Programmes").WithSummary("本区当年项目的配置（任务数、资金分担、年龄条件、阶段日期）及本辖区各乡镇的登记、建档、发放、结对户数");
        api.MapPut("/programmes/current/eligibility", async (EligibilityInput input, ChangeEligibility handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(input, ct), ApiResults.Ok))
            .WithTags("项目 Programmes").WithSummary("区残联调整扶持条件参数（年龄、基准日、重点收入线、往年已扶持的处理），并对全部对象重新筛查");
        api.MapGet("/programmes", async (ListProgrammes handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithTags("项目 Programmes").WithSummary("辖区内各县（区）历年帮扶项目：任务数、登记数、审核通过数（市、自治区残联只见数字）");
        api.MapGet("/programmes/{id:int}", async (int id, ListProgrammes handler, CancellationToken ct) =>
                ApiResults.From(await handler.Get(id, ct), f => ApiResults.Ok(ProgrammeDetails.Of(f))))
            .WithTags("项目 Programmes").WithSummary("一个年度项目的全部设置、未分配任务的乡镇，以及已不能修改的内容和原因");
        api.MapPost("/programmes", async (ProgrammeInput input, CreateProgramme handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(input, ct), id => TypedResults.Created($"/api/v1/programmes/{id}", new { id })))
            .WithTags("项目 Programmes").WithSummary("建立本区某一年度的帮扶项目（每区每年一个，重复建立答409）");
        api.MapPost("/programmes/{id:int}/copy", async (int id, CreateProgramme handler, CancellationToken ct) =>
                ApiResults.From(await handler.Copy(id, ct), newId => TypedResults.Created($"/api/v1/programmes/{newId}", new { id = newId })))
            .WithTags("项目 Programmes").WithSummary("把某年度项目复制为下一年度（日期顺延一年，数字不变）");
        api.MapPut("/programmes/{id:int}", async (int id, ProgrammeInput input, EditProgramme handler, CancellationToken ct) =>
                ApiResults.From(await handler.Handle(id, input, ct), ApiResults.Ok))
            .WithTags("项目 Programmes").WithSummary("修改年度项目；对象报送后只能改不影响已办事项的内容");
        return api;
    }
}

using Tongxing.Web.Auth;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Funds;

/// <summary>One source's figures: its share, the budget of the filed households and of the quota, what arrived and what went down.</summary>
/// <param name="Received">Arrivals at the district; null for a town (it sees what it was allocated).</param>
public sealed record SourceFunds(FundSource Source, string Label, string Share, Amount Budget, Amount QuotaBudget, Amount? Received, Amount Allocated, Amount? Unallocated);

public sealed record TownSourceFunds(FundSource Source, Amount Need, Amount Allocated, Amount Shortfall);

public sealed record TownFundsView(string TownCode, string TownName, int FiledHouseholds, IReadOnlyList<TownSourceFunds> Sources);

/// <summary>The funds home page's figures (and GET /api/v1/funds/summary).</summary>
public sealed record FundsOverview(string Programme, Amount Subsidy, int Quota, int FiledHouseholds, bool District, IReadOnlyList<SourceFunds> Sources,
    IReadOnlyList<TownFundsView> Towns, DateOnly? Deadline, int? DaysLeft);

/// <summary>
/// Where the programme's money stands for the office: the budget per source (filed households × subsidy, split by the
/// shares; and the quota's budget for reference), what arrived and what was allocated, per town what its filed
/// households need and what it got, and the funds phase's deadline.
/// </summary>
public sealed class FundSummary(CurrentUser me, FundBooks books, TimeProvider clock)
{
    public async Task<Outcome<FundsOverview>> Handle(CancellationToken ct)
    {
        if (!me.Can(Capability.ViewFunds) || me.Scope is not { } scope || await books.ContextAsync(ct) is not { } c)
        {
            return Outcome<FundsOverview>.Forbidden("您的岗位无权查看资金发放");
        }
        var district = scope.Level == AreaLevel.District;
        var towns = await books.TownsAsync(c, district ? null : scope.Code, ct);
        var filed = towns.Sum(t => t.FiledHouseholds);
        var budget = FundSplitRule.Budget(filed, c.Programme.SubsidyPerHousehold, c.Programme.FundShares).ToDictionary(p => p.Source, p => p.Amount);
        var quota = district ? c.Programme.Quota : c.Programme.QuotaOf(scope.Code);
        var quotaBudget = FundSplitRule.Budget(quota, c.Programme.SubsidyPerHousehold, c.Programme.FundShares).ToDictionary(p => p.Source, p => p.Amount);
        var received = district ? await books.DistrictTotalsAsync(c, FundEntryKind.Arrival, ct) : null;
        var sources = c.Programme.FundShares.OrderBy(s => s.Source).Select(s =>
        {
            var allocated = towns.Aggregate(Money.Zero, (sum, t) => sum + t.AllocatedOf(s.Source));
            var got = received?.GetValueOrDefault(s.Source);
            return new SourceFunds(s.Source, Programme.SourceLabel(s.Source), $"{s.BasisPoints / 100m:0.##}%", Amount.Of(budget[s.Source]), Amount.Of(quotaBudget[s.Source]),
                got is { } r ? Amount.Of(r) : null, Amount.Of(allocated), got is { } g ? Amount.Of(g - allocated) : null);
        }).ToList();
        var rows = towns.Select(t => new TownFundsView(t.TownCode, t.TownName, t.FiledHouseholds,
            sources.Select(s => new TownSourceFunds(s.Source, Amount.Of(t.NeedOf(s.Source)), Amount.Of(t.AllocatedOf(s.Source)), Amount.Of(t.ShortfallOf(s.Source)))).ToList())).ToList();
        var deadline = c.Programme.Phase(ProgrammePhase.Funds) is { } phase ? phase.Deadline ?? phase.End : (DateOnly?)null;
        return Outcome<FundsOverview>.Success(new FundsOverview(c.Programme.Name, Amount.Of(c.Programme.SubsidyPerHousehold), quota, filed, district, sources, rows,
            deadline, deadline is { } d ? FundRules.DaysLeft(d, clock.Today()) : null));
    }
}

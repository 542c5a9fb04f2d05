using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Survey;

public sealed record TownProgress(string TownCode, string TownName, int Quota, int Proposed, int ProposedEligible, int Submitted, int Reserves,
    int Accepted, int Returned, int NotEligible, int Incomplete, string Deadline, bool Overdue, IReadOnlyList<string> VillagesWithoutCandidate);

public sealed record CandidateRow(Guid Id, string HeadName, string HeadIdMasked, string VillageName, string Status, HouseholdStatus StatusValue,
    ScreeningOutcome? Screening, string ScreeningLabel, string? ScreeningSummary, bool IsReserve, string? ReturnReason, int Version);

public sealed record SubmissionView(Guid Id, string TownName, string SubmittedAt, string UserName, int Regular, int Reserves, string Timing);

/// <summary>How many of the town's households are in a status (the choices of the list's status filter).</summary>
public sealed record StatusCount(HouseholdStatus Status, string Label, int Count);

/// <param name="Status">The status the town's list is filtered by, if any.</param>
/// <param name="StatusCounts">The town's households per status.</param>
/// <param name="QuotaLeft">Regular candidates the town may still submit (its quota less the places taken).</param>
public sealed record SurveyBoardView(string ProgrammeName, IReadOnlyList<TownProgress> Towns, string? TownCode,
    IReadOnlyList<CandidateRow> Candidates, IReadOnlyList<SubmissionView> Submissions, bool CanSubmit, bool CanReview,
    HouseholdStatus? Status = null, IReadOnlyList<StatusCount>? StatusCounts = null, int QuotaLeft = 0, bool CandidatesCut = false);

/// <summary>
/// The survey phase as each office sees it: per town the quota, what is proposed, submitted (regular and reserve),
/// accepted and returned, the 附件1 deadline, and villages with no candidate yet; for one town its candidates.
/// </summary>
public sealed class SurveyBoard(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock)
{
    /// <summary>Candidates listed on one page at most (a town's list is a few hundred; the page says when it is cut).</summary>
    public const int MaxCandidates = 2000;

    public async Task<Outcome<SurveyBoardView>> Handle(string? town, CancellationToken ct, HouseholdStatus? status = null)
    {
        if (!me.Can(Capability.ViewHouseholds) || me.Scope is null)
        {
            return Outcome<SurveyBoardView>.Forbidden("您的岗位无权查看调查摸底情况");
        }
        var district = await areas.DistrictOfAsync(me.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme is null)
        {
            return Outcome<SurveyBoardView>.NotFound();
        }
        var within = await areas.WithinAsync(me.Scope, ct);
        var townCodes = me.Scope.Level == AreaLevel.Village
            ? within.Select(v => v.ParentCode!).ToList()
            : within.Where(a => a.Level == AreaLevel.Town).Select(a => a.Code).ToList();
        var names = await areas.NamesAsync(townCodes.Concat(within.Select(a => a.Code)), ct);
        var towns = townCodes.Select(c => (Code: c, Name: names.GetValueOrDefault(c, c))).ToList();

        // One grouped query for the counts of every town in scope.
        var counts = await db.Households.AsNoTracking().Within(me.Scope).Where(h => h.ProgrammeId == programme.Id)
            .GroupBy(h => new { h.TownCode, h.VillageCode, h.Status, h.Screening, h.IsReserve })
            .Select(g => new { g.Key.TownCode, g.Key.VillageCode, g.Key.Status, g.Key.Screening, g.Key.IsReserve, Count = g.Count() })
            .ToListAsync(ct);
        var submissions = await db.SurveySubmissions.AsNoTracking().Where(s => s.ProgrammeId == programme.Id)
            .Where(s => townCodes.Contains(s.TownCode)).ToListAsync(ct);
        var today = clock.Today();
        var deadline = programme.Phase(ProgrammePhase.Survey)?.Deadline;

        var progress = towns.Select(t =>
        {
            var c = counts.Where(x => x.TownCode == t.Code).ToList();
            var firstSubmission = submissions.Where(s => s.TownCode == t.Code).OrderBy(s => s.SubmittedAt).FirstOrDefault()?.SubmittedOn;
            var villages = within.Where(a => a.ParentCode == t.Code && a.Level == AreaLevel.Village)
                .Where(v => !c.Any(x => x.VillageCode == v.Code && x.Status != HouseholdStatus.Withdrawn)).Select(v => v.Name).ToList();
            return new TownProgress(t.Code, t.Name, programme.QuotaOf(t.Code),
                c.Where(x => x.Status == HouseholdStatus.Proposed).Sum(x => x.Count),
                c.Where(x => x.Status == HouseholdStatus.Proposed && x.Screening is ScreeningOutcome.Eligible or ScreeningOutcome.EligiblePriority).Sum(x => x.Count),
                c.Where(x => x.Status == HouseholdStatus.SubmittedByTown && !x.IsReserve).Sum(x => x.Count),
                c.Where(x => x.IsReserve && x.Status is HouseholdStatus.SubmittedByTown or HouseholdStatus.ReviewedByDistrict).Sum(x => x.Count),
                c.Where(x => x.Status >= HouseholdStatus.ReviewedByDistrict && x.Status < HouseholdStatus.Returned).Sum(x => x.Count),
                c.Where(x => x.Status == HouseholdStatus.Returned).Sum(x => x.Count),
                c.Where(x => x.Status == HouseholdStatus.Proposed && x.Screening == ScreeningOutcome.NotEligible).Sum(x => x.Count),
                c.Where(x => x.Status == HouseholdStatus.Proposed && x.Screening == ScreeningOutcome.Incomplete).Sum(x => x.Count),
                deadline is { } d ? Deadlines.Describe(d, today, firstSubmission) : "未设置截止日期",
                deadline is { } d2 && Deadlines.IsOverdue(d2, today, firstSubmission),
                villages);
        }).ToList();

        // The candidates of one town: the user's own, or the one a district user picked.
        var townCode = me.Scope.Level >= AreaLevel.Town ? townCodes.FirstOrDefault() : townCodes.FirstOrDefault(t => t == town);
        var candidates = new List<CandidateRow>();
        var cut = false;
        if (townCode is not null)
        {
            var rows = await db.Households.AsNoTracking().Within(me.Scope)
                .Where(h => h.ProgrammeId == programme.Id && h.TownCode == townCode && h.Status != HouseholdStatus.Withdrawn)
                .Where(h => status == null || h.Status == status)
                .OrderBy(h => h.Status).ThenBy(h => h.VillageCode).ThenBy(h => h.HeadName)
                .Select(h => new { h.Id, h.HeadName, h.HeadIdNumber, h.VillageCode, h.Status, h.Screening, h.ScreeningSummary, h.IsReserve, h.ReturnReason, h.Version })
                .Take(MaxCandidates + 1).ToListAsync(ct);
            cut = rows.Count > MaxCandidates;
            // Reasons are written text: a number in one is hidden from offices that see numbers masked.
            string? Shown(string? text) => me.Can(Capability.ViewFullPersonalData) ? text : PersonalData.Redact(text);
            candidates = rows.Take(MaxCandidates).Select(r => new CandidateRow(r.Id, r.HeadName, ResidentId.Mask(r.HeadIdNumber), names.GetValueOrDefault(r.VillageCode, ""),
                Labels.Of(r.Status), r.Status, r.Screening, r.Screening is { } s ? Labels.Of(s) : "未筛查", Shown(r.ScreeningSummary), r.IsReserve, Shown(r.ReturnReason), r.Version)).ToList();
        }
        var submissionViews = submissions.Where(s => townCode is null || s.TownCode == townCode).OrderByDescending(s => s.SubmittedAt)
            .Select(s => new SubmissionView(s.Id, names.GetValueOrDefault(s.TownCode, ""), Clock.Local(s.SubmittedAt), s.UserName, s.Regular, s.Reserves,
                deadline is { } d ? (s.SubmittedOn <= d ? "按时" : $"逾期{s.SubmittedOn.DayNumber - d.DayNumber}天") : "")).ToList();

        var ofTown = counts.Where(x => x.TownCode == townCode).ToList();
        var statusCounts = ofTown.Where(x => x.Status != HouseholdStatus.Withdrawn).GroupBy(x => x.Status).OrderBy(g => g.Key)
            .Select(g => new StatusCount(g.Key, Labels.Of(g.Key), g.Sum(x => x.Count))).ToList();
        var quotaLeft = townCode is null ? 0
            : Math.Max(0, programme.QuotaOf(townCode) - ofTown.Where(x => SurveyRules.TakesQuotaPlace(x.Status, x.IsReserve)).Sum(x => x.Count));

        return Outcome<SurveyBoardView>.Success(new SurveyBoardView(programme.Name, progress, townCode, candidates, submissionViews,
            me.Can(Capability.SubmitSurvey), me.Can(Capability.ReviewSurvey), status, statusCounts, quotaLeft, cut));
    }
}

using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Households;
using Tongxing.Web.Features.Shared;

namespace Tongxing.Web.Features.Home;

/// <summary>One line of "what to do next": the work, how many, the deadline, and where to do it.</summary>
public sealed record WaitingAction(WorkItem Item, string What, int Count, string Unit, DateOnly? Deadline, string? DeadlineText, bool Overdue, string Link);

/// <summary>The counts behind 我的待办: per kind of work, the deadline the records set where they do, and return visits (due, overdue).</summary>
public sealed record WaitingCounts(Dictionary<WorkItem, int> Waiting, Dictionary<WorkItem, DateOnly> DueFromRecords, (int Due, int Overdue)? Visits);

/// <summary>
/// The signed-in user's next actions (<see cref="NextActions"/>): each kind of work waiting for their office in their
/// area, counted in SQL for the programme of their district, with its deadline and the page where it is done.
/// </summary>
public sealed class WaitingWork(TongxingDb db, CurrentUser me, AreaDirectory areas, TimeProvider clock, Pairing.VisitsDue visits)
{
    public async Task<Outcome<IReadOnlyList<WaitingAction>>> Handle(CancellationToken ct)
    {
        if (me.Actor is not { } actor)
        {
            return Outcome<IReadOnlyList<WaitingAction>>.Forbidden("请先登录");
        }
        var items = NextActions.WaitingFor(actor.Role);
        var district = items.Count == 0 ? null : await areas.DistrictOfAsync(actor.Scope, ct);
        var programme = district is null ? null : await HouseholdChecks.CurrentProgrammeAsync(db, district, clock.Today(), ct);
        if (programme is null)
        {
            return Outcome<IReadOnlyList<WaitingAction>>.Success([]);
        }
        var today = clock.Today();
        var (waiting, dueFromRecords, visitCounts) = await CountAsync(actor, programme, ct);
        var list = NextActions.List(actor.Role, waiting, programme, today, dueFromRecords)
            .Select(a => new WaitingAction(a.Item, a.What, a.Count, a.Unit, a.Deadline,
                a.Item == WorkItem.VisitsDue ? "回访期内，请按期回访" : a.DeadlineText, a.Overdue, Link(a.Item)))
            .ToList();
        if (list.FindIndex(a => a.Item == WorkItem.ChaseSurveys && a.Count > 0) is var chase and >= 0)
        {
            // Which towns: the line is for chasing them.
            list[chase] = list[chase] with { What = list[chase].What + "：" + await TownsWithoutSurveyAsync(programme, ct) };
        }
        if (visitCounts is { Overdue: > 0 } v)
        {
            list.Insert(0, new WaitingAction(WorkItem.OverdueVisits, "定期回访已逾期", v.Overdue, "户", null, "请尽快安排回访", true, Link(WorkItem.OverdueVisits)));
        }
        return Outcome<IReadOnlyList<WaitingAction>>.Success(list);
    }

    /// <summary>
    /// How much of each kind of work waits for the office of <paramref name="actor"/> in its area under
    /// <paramref name="programme"/>: counted in SQL, with the deadlines the records set and the return visits due and
    /// overdue. The same statements serve the page, the API and the benchmark's yardstick.
    /// </summary>
    public async Task<WaitingCounts> CountAsync(Actor actor, Programme programme, CancellationToken ct)
    {
        var today = clock.Today();
        var items = NextActions.WaitingFor(actor.Role);
        var statuses = items.Select(NextActions.CountedStatus).OfType<HouseholdStatus>().ToList();
        var eligibleOnly = items.Where(NextActions.CountsOnlyEligible).Select(NextActions.CountedStatus).OfType<HouseholdStatus>().ToList();
        // An office none of whose work is counted by status (区委组织部, 财政) asks the database nothing here.
        var counts = statuses.Count == 0 ? new Dictionary<HouseholdStatus, int>() : (await db.Households.AsNoTracking().Within(actor.Scope)
                .Where(h => h.ProgrammeId == programme.Id && statuses.Contains(h.Status)
                    && (!eligibleOnly.Contains(h.Status) || h.Screening == ScreeningOutcome.Eligible || h.Screening == ScreeningOutcome.EligiblePriority))
                .GroupBy(h => h.Status).Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(c => c.Status, c => c.Count);
        var waiting = items.Where(i => NextActions.CountedStatus(i) is not null)
            .ToDictionary(i => i, i => counts.GetValueOrDefault(NextActions.CountedStatus(i)!.Value));
        if (items.Contains(WorkItem.PassNotice))
        {
            // A notice is ready once its last day is over and a household is still on it.
            waiting[WorkItem.PassNotice] = await db.Notices.AsNoTracking().Within(actor.Scope)
                .Where(n => n.ProgrammeId == programme.Id && n.EndDate < today
                    && db.Households.Any(h => h.NoticeId == n.Id && h.Status == HouseholdStatus.OnNotice))
                .CountAsync(ct);
        }
        if (items.Contains(WorkItem.RecordReceipts))
        {
            waiting[WorkItem.RecordReceipts] = await db.Payments.AsNoTracking().Within(actor.Scope)
                .CountAsync(p => p.ProgrammeId == programme.Id && p.State == PaymentState.Paid && p.ReceiptKind == null, ct);
        }
        if (items.Contains(WorkItem.RecordProjectStarts))
        {
            waiting[WorkItem.RecordProjectStarts] = await db.Payments.AsNoTracking().Within(actor.Scope)
                .CountAsync(p => p.ProgrammeId == programme.Id && p.State == PaymentState.Paid && !db.ProjectStarts.Any(s => s.HouseholdId == p.HouseholdId), ct);
        }
        if (items.Contains(WorkItem.SignAgreements))
        {
            waiting[WorkItem.SignAgreements] = await db.Pairings.AsNoTracking().Within(actor.Scope)
                .CountAsync(p => p.ProgrammeId == programme.Id && p.EndedOn == null && p.AgreementStoredName == null, ct);
        }
        var dueFromRecords = new Dictionary<WorkItem, DateOnly>();
        if (items.Contains(WorkItem.SubmitReports))
        {
            var (count, due) = await ReportsToSubmitAsync(actor, programme, today, ct);
            waiting[WorkItem.SubmitReports] = count;
            if (due is { } d)
            {
                dueFromRecords[WorkItem.SubmitReports] = d;
            }
        }
        if (items.Contains(WorkItem.ReviewReports))
        {
            waiting[WorkItem.ReviewReports] = await db.TownReports.AsNoTracking().Within(actor.Scope)
                .CountAsync(r => r.ProgrammeId == programme.Id && r.State == ReportState.Submitted, ct);
        }
        if (items.Contains(WorkItem.ApprovePublicity))
        {
            waiting[WorkItem.ApprovePublicity] = await db.PublicityItems.AsNoTracking().Within(actor.Scope)
                .CountAsync(p => p.ProgrammeId == programme.Id && p.State == PublicityState.Submitted, ct);
        }
        if (items.Contains(WorkItem.ChaseSurveys) && programme.Phase(ProgrammePhase.Survey) is { } survey && today <= survey.End)
        {
            // Towns with a quota this year that have sent no 附件1 yet (a town's first submission is what counts, as on 调查摸底).
            var towns = QuotaTowns(programme);
            var sent = towns.Count == 0 ? 0 : await TownsSentSurvey(programme, towns).CountAsync(ct);
            waiting[WorkItem.ChaseSurveys] = towns.Count - sent;
        }
        if (items.Contains(WorkItem.InspectTowns) && programme.Phase(ProgrammePhase.Inspection) is { } inspection && today >= inspection.Start)
        {
            // Towns with a quota this year, less those whose inspection is concluded.
            var towns = QuotaTowns(programme);
            var concluded = towns.Count == 0 ? 0 : await db.Inspections.AsNoTracking().Within(actor.Scope)
                .CountAsync(i => i.ProgrammeId == programme.Id && i.State == InspectionState.Concluded && towns.Contains(i.TownCode), ct);
            waiting[WorkItem.InspectTowns] = towns.Count - concluded;
        }
        if (items.Contains(WorkItem.OwnedActions))
        {
            // Every open action the user owns, whatever the programme (index OwnerUserId, State, DueOn).
            var owned = await db.ActionItems.AsNoTracking().Where(a => a.OwnerUserId == actor.UserId && a.State == ActionState.Open)
                .GroupBy(_ => 1).Select(g => new { Count = g.Count(), First = g.Min(a => a.DueOn) }).FirstOrDefaultAsync(ct);
            waiting[WorkItem.OwnedActions] = owned?.Count ?? 0;
            if (owned is not null)
            {
                dueFromRecords[WorkItem.OwnedActions] = owned.First;
            }
        }
        // Return visits have no programme deadline: the lines say how many are due now and how many overdue.
        var visitCounts = actor.Role == Role.Helper ? null : await visits.CountsAsync(actor, programme, ct);
        if (visitCounts is { } vc && items.Contains(WorkItem.VisitsDue))
        {
            waiting[WorkItem.VisitsDue] = vc.Due;
        }
        return new WaitingCounts(waiting, dueFromRecords, visitCounts);
    }

    private static List<string> QuotaTowns(Programme programme) => programme.TownQuotas.Where(q => q.Quota > 0).Select(q => q.TownCode).ToList();

    /// <summary>Which of <paramref name="towns"/> have sent a 附件1 (a town's first submission is what counts, as on 调查摸底).</summary>
    private IQueryable<string> TownsSentSurvey(Programme programme, List<string> towns) =>
        db.SurveySubmissions.AsNoTracking().Where(s => s.ProgrammeId == programme.Id && towns.Contains(s.TownCode)).Select(s => s.TownCode).Distinct();

    /// <summary>The towns with a quota that have sent no 附件1 yet, by name; the first few and how many when there are many.</summary>
    private async Task<string> TownsWithoutSurveyAsync(Programme programme, CancellationToken ct)
    {
        const int named = 6;
        var towns = QuotaTowns(programme);
        var sent = await TownsSentSurvey(programme, towns).ToListAsync(ct);
        var missing = towns.Except(sent).Order(StringComparer.Ordinal).ToList();
        var names = await areas.NamesAsync(missing.Take(named), ct);
        var list = string.Join("、", missing.Take(named).Select(c => names.GetValueOrDefault(c, c)));
        return missing.Count > named ? $"{list}等{missing.Count}个镇" : list;
    }

    /// <summary>
    /// The town federation's reports expected by today and not received (never begun, a draft, or sent back), over the
    /// towns of its scope; with the earliest due date among them.
    /// </summary>
    private async Task<(int Count, DateOnly? Due)> ReportsToSubmitAsync(Actor actor, Programme programme, DateOnly today, CancellationToken ct)
    {
        var expected = ReportSchedule.ExpectedBy(programme, today);
        if (expected.Count == 0)
        {
            return (0, null);
        }
        var received = await db.TownReports.AsNoTracking().Within(actor.Scope)
            .Where(r => r.ProgrammeId == programme.Id && (r.State == ReportState.Submitted || r.State == ReportState.Accepted))
            .Select(r => r.Kind).ToListAsync(ct);
        var open = expected.Where(k => !received.Contains(k)).ToList();
        return (open.Count, open.Count == 0 ? null : open.Min(k => ReportSchedule.DueOn(k, programme)));
    }

    /// <summary>The page where the work is done, filtered to what waits.</summary>
    public static string Link(WorkItem item) => item switch
    {
        WorkItem.SubmitSurvey or WorkItem.ReviewSurvey or WorkItem.ChaseSurveys => "/Survey",
        WorkItem.PostNotice or WorkItem.PassNotice => "/Notices",
        WorkItem.PayHouseholds or WorkItem.RecordProjectStarts => "/Funds/Progress",
        WorkItem.RecordReceipts => "/Funds/Receipts",
        WorkItem.OverdueVisits => "/Pairing/Due?state=overdue",
        WorkItem.VisitsDue => "/Pairing/Due",
        WorkItem.PairHouseholds or WorkItem.SignAgreements => "/Pairing",
        WorkItem.SubmitReports => "/Reports",
        WorkItem.ReviewReports => "/Reports?state=Submitted",
        WorkItem.ApprovePublicity => "/Publicity?state=Submitted",
        WorkItem.InspectTowns => "/Inspections",
        WorkItem.OwnedActions => "/Actions",
        // Approval steps are taken, many at once, on 审批办理.
        _ when Enum.TryParse<ApprovalStep>(item.ToString(), out var step) => $"/Approvals?step={step}",
        _ => $"/Households?Status={NextActions.CountedStatus(item)}",
    };
}

public static class HomeEndpoints
{
    public static RouteGroupBuilder MapHomeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me/next-actions", async (WaitingWork handler, CancellationToken ct) => ApiResults.From(await handler.Handle(ct), ApiResults.Ok))
            .WithTags("账号 Account").WithSummary("当前用户待办的工作：各项待办事项的户数（或公示份数）、截止日期及办理页面");
        return api;
    }
}

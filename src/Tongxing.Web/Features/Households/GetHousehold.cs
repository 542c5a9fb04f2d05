using Microsoft.EntityFrameworkCore;
using Tongxing.Web.Auth;
using Tongxing.Web.Data;
using Tongxing.Web.Domain;
using Tongxing.Web.Features.Shared;
using Tongxing.Web.Features.Survey;

namespace Tongxing.Web.Features.Households;

public sealed record MemberView(string Name, string Gender, string IdNumber, string? BirthDate, string Relation, string? CertificateNumber,
    string? Disability, string LabourAbility, string? Phone);

public sealed record HistoryView(string At, string UserName, string? From, string To, string? Comment);

public sealed record RuleView(string Rule, Verdict Verdict, string VerdictLabel, string Reason, string? Person);

public sealed record HouseholdView(Guid Id, string ProgrammeName, string TownName, string VillageName, string? Group, string? Address, int Size,
    string PerCapitaIncome, string Poverty, string ProjectType, string ProjectDescription, string Status, string HeadName, bool FullPersonalData,
    IReadOnlyList<MemberView> Members, IReadOnlyList<HistoryView> History, int Version,
    HouseholdStatus StatusValue, ScreeningOutcome Screening, string ScreeningLabel, IReadOnlyList<RuleView> Rules,
    string? WillToWork, string? ProjectFeasible, string? HelperToBe, string? Remarks, bool IsReserve, string? ReturnReason,
    bool CanCorrect, bool CanResubmit, bool CanReview,
    ApprovalStep? NextStep, string? NextStepLabel, bool CanApprove, bool CanSendBack, string? WithdrawLabel, bool CanWithdraw, Guid? NoticeId,
    string? SentBack = null, Funds.HouseholdFundsView? Funds = null);

/// <summary>One household of the user's area. Full ID and phone numbers only for roles that need them.</summary>
public sealed class GetHousehold(TongxingDb db, CurrentUser me, AreaDirectory areas, Screener screener, Funds.HouseholdFunds funds)
{
    public async Task<Outcome<HouseholdView>> Handle(Guid id, CancellationToken ct)
    {
        if (!me.Can(Capability.ViewHouseholds))
        {
            return Outcome<HouseholdView>.Forbidden("您的岗位无权查看帮扶对象");
        }
        var h = await db.Households.AsNoTracking().Within(me.Scope)
            .Include(x => x.Members).Include(x => x.History)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (h is null)
        {
            return Outcome<HouseholdView>.NotFound();
        }
        var programme = (await ProgrammeCache.OfDistrictAsync(db, h.DistrictCode, ct)).FirstOrDefault(p => p.Id == h.ProgrammeId)
            ?? await db.Programmes.AsNoTracking().FirstAsync(p => p.Id == h.ProgrammeId, ct);
        // Screening is shown live from the rules, so the page always agrees with today's parameters.
        var earlier = await screener.EarlierSupportedAsync(h.Members.Select(m => m.IdNumber), programme, ct);
        var screening = EligibilityRules.Evaluate(h, programme, earlier);
        var names = await areas.NamesAsync([h.TownCode, h.VillageCode], ct);
        var full = me.Can(Capability.ViewFullPersonalData);
        if (full)
        {
            // Every view of full ID numbers and disability details is on the record (PIPL: sensitive personal information).
            db.Audit("查看完整个人信息", nameof(Household), h.Id.ToString(), details: $"{h.HeadName}户");
            await db.SaveChangesAsync(ct);
        }
        var members = h.Members.OrderBy(m => m.Relation).ThenBy(m => m.BirthDate).Select(m => new MemberView(
            m.Name, Labels.Of(m.Gender),
            full ? m.IdNumber : ResidentId.Mask(m.IdNumber),
            // A masked number hides exactly the birth date: a viewer who sees it masked is not given the date either.
            full ? m.BirthDate.ToString("yyyy-MM-dd") : null,
            Labels.Of(m.Relation),
            full ? m.CertificateNumber : (m.CertificateNumber is null ? null : "已持证"),
            m.DisabilityCategory is { } c ? (full ? $"{Labels.Of(c)}{Labels.Grade(m.DisabilityGrade ?? 0)}" : "已登记残疾") : null,
            Labels.Of(m.LabourAbility),
            full ? m.Phone : ResidentId.Mask(m.Phone, 3, 4))).ToList();
        var births = h.Members.Select(m => m.BirthDate).ToList();
        var history = h.History.OrderBy(e => e.Seq).ThenBy(e => e.At).Select(e => new HistoryView(Clock.Local(e.At), e.UserName,
            e.From is { } f ? Labels.Of(f) : null, Labels.Of(e.To), full ? e.Comment : PersonalData.Redact(e.Comment, births))).ToList();
        // Sent back in the approval chain (the state moved backwards, not the district's return): the reason is shown where
        // the office now due to act sees it, not only deep in the history.
        var last = h.History.OrderBy(e => e.Seq).ThenBy(e => e.At).LastOrDefault();
        var sentBack = last is { From: { } from } && last.To < from && last.To != HouseholdStatus.Returned && last.To == h.Status
            ? $"{last.UserName}（{Clock.Local(last.At)}）：{(full ? last.Comment : PersonalData.Redact(last.Comment, births))}"
            : null;
        var fundsView = await funds.ViewAsync(h.Id, h.Status, ct);
        var actor = me.Actor;
        var next = ApprovalChain.Next(h.Status);
        var previous = ApprovalChain.Previous(h.Status);
        // Disability category and grade are health data: offices that do not need them see only that the rule passed.
        // The age on the reference date narrows the birth date a masked number hides: masked viewers see the verdict only.
        var rules = screening.Results.Select(r => new RuleView(r.Rule, r.Verdict, VerdictLabel(r.Verdict),
            full ? r.Reason
            : r.Rule == EligibilityRules.CertificateRule && r.Verdict == Verdict.Passed ? "持有残疾人证"
            : r.Rule == EligibilityRules.AgeRule && r.Verdict is Verdict.Passed or Verdict.Failed ? (r.Verdict == Verdict.Passed ? "在劳动年龄内" : "不在劳动年龄内")
            : PersonalData.Redact(r.Reason, births)!, r.Person)).ToList();
        return Outcome<HouseholdView>.Success(new HouseholdView(h.Id, programme.Name, names.GetValueOrDefault(h.TownCode, ""), names.GetValueOrDefault(h.VillageCode, ""),
            h.Group, full ? h.Address : PersonalData.Redact(h.Address, births), h.Size, h.PerCapitaIncome.ToYuanString(), Labels.Of(h.Poverty), Labels.Of(h.ProjectType), h.ProjectDescription,
            Labels.Of(h.Status), h.HeadName, full, members, history, h.Version,
            h.Status, screening.Outcome, screening.Label, rules,
            Documents.Attachment1.YesNo(h.WillToWork) is { Length: > 0 } w ? w : null, Documents.Attachment1.YesNo(h.ProjectFeasible) is { Length: > 0 } f ? f : null,
            full ? h.HelperToBe : PersonalData.Redact(h.HelperToBe, births), full ? h.Remarks : PersonalData.Redact(h.Remarks, births), h.IsReserve, full ? h.ReturnReason : PersonalData.Redact(h.ReturnReason, births),
            actor is not null && me.Can(Capability.RegisterHousehold) && h.Status is HouseholdStatus.Proposed or HouseholdStatus.Returned,
            actor is not null && me.Can(Capability.RegisterHousehold) && h.Status == HouseholdStatus.Returned,
            actor is not null && me.Can(Capability.ReviewSurvey) && h.Status == HouseholdStatus.SubmittedByTown,
            next?.Step, next?.Label, next is not null && MayAct(actor, next),
            next is not null && previous is not null && MayAct(actor, next), previous?.Label,
            previous is not null && h.Status != HouseholdStatus.Filed && MayAct(actor, previous), h.NoticeId, sentBack, fundsView));
    }

    private static bool MayAct(Actor? actor, ApprovalMove move) => actor is not null && actor.Role == move.Role && actor.Scope.Level == move.Role.HomeLevel();

    public static string VerdictLabel(Verdict v) => v switch
    {
        Verdict.Passed => "符合",
        Verdict.NeedsCheck => "需核实",
        Verdict.Failed => "不符合",
        _ => "信息缺失",
    };
}

namespace Tongxing.Web.Domain;

/// <summary>The programme's phases as the progress dashboard counts them (SPEC §4's workflow, folded into what a leader asks).</summary>
public enum ProgressStage
{
    /// <summary>调查摸底: proposed by the village, not yet sent on by its town.</summary>
    Survey = 1,
    /// <summary>
    /// 审核公示: sent by the town and waiting for the district federation's review, accepted by it, on notice, notice
    /// passed. A household the town has submitted is at the district's desk, so a leader counts it here, not as survey.
    /// </summary>
    ReviewAndNotice = 2,
    /// <summary>审批: applied, approved by village, town, district.</summary>
    Approval = 3,
    /// <summary>已建档 and everything after it (paid, paired, assessed).</summary>
    Filed = 4,
    /// <summary>退回 by the district, waiting for the village.</summary>
    Returned = 5,
    /// <summary>撤销: withdrawn on an objection or otherwise; not counted as registered.</summary>
    Withdrawn = 6,
}

public static class ProgressStages
{
    public static readonly IReadOnlyList<ProgressStage> All = Enum.GetValues<ProgressStage>();

    public static ProgressStage Of(HouseholdStatus status) => status switch
    {
        HouseholdStatus.Proposed => ProgressStage.Survey,
        HouseholdStatus.SubmittedByTown or HouseholdStatus.ReviewedByDistrict or HouseholdStatus.OnNotice or HouseholdStatus.NoticePassed => ProgressStage.ReviewAndNotice,
        HouseholdStatus.Applied or HouseholdStatus.ApprovedByVillage or HouseholdStatus.ApprovedByTown or HouseholdStatus.ApprovedByDistrict => ProgressStage.Approval,
        HouseholdStatus.Filed or HouseholdStatus.Paid or HouseholdStatus.Paired or HouseholdStatus.Assessed => ProgressStage.Filed,
        HouseholdStatus.Returned => ProgressStage.Returned,
        HouseholdStatus.Withdrawn => ProgressStage.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "未知的办理状态"),
    };

    public static string Label(ProgressStage stage) => stage switch
    {
        ProgressStage.Survey => "调查摸底",
        ProgressStage.ReviewAndNotice => "审核公示",
        ProgressStage.Approval => "审批中",
        ProgressStage.Filed => "已建档",
        ProgressStage.Returned => "退回待改",
        ProgressStage.Withdrawn => "已撤销",
        _ => "",
    };

    /// <summary>Households registered in the programme: every stage but withdrawn (已登记不含已撤销).</summary>
    public static int Registered(IReadOnlyDictionary<ProgressStage, int> stages) =>
        stages.Where(s => s.Key != ProgressStage.Withdrawn).Sum(s => s.Value);

    /// <summary>Filed households as a share of the quota, in whole per cent (rounded down, so 100% means done); null without a quota.</summary>
    public static int? PercentFiled(int filed, int quota) => quota <= 0 ? null : (int)Math.Min(100L * filed / quota, 999);
}

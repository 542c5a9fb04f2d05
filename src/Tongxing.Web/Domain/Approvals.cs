namespace Tongxing.Web.Domain;

public enum ApprovalStep
{
    Apply = 1,
    ApproveByVillage = 2,
    ApproveByTown = 3,
    ApproveByDistrict = 4,
    File = 5,
}

/// <summary>One move of the approval chain (审批建档): from which state, to which, by which office at which level.</summary>
public sealed record ApprovalMove(ApprovalStep Step, HouseholdStatus From, HouseholdStatus To, Role Role, string Label);

/// <summary>
/// The approval chain of SPEC §4 phase 2 as data: the household applies, the village Party organisation, the town
/// Party committee and the district federation approve in turn, and the town committee files the record.
/// The office that may take a step may instead send the household back one step; the office that took the
/// last step may withdraw it while the next office has not acted.
/// </summary>
public static class ApprovalChain
{
    public static readonly ApprovalMove[] Moves =
    [
        new(ApprovalStep.Apply, HouseholdStatus.NoticePassed, HouseholdStatus.Applied, Role.VillageBranch, "登记申请"),
        new(ApprovalStep.ApproveByVillage, HouseholdStatus.Applied, HouseholdStatus.ApprovedByVillage, Role.VillageBranch, "村党组织审批同意"),
        new(ApprovalStep.ApproveByTown, HouseholdStatus.ApprovedByVillage, HouseholdStatus.ApprovedByTown, Role.TownCommittee, "镇党委审批同意"),
        new(ApprovalStep.ApproveByDistrict, HouseholdStatus.ApprovedByTown, HouseholdStatus.ApprovedByDistrict, Role.DistrictFederation, "区残联审批同意"),
        new(ApprovalStep.File, HouseholdStatus.ApprovedByDistrict, HouseholdStatus.Filed, Role.TownCommittee, "镇党委备案"),
    ];

    public static ApprovalMove Of(ApprovalStep step) => Find(step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of the chain");

    /// <summary>The move of a step; null for a value outside the chain (an API client may send any number).</summary>
    public static ApprovalMove? Find(ApprovalStep step) => Moves.FirstOrDefault(m => m.Step == step);

    /// <summary>The step that can be taken from a state, if any.</summary>
    public static ApprovalMove? Next(HouseholdStatus status) => Moves.FirstOrDefault(m => m.From == status);

    /// <summary>The step that led into a state, if any.</summary>
    public static ApprovalMove? Previous(HouseholdStatus status) => Moves.FirstOrDefault(m => m.To == status);
}

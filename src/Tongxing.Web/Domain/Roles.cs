namespace Tongxing.Web.Domain;

/// <summary>The offices of SPEC §1 that sign in. The public has no account.</summary>
public enum Role
{
    DistrictFederation = 1,
    DistrictOrganization = 2,
    Finance = 3,
    TownCommittee = 4,
    TownFederation = 5,
    VillageBranch = 6,
    Helper = 7,
    /// <summary>市残联: oversees the districts of a city through the progress dashboard only.</summary>
    CityFederation = 8,
    /// <summary>自治区残联: oversees the whole region through the progress dashboard only.</summary>
    RegionFederation = 9,
    /// <summary>
    /// 系统管理员: an office of its own at region, city, district or town level (ADR 0017). Manages the users, areas and
    /// programmes of its area and below; sees no household.
    /// </summary>
    Administrator = 10,
}

/// <summary>What a role may do. Deny by default: a capability not listed for a role is refused.</summary>
public enum Capability
{
    ViewHouseholds,
    RegisterHousehold,
    ViewFullPersonalData,
    /// <summary>Send the town's 附件1 to the district.</summary>
    SubmitSurvey,
    /// <summary>Accept or return submitted candidates.</summary>
    ReviewSurvey,
    /// <summary>Import a filled-in 附件1 workbook.</summary>
    ImportSurvey,
    /// <summary>Change the programme's parameters.</summary>
    ConfigureProgramme,
    /// <summary>Record and resolve objections to a public notice.</summary>
    HandleObjections,
    /// <summary>Load a year's official holiday table.</summary>
    ManageCalendar,
    /// <summary>Read the audit log and its verification.</summary>
    ViewAudit,
    /// <summary>See the progress dashboard: counts per area, no personal data.</summary>
    ViewDashboard,
    /// <summary>Create, change, disable and reset the accounts of the user's area and below.</summary>
    ManageUsers,
    /// <summary>Import the division codes of the user's area and add, rename or retire its units.</summary>
    ManageAreas,
    /// <summary>See the money pages: budget, ledger, reconciliation (amounts; household names only as a payment needs them).</summary>
    ViewFunds,
    /// <summary>Record the arrival (到账) of a source's money at the district, and reverse it.</summary>
    RecordArrivals,
    /// <summary>Allocate (下拨) the district's money to its towns, and reverse an allocation.</summary>
    AllocateFunds,
    /// <summary>Pay the town's filed households: batches, the bank's result, cash payments, reversals, project follow-through.</summary>
    PayHouseholds,
    /// <summary>Record a household's receipt (签收) of its subsidy.</summary>
    RecordReceipts,
    /// <summary>Record or change a household's bank account, and see it in full (each full view audited).</summary>
    EditBankAccount,
    /// <summary>Register the helpers (党员帮扶人) of the user's area and give them an account.</summary>
    ManageHelpers,
    /// <summary>Pair households with helpers, end or replace a pairing, upload the signed agreement (附件3).</summary>
    PairHouseholds,
    /// <summary>Write a support log (帮扶日志): a helper for their own households, the village branch for its own.</summary>
    LogSupport,
    /// <summary>Record a visit: a return visit (回访) by an office, or a helper's visit to their own household.</summary>
    RecordVisits,
    /// <summary>Record a household's outcomes (帮扶成效): skills learned, project status, income follow-up.</summary>
    RecordOutcomes,
    /// <summary>Read the towns' quarterly reports and year-end summaries, with completeness and timeliness.</summary>
    ViewReports,
    /// <summary>Prepare and submit the town's quarterly report (季度反馈) and year-end summary (总结).</summary>
    PrepareReports,
    /// <summary>Accept a town's submitted report (locking it) or send it back with a reason.</summary>
    ReviewReports,
    /// <summary>Read the district's joint meetings (联席会议) and their follow-up actions.</summary>
    ViewMeetings,
    /// <summary>Record a joint meeting, its decisions and follow-up actions with owners and due dates.</summary>
    ManageMeetings,
    /// <summary>Write publicity entries (宣传) of the user's area and send them for approval.</summary>
    WritePublicity,
    /// <summary>Approve a publicity entry for showing outside, send it back, or withdraw it.</summary>
    ApprovePublicity,
    /// <summary>Inspect and accept a town's year (检查验收): checklist, sample, result, rectification items.</summary>
    InspectTowns,
}

public static class Roles
{
    private static readonly Dictionary<Role, (string Label, AreaLevel Level, Capability[] Can)> Table = new()
    {
        [Role.DistrictFederation] = ("区残联", AreaLevel.District, [Capability.ViewHouseholds, Capability.ViewFullPersonalData, Capability.ReviewSurvey, Capability.ConfigureProgramme, Capability.ViewAudit, Capability.ViewDashboard, Capability.ViewFunds, Capability.AllocateFunds,
            Capability.ViewReports, Capability.ReviewReports, Capability.ViewMeetings, Capability.ManageMeetings, Capability.WritePublicity, Capability.ApprovePublicity, Capability.InspectTowns]),
        [Role.DistrictOrganization] = ("区委组织部", AreaLevel.District, [Capability.ViewHouseholds, Capability.ViewAudit, Capability.ViewDashboard, Capability.ViewFunds,
            Capability.ViewReports, Capability.ViewMeetings, Capability.ManageMeetings, Capability.WritePublicity, Capability.InspectTowns]),
        [Role.Finance] = ("财政", AreaLevel.District, [Capability.ViewDashboard, Capability.ViewFunds, Capability.RecordArrivals, Capability.ViewMeetings, Capability.ManageMeetings]),
        [Role.TownCommittee] = ("镇党委", AreaLevel.Town, [Capability.ViewHouseholds, Capability.ViewFullPersonalData, Capability.SubmitSurvey, Capability.ImportSurvey, Capability.HandleObjections, Capability.ViewDashboard,
            Capability.ViewFunds, Capability.PayHouseholds, Capability.RecordReceipts, Capability.EditBankAccount,
            Capability.ManageHelpers, Capability.PairHouseholds, Capability.RecordVisits, Capability.RecordOutcomes, Capability.ViewReports, Capability.WritePublicity]),
        [Role.TownFederation] = ("镇残联", AreaLevel.Town, [Capability.ViewHouseholds, Capability.ViewFullPersonalData, Capability.SubmitSurvey, Capability.ViewDashboard, Capability.ViewFunds,
            Capability.RecordVisits, Capability.RecordOutcomes, Capability.ViewReports, Capability.PrepareReports, Capability.WritePublicity]),
        [Role.VillageBranch] = ("村党支部", AreaLevel.Village, [Capability.ViewHouseholds, Capability.RegisterHousehold, Capability.ViewFullPersonalData, Capability.ImportSurvey, Capability.HandleObjections, Capability.ViewDashboard,
            Capability.RecordReceipts, Capability.EditBankAccount, Capability.ManageHelpers, Capability.PairHouseholds, Capability.LogSupport, Capability.RecordVisits,
            Capability.RecordOutcomes, Capability.WritePublicity]),
        // A helper reaches only the households they are paired with; every handler checks the pairing, not only the capability.
        [Role.Helper] = ("党员帮扶人", AreaLevel.Village, [Capability.LogSupport, Capability.RecordVisits]),
        [Role.CityFederation] = ("市残联", AreaLevel.City, [Capability.ViewDashboard]),
        [Role.RegionFederation] = ("自治区残联", AreaLevel.Region, [Capability.ViewDashboard, Capability.ManageCalendar]),
        [Role.Administrator] = ("系统管理员", AreaLevel.District, [Capability.ManageUsers, Capability.ManageAreas, Capability.ConfigureProgramme, Capability.ViewAudit]),
    };

    /// <summary>The levels an administrator may sit at: an area that has units below it to manage.</summary>
    private static readonly AreaLevel[] AdministratorLevels = [AreaLevel.Region, AreaLevel.City, AreaLevel.District, AreaLevel.Town];

    public static string Label(this Role role) => Table[role].Label;

    /// <summary>The area level a user of this role belongs to (a town committee user belongs to a town).</summary>
    public static AreaLevel HomeLevel(this Role role) => Table[role].Level;

    /// <summary>Whether a user of this office may belong to a unit of this level: every office has one level, an administrator any of region to town.</summary>
    public static bool MayHoldAt(this Role role, AreaLevel level) =>
        role == Role.Administrator ? AdministratorLevels.Contains(level) : Table.TryGetValue(role, out var r) && r.Level == level;

    /// <summary>Every office that signs in, in the order the programme lists them.</summary>
    public static IReadOnlyList<Role> All => [.. Table.Keys];

    public static bool Can(this Role role, Capability capability) => Table.TryGetValue(role, out var r) && r.Can.Contains(capability);
}

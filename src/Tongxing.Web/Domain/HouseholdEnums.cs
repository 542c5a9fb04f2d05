namespace Tongxing.Web.Domain;

public enum Relation
{
    Head = 1,
    Spouse = 2,
    Child = 3,
    Parent = 4,
    Grandchild = 5,
    Sibling = 6,
    Other = 9,
}

public enum LabourAbility
{
    Strong = 1,
    Ordinary = 2,
    Weak = 3,
    None = 4,
}

public enum PovertyStatus
{
    Registered = 1,
    Lifted = 2,
    NotRegistered = 3,
}

public enum ProjectType
{
    Crops = 1,
    Livestock = 2,
    Processing = 3,
    Trade = 4,
    Services = 5,
    Other = 9,
}

/// <summary>Where a household's record stands in the programme (SPEC §4). Later phases add their moves.</summary>
public enum HouseholdStatus
{
    Proposed = 1,
    SubmittedByTown = 2,
    ReviewedByDistrict = 3,
    OnNotice = 4,
    NoticePassed = 5,
    Applied = 6,
    ApprovedByVillage = 7,
    ApprovedByTown = 8,
    ApprovedByDistrict = 9,
    Filed = 10,
    Paid = 11,
    Paired = 12,
    Assessed = 13,
    Returned = 90,
    Withdrawn = 99,
}

/// <summary>The Chinese words officials use for each value, in one place.</summary>
public static class Labels
{
    public static string Of(Gender g) => g == Gender.Male ? "男" : "女";

    public static string Of(Relation r) => r switch
    {
        Relation.Head => "户主",
        Relation.Spouse => "配偶",
        Relation.Child => "子女",
        Relation.Parent => "父母",
        Relation.Grandchild => "孙子女",
        Relation.Sibling => "兄弟姐妹",
        _ => "其他",
    };

    public static string Of(DisabilityCategory c) => c switch
    {
        DisabilityCategory.Visual => "视力残疾",
        DisabilityCategory.Hearing => "听力残疾",
        DisabilityCategory.Speech => "言语残疾",
        DisabilityCategory.Physical => "肢体残疾",
        DisabilityCategory.Intellectual => "智力残疾",
        DisabilityCategory.Mental => "精神残疾",
        DisabilityCategory.Multiple => "多重残疾",
        _ => "",
    };

    public static string Grade(int grade) => grade switch
    {
        1 => "一级",
        2 => "二级",
        3 => "三级",
        4 => "四级",
        _ => "",
    };

    public static string Of(LabourAbility a) => a switch
    {
        LabourAbility.Strong => "劳动能力较强",
        LabourAbility.Ordinary => "有一定劳动能力",
        LabourAbility.Weak => "劳动能力弱",
        LabourAbility.None => "无劳动能力",
        _ => "",
    };

    public static string Of(PovertyStatus p) => p switch
    {
        PovertyStatus.Registered => "建档立卡贫困户",
        PovertyStatus.Lifted => "建档立卡已脱贫户",
        PovertyStatus.NotRegistered => "非建档立卡户",
        _ => "",
    };

    public static string Of(ProjectType t) => t switch
    {
        ProjectType.Crops => "种植",
        ProjectType.Livestock => "养殖",
        ProjectType.Processing => "加工",
        ProjectType.Trade => "商贸",
        ProjectType.Services => "服务",
        _ => "其他",
    };

    public static string Of(ScreeningOutcome o) => o switch
    {
        ScreeningOutcome.EligiblePriority => "重点扶持对象",
        ScreeningOutcome.Eligible => "符合条件",
        ScreeningOutcome.NotEligible => "不符合条件",
        ScreeningOutcome.Incomplete => "信息不全",
        _ => "",
    };

    public static string Of(HouseholdStatus s) => s switch
    {
        HouseholdStatus.Proposed => "村已提名",
        HouseholdStatus.SubmittedByTown => "镇已报送待审核",
        HouseholdStatus.ReviewedByDistrict => "区残联审核通过",
        HouseholdStatus.OnNotice => "公示中",
        HouseholdStatus.NoticePassed => "公示通过",
        HouseholdStatus.Applied => "已申请",
        HouseholdStatus.ApprovedByVillage => "村党组织已审批",
        HouseholdStatus.ApprovedByTown => "镇党委已审批",
        HouseholdStatus.ApprovedByDistrict => "区残联已审批",
        HouseholdStatus.Filed => "已备案",
        HouseholdStatus.Paid => "已发放资金",
        HouseholdStatus.Paired => "已结对帮扶",
        HouseholdStatus.Assessed => "已年终考核",
        HouseholdStatus.Returned => "区残联已退回",
        HouseholdStatus.Withdrawn => "已撤销",
        _ => s.ToString(),
    };

    public static string Of(PaymentState s) => s switch
    {
        PaymentState.Pending => "待提交银行",
        PaymentState.Sent => "银行处理中",
        PaymentState.Paid => "已发放",
        PaymentState.Failed => "发放失败",
        PaymentState.Reversed => "已冲销",
        _ => "",
    };

    public static string Of(BatchState s) => s switch
    {
        BatchState.Draft => "草稿",
        BatchState.Sent => "已提交银行",
        BatchState.Closed => "已办结",
        BatchState.Cancelled => "已作废",
        _ => "",
    };

    public static string Of(PaymentMethod m) => m == PaymentMethod.Cash ? "现金发放" : "银行代发";

    public static string Of(ReceiptKind k) => k == ReceiptKind.Proxy ? "代签" : "本人签收";

    public static string Of(FundEntryKind k) => k switch
    {
        FundEntryKind.Arrival => "到账",
        FundEntryKind.Allocation => "下拨",
        FundEntryKind.Payment => "发放",
        FundEntryKind.PaymentFailed => "发放失败",
        _ => "",
    };
}

namespace Tongxing.Web.Documents;

/// <summary>The columns of the work ledger (工作台账) export; the row dictionaries use the same field names.</summary>
public static class LedgerWorkbook
{
    public static readonly FormColumn[] Columns =
    [
        new("序号", 5, "Number", Centered: true), new("村（社区）", 15, "Village"), new("户主姓名", 8, "HeadName", Centered: true),
        new("身份证号码", 20, "HeadId", Text: true), new("筛查结果", 12, "Screening", Centered: true), new("当前状态", 15, "Status"),
        new("村提名", 11, "Proposed", Centered: true), new("镇报送", 11, "Submitted", Centered: true), new("区审核", 11, "Accepted", Centered: true),
        new("公示", 11, "Notice", Centered: true), new("公示通过", 11, "NoticePassed", Centered: true), new("申请", 11, "Applied", Centered: true),
        new("村审批", 11, "VillageApproved", Centered: true), new("镇审批", 11, "TownApproved", Centered: true), new("区审批", 11, "DistrictApproved", Centered: true),
        new("备案", 11, "Filed", Centered: true),
        new("发放金额（元）", 12, "PaidAmount", Centered: true), new("发放方式", 10, "PaidMethod", Centered: true), new("发放日期", 11, "PaidOn", Centered: true),
        new("签收", 9, "Receipt", Centered: true), new("项目落实日期", 12, "ProjectStarted", Centered: true),
    ];

    public const string Footer = "制表人：                    审核人：                    制表单位（盖章）：";
}

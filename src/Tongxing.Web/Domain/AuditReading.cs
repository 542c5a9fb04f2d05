using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tongxing.Web.Domain;

/// <summary>
/// The audit log as a person reads it: Chinese names for the records and their fields, values in words (状态 and
/// categories by name, money in yuan, times in China time) and each change as "field: old → new". For a viewer who
/// sees personal data masked, ID, certificate and phone numbers, birth dates and disability details stay masked here
/// too, in the values and in any free text. Pure: the stored entry comes in, lines of text come out.
/// </summary>
public static partial class AuditReading
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["Household"] = "帮扶对象",
        ["Member"] = "家庭成员",
        ["HouseholdEvent"] = "办理记录",
        ["Notice"] = "公示",
        ["NoticeEntry"] = "公示名单",
        ["NoticePhoto"] = "公示照片",
        ["Objection"] = "公示异议",
        ["Programme"] = "帮扶项目",
        ["TownQuota"] = "乡镇任务数",
        ["FundShare"] = "资金分担比例",
        ["FundEntry"] = "资金流水",
        ["PhaseWindow"] = "工作阶段",
        ["SurveySubmission"] = "附件1报送",
        ["ImportUpload"] = "附件1导入任务",
        ["HolidayYear"] = "节假日表",
        ["ApiToken"] = "API令牌",
        ["AppUser"] = "用户账号",
        ["IdentityUserToken`1"] = "账号安全设置（两步验证密钥等）",
        ["IdentityUserClaim`1"] = "账号权限声明",
        ["IdentityUserLogin`1"] = "外部登录",
        ["IdentityUserRole`1"] = "账号角色",
        ["DataProtectionKey"] = "加密密钥",
        ["Area"] = "行政区划",
        ["ProjectStart"] = "项目落实",
        ["附件1"] = "附件1（帮扶对象汇总表）",
        ["附件2"] = "附件2（帮扶对象登记表）",
        ["附件3"] = "附件3（帮扶协议书）",
        ["工作台账"] = "工作台账",
        ["资金对账"] = "资金对账表",
        ["审计日志"] = "审计日志",
        ["Payment"] = "资金发放",
        ["PaymentBatch"] = "代发批次",
        ["代发清单"] = "一卡通代发清单",
        ["Helper"] = "党员帮扶人",
        ["Pairing"] = "结对帮扶",
        ["SupportLog"] = "帮扶日志",
        ["Visit"] = "走访回访",
        ["FollowUpPhoto"] = "帮扶照片",
        ["HouseholdOutcome"] = "帮扶成效",
        ["TownReport"] = "季度反馈与年度总结",
        ["OversightFile"] = "督导附件",
        ["Meeting"] = "联席会议",
        ["ActionItem"] = "督办事项",
        ["PublicityItem"] = "宣传材料",
        ["Inspection"] = "检查验收",
        ["InspectionCheck"] = "检查验收项目",
        ["InspectionSample"] = "抽查户",
    };

    /// <summary>Field names shared by several records; <see cref="OwnFields"/> overrides them per record.</summary>
    private static readonly Dictionary<string, string> Fields = new (string Field, string Label)[]
    {
        ("Id", "编号"), ("ProgrammeId", "项目"), ("HouseholdId", "所属户"), ("NoticeId", "公示"), ("UserId", "用户"),
        ("RegionCode", "自治区"), ("CityCode", "市"), ("DistrictCode", "县（区）"), ("TownCode", "乡镇"), ("VillageCode", "村（社区）"),
        ("Group", "村民小组"), ("Address", "住址"), ("Size", "家庭人口"), ("PerCapitaIncome", "家庭人均年纯收入"),
        ("Poverty", "建档立卡情况"), ("ProjectType", "扶持项目类别"), ("ProjectDescription", "扶持项目内容"), ("WillToWork", "有劳动意愿"),
        ("ProjectFeasible", "项目可行"), ("HelperToBe", "拟结对帮扶人"), ("Remarks", "备注"), ("Status", "办理状态"), ("Screening", "筛查结果"),
        ("ScreeningSummary", "筛查说明"), ("IsReserve", "备选"), ("SubmissionId", "报送批次"), ("ReturnReason", "退回原因"),
        ("HeadName", "户主姓名"), ("HeadIdNumber", "户主身份证号"), ("CreatedAt", "创建时间"), ("CreatedBy", "创建人"),
        ("CreatedByName", "创建人"), ("TownApprovedAt", "镇党委审批时间"),
        ("Name", "姓名"), ("Gender", "性别"), ("IdNumber", "身份证号"), ("BirthDate", "出生日期"), ("Relation", "与户主关系"),
        ("CertificateNumber", "残疾人证号"), ("DisabilityCategory", "残疾类别"), ("DisabilityGrade", "残疾等级"),
        ("LabourAbility", "劳动能力"), ("Phone", "联系电话"),
        ("At", "时间"), ("UserName", "用户名"), ("From", "原状态"), ("To", "新状态"), ("Comment", "意见"), ("Seq", "序号"),
        ("Title", "标题"), ("IssuedBy", "发布单位"), ("StartDate", "开始日期"), ("EndDate", "截止日期"), ("PublicToken", "公开链接"),
        ("Number", "序号"), ("MaskedName", "公示姓名"), ("MaskedIdNumber", "公示身份证号"), ("Project", "扶持项目"),
        ("StoredName", "存储文件名"), ("ContentType", "文件类型"), ("OriginalName", "原文件名"), ("UploadedAt", "上传时间"), ("UploadedBy", "上传人"),
        ("ReceivedOn", "收到日期"), ("Content", "内容"), ("RaisedBy", "反映人"), ("RecordedBy", "登记人"), ("RecordedByName", "登记人"),
        ("RecordedAt", "登记时间"), ("Resolution", "核实处理情况"), ("Upheld", "异议成立"), ("ResolvedOn", "处理日期"), ("ResolvedByName", "处理人"),
        ("SubmittedAt", "报送时间"), ("SubmittedOn", "报送日期"), ("Regular", "正式对象户数"), ("Reserves", "备选户数"),
        ("FileName", "文件名"), ("Commit", "正式导入"), ("Phase", "进度"), ("ProcessedRows", "已处理行数"), ("TotalRows", "总行数"),
        ("ClaimedBy", "处理节点"), ("StartedAt", "开始时间"), ("FinishedAt", "完成时间"), ("ReportJson", "导入报告"),
        ("Year", "年度"), ("LoadedAt", "载入时间"), ("LoadedBy", "载入人"),
        ("Prefix", "令牌前缀"), ("ExpiresAt", "到期时间"), ("RevokedAt", "撤销时间"), ("LastUsedAt", "最近使用时间"),
        ("DisplayName", "显示名称"), ("Role", "岗位"), ("AreaCode", "管辖区域"), ("AreaLevel", "区域级别"),
        ("Email", "电子邮箱"), ("EmailConfirmed", "邮箱已验证"), ("PhoneNumber", "手机号"), ("PhoneNumberConfirmed", "手机号已验证"),
        ("TwoFactorEnabled", "已启用两步验证"), ("LockoutEnd", "锁定至"), ("LockoutEnabled", "可被锁定"), ("AccessFailedCount", "连续登录失败次数"),
        ("LoginProvider", "提供方"), ("ClaimType", "声明类型"), ("ClaimValue", "声明值"),
        ("DistrictName", "县（区）"), ("Quota", "任务数"), ("MinHouseholdsPerVillage", "每村至少户数"), ("SubsidyPerHousehold", "每户扶持资金"),
        ("ReferenceDate", "年龄计算基准日"), ("MaleMinAge", "男性劳动年龄下限"), ("MaleMaxAge", "男性劳动年龄上限"),
        ("FemaleMinAge", "女性劳动年龄下限"), ("FemaleMaxAge", "女性劳动年龄上限"), ("PriorityIncomeThreshold", "重点扶持收入线"),
        ("MinSkills", "实用技术门数下限"), ("MaxSkills", "实用技术门数上限"), ("MinHelpers", "帮扶人数下限"), ("MaxHelpers", "帮扶人数上限"),
        ("NoticeWorkingDays", "公示工作日数"), ("NoticeIdKeepStart", "公示身份证号保留前几位"), ("NoticeIdKeepEnd", "公示身份证号保留后几位"),
        ("BlockEarlierSupported", "往年已扶持者不再扶持"), ("Source", "资金来源"), ("BasisPoints", "分担比例"), ("Note", "说明"),
        ("Start", "开始日期"), ("End", "结束日期"), ("Deadline", "截止日期"), ("DeadlineWhat", "截止事项"),
        ("BankAccountName", "户名（收款账户）"), ("BankAccountNumber", "银行账号"), ("BankName", "开户银行"), ("AccountNumber", "银行账号"),
        ("PayeeName", "收款人"), ("PayeeIdNumber", "收款人身份证号"), ("BatchId", "代发批次"), ("Line", "批次序号"), ("Method", "发放方式"),
        ("Fen", "金额"), ("RegionFen", "自治区资金"), ("CityFen", "市级资金"), ("DistrictFen", "县（区）资金"), ("PaidOn", "发放日期"),
        ("BankReference", "银行流水号"), ("FailureReason", "失败原因"), ("ReversalReason", "冲销原因"), ("SettledAt", "结果登记时间"),
        ("LiveHouseholdId", "在途发放户"), ("ControlCount", "控制户数"), ("ControlFen", "控制金额"), ("SentAt", "提交银行时间"),
        ("SentByName", "提交人"), ("ClosedAt", "办结时间"),
        ("Kind", "类别"), ("On", "日期"), ("DocumentNumber", "文号"), ("PayingOffice", "拨款单位"), ("ReversesId", "冲销的流水"),
        ("PaymentId", "发放记录"), ("VoucherStoredName", "凭证存储文件名"), ("VoucherContentType", "凭证文件类型"),
        ("VoucherOriginalName", "凭证原文件名"),
        ("ReceiptKind", "签收方式"), ("ReceiptOn", "签收日期"), ("ReceiptStoredName", "签收单照片"), ("ReceiptContentType", "签收单照片类型"),
        ("ProxyName", "代签人"), ("ProxyRelation", "代签人与户主关系"), ("ProxyReason", "代签原因"), ("ReceiptRecordedAt", "签收登记时间"),
        ("ReceiptRecordedByName", "签收登记人"), ("StartedOn", "项目启动日期"), ("PhotoStoredName", "现场照片"), ("PhotoContentType", "照片类型"),
        ("HelperId", "帮扶人"), ("StartedByName", "办理人"), ("EndedOn", "解除日期"), ("EndedAt", "解除登记时间"), ("EndedBy", "解除办理人"),
        ("EndReason", "解除原因"), ("ReplacedById", "接替的结对"), ("AgreementStoredName", "协议扫描件"), ("AgreementContentType", "协议扫描件类型"),
        ("AgreementSignedOn", "协议签订日期"), ("AgreementUploadedAt", "协议上传时间"), ("AgreementUploadedBy", "协议上传人"),
        ("PartyBranch", "所在党支部"), ("WorkUnit", "工作单位"), ("Post", "职务"), ("Skills", "特长"), ("ActiveHouseholds", "在帮户数"),
        ("HelperCount", "帮扶人数"), ("PairedOn", "结对日期"), ("VisitsFrom", "回访起算日"), ("LastReturnVisitOn", "最近回访日期"),
        ("MoneyFen", "资金（元）"), ("Goods", "物资"), ("Latitude", "纬度"), ("Longitude", "经度"), ("AccuracyMetres", "定位精度（米）"),
        ("WrittenAt", "手机记录时间"), ("Visitors", "回访人员"), ("VisitorRole", "回访单位"), ("Findings", "回访情况"), ("Rating", "帮扶人表现"),
        ("RatingComment", "对帮扶人的评价"), ("Suggestions", "意见建议"), ("OwnerId", "所属记录"), ("Skill1", "致富实用技术（一）"),
        ("Skill2", "致富实用技术（二）"), ("Progress", "项目进展"), ("IncomeAtStartFen", "帮扶前人均年收入"), ("IncomeLatestFen", "最新人均年收入"),
        ("IncomeLatestOn", "收入核实日期"), ("UpdatedAt", "更新时间"), ("UpdatedBy", "更新人"),
        ("MaxHouseholdsPerHelper", "每名帮扶人结对户数上限"), ("VisitIntervalDays", "回访间隔（天）"), ("VisitWindowDays", "回访提前/宽限（天）"),
        ("SupportLogIntervalDays", "帮扶日志间隔（天）"),
        ("ReportDueDays", "季度报告报送期限（天）"),
    }.ToDictionary(f => f.Field, f => f.Label, StringComparer.Ordinal);

    private static readonly Dictionary<(string Entity, string Field), string> OwnFields = new()
    {
        [("ApiToken", "Name")] = "令牌名称",
        [("ActionItem", "Source")] = "来源",
        [("ActionItem", "SourceId")] = "来源记录",
        [("ApiToken", "CreatedAt")] = "签发时间",
        [("IdentityUserToken`1", "Name")] = "设置项",
        [("ImportUpload", "Status")] = "任务状态",
        [("Programme", "Name")] = "项目名称",
        [("Notice", "CreatedBy")] = "发布人",
        [("Household", "CreatedBy")] = "登记人",
        [("HolidayYear", "Year")] = "年份",
        [("Helper", "Kind")] = "帮扶人类别",
        [("SupportLog", "Kind")] = "帮扶方式",
        [("Visit", "Kind")] = "走访类别",
        [("Visit", "On")] = "走访日期",
        [("SupportLog", "On")] = "帮扶日期",
        [("SupportLog", "Content")] = "帮扶内容",
        [("Pairing", "StartedOn")] = "结对日期",
        [("AppUser", "DisabledAt")] = "停用时间",
        [("AppUser", "MustChangePassword")] = "须修改密码",
        [("AppUser", "LastSignInAt")] = "最近登录",
        [("Area", "Name")] = "名称",
        [("Area", "RetiredAt")] = "撤销时间",
        [("Area", "ParentCode")] = "上级区划",
        [("Area", "Level")] = "级别",
        [("Area", "Code")] = "区划代码",
        [("ActionItem", "Text")] = "督办事项",
        [("ActionItem", "DueOn")] = "办结期限",
        [("ActionItem", "OwnerName")] = "责任人",
        [("ActionItem", "OwnerUserId")] = "责任人账号",
        [("ActionItem", "State")] = "办理状态",
        [("ActionItem", "DoneAt")] = "办结时间",
        [("ActionItem", "DoneBy")] = "办结人",
        [("ActionItem", "DoneNote")] = "办结说明",
        [("ImportUpload", "CheckpointJson")] = "导入进度记录",
        [("ImportUpload", "HeartbeatAt")] = "最近活动时间",
        [("ImportUpload", "WrittenRows")] = "已写入行数",
        [("Inspection", "Inspectors")] = "检查人员",
        [("Inspection", "SampleSize")] = "抽查户数",
        [("Inspection", "SampleSeed")] = "抽样随机数",
        [("Inspection", "State")] = "检查状态",
        [("Inspection", "Result")] = "检查结论",
        [("Inspection", "ConcludedAt")] = "作出结论时间",
        [("Inspection", "ConcludedBy")] = "作出结论人账号",
        [("Inspection", "ConcludedByName")] = "作出结论人",
        [("InspectionCheck", "InspectionId")] = "所属检查",
        [("InspectionCheck", "Key")] = "检查项目",
        [("InspectionCheck", "RecordValue")] = "系统记录情况",
        [("InspectionCheck", "RecordMet")] = "系统记录是否达标",
        [("InspectionCheck", "Met")] = "检查组认定达标",
        [("InspectionSample", "InspectionId")] = "所属检查",
        [("InspectionSample", "Satisfactory")] = "抽查合格",
        [("InspectionSample", "Finding")] = "抽查发现",
        [("InspectionSample", "CheckedAt")] = "抽查时间",
        [("InspectionSample", "CheckedBy")] = "抽查人",
        [("Meeting", "Place")] = "地点",
        [("Meeting", "Departments")] = "参会单位",
        [("Meeting", "Attendees")] = "参会人员",
        [("Meeting", "Topics")] = "议题",
        [("Meeting", "Decisions")] = "会议决定",
        [("Notice", "EnteredOn")] = "录入日期",
        [("Objection", "WithdrawnAt")] = "撤回时间",
        [("Objection", "WithdrawnByName")] = "撤回人",
        [("Objection", "WithdrawnReason")] = "撤回原因",
        [("Pairing", "StartedBy")] = "结对办理人",
        [("Payment", "State")] = "发放状态",
        [("PaymentBatch", "State")] = "批次状态",
        [("PublicityItem", "Text")] = "正文",
        [("PublicityItem", "State")] = "审核状态",
        [("PublicityItem", "ConsentOn")] = "本人同意日期",
        [("PublicityItem", "BranchVillageCode")] = "所属村（社区）党组织",
        [("PublicityItem", "DecidedAt")] = "审核时间",
        [("PublicityItem", "DecidedBy")] = "审核人",
        [("TownReport", "Text")] = "报告正文",
        [("TownReport", "State")] = "报告状态",
        [("TownReport", "FiguresJson")] = "报告数据",
        [("TownReport", "Rules")] = "适用规则",
        [("TownReport", "FirstSubmittedAt")] = "首次报送时间",
        [("TownReport", "SubmittedBy")] = "报送人账号",
        [("TownReport", "SubmittedByName")] = "报送人",
        [("TownReport", "DecidedAt")] = "审核时间",
        [("TownReport", "DecidedBy")] = "审核人账号",
        [("TownReport", "DecidedByName")] = "审核人",
    };

    /// <summary>
    /// Internal keys nobody reads, not shown: ids of records and users (the entry names its record), codes above the town,
    /// search keys (they hold every member's ID number), normalised copies, versions.
    /// </summary>
    private static readonly HashSet<string> Hidden = ["Id", "LoginProvider", "HouseholdId", "NoticeId", "ProgrammeId", "SubmissionId", "UserId", "CreatedBy", "RecordedBy",
        "ReceiptRecordedBy", "RegionCode", "CityCode", "DistrictCode", "LiveHouseholdId", "BatchId", "SearchKeys", "IdNumberReversed", "NormalizedUserName", "NormalizedEmail", "Version", "Seq"];

    /// <summary>Whether the log shows a field at all (internal keys are not shown).</summary>
    public static bool Shows(string field) => !Hidden.Contains(field);

    /// <summary>The order fields are read in: who, then where, then what; the rest after them by name.</summary>
    private static readonly string[] Order = ["HeadName", "HeadIdNumber", "Name", "Gender", "IdNumber", "BirthDate", "Relation", "CertificateNumber",
        "DisabilityCategory", "DisabilityGrade", "LabourAbility", "Phone", "TownCode", "VillageCode", "Group", "Address", "Size", "PerCapitaIncome",
        "Poverty", "ProjectType", "ProjectDescription", "WillToWork", "ProjectFeasible", "HelperToBe", "Status", "From", "To", "Comment", "Screening",
        "ScreeningSummary", "IsReserve", "ReturnReason", "Remarks"];

    private static IEnumerable<JsonProperty> Shown(JsonElement record) =>
        record.EnumerateObject().Where(p => !Hidden.Contains(p.Name))
            .OrderBy(p => Array.IndexOf(Order, p.Name) is var i and >= 0 ? i : Order.Length).ThenBy(p => p.Name, StringComparer.Ordinal);

    /// <summary>
    /// The records an office without access to households (系统管理员, ADR 0017) reads in the log: accounts, areas,
    /// programmes, holiday tables and tokens, and the log's own export — never a household, member, notice or import.
    /// </summary>
    public static IReadOnlyList<string> AdministrationEntities { get; } =
        ["AppUser", "ApiToken", "IdentityUserToken`1", "IdentityUserClaim`1", "IdentityUserLogin`1", "IdentityUserRole`1", "Area",
            "Programme", "TownQuota", "FundShare", "PhaseWindow", "HolidayYear", "审计日志"];

    public static string EntityLabel(string? entity) =>
        entity is null ? "" : Entities.TryGetValue(entity, out var label) ? label : entity.Split('`')[0];

    /// <summary>The record types the log names, with their labels, for the page's filter.</summary>
    public static IReadOnlyList<(string Entity, string Label)> EntityTypes { get; } =
        Entities.Where(e => e.Key is not ("Area" or "DataProtectionKey" or "TownQuota" or "FundShare" or "PhaseWindow" or "IdentityUserClaim`1" or "IdentityUserLogin`1" or "IdentityUserRole`1"))
            .Select(e => (e.Key, e.Value)).ToList();

    /// <summary>What the log's entries say happened, for the page's filter (data changes and the events the app records).</summary>
    public static IReadOnlyList<string> Actions { get; } =
        ["新增", "修改", "删除", "登录", "登录失败", "退出登录", "查看完整个人信息", "导出", "启用两步验证", "查看完整银行账号", "查看签收凭证", "查看协议扫描件", "导入银行结果", "上传并导入附件1", "上传附件1试运行",
            "新建账号", "修改账号", "停用账号", "启用账号", "重置密码", "解除锁定", "重置两步验证"];

    public static string FieldLabel(string? entity, string field) =>
        entity is not null && OwnFields.TryGetValue((entity, field), out var own) ? own : Fields.GetValueOrDefault(field, field);

    /// <summary>
    /// The entry's particulars as lines: one per changed field ("办理状态：镇已报送待审核 → 区残联审核通过"), one per record
    /// created or deleted ("家庭成员：姓名 张三；性别 男；…"), or the event's own text.
    /// </summary>
    /// <param name="areaNames">Area codes the reader may see by name ("洛满镇（450204102000）"); a code without a name stays a code.</param>
    public static IReadOnlyList<string> Describe(string action, string? entity, string? details, bool fullPersonalData, IReadOnlyDictionary<string, string>? areaNames = null)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return [];
        }
        JsonDocument? json = null;
        if (details.TrimStart().StartsWith('{'))
        {
            try
            {
                json = JsonDocument.Parse(details);
            }
            catch (JsonException)
            {
                json = null;
            }
        }
        if (json is null)
        {
            return [fullPersonalData ? details : MaskText(details)];
        }
        using (json)
        {
            var root = json.RootElement;
            if (action == "修改")
            {
                return Shown(root).Select(p => p.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2
                    ? $"{FieldLabel(entity, p.Name)}：{Value(entity, p.Name, pair[0], fullPersonalData, areaNames)} → {Value(entity, p.Name, pair[1], fullPersonalData, areaNames)}"
                    : $"{FieldLabel(entity, p.Name)}：{Value(entity, p.Name, p.Value, fullPersonalData, areaNames)}").ToList();
            }
            // A record created with its parts in one save: {"Household": {…}, "Member <id>": {…}, …}.
            if (root.EnumerateObject().Any() && root.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object))
            {
                return root.EnumerateObject().Select(p =>
                {
                    var part = p.Name.Split(' ')[0];
                    return $"{EntityLabel(part)}：{Values(part, p.Value, fullPersonalData, areaNames)}";
                }).ToList();
            }
            return [Values(entity, root, fullPersonalData, areaNames)];
        }
    }

    private static string Values(string? entity, JsonElement record, bool full, IReadOnlyDictionary<string, string>? areaNames) =>
        string.Join("；", Shown(record).Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{FieldLabel(entity, p.Name)} {Value(entity, p.Name, p.Value, full, areaNames)}"));

    /// <summary>The fields that hold an area's code: a record's town and village, an account's area, an area's own code and parent.</summary>
    private static bool IsAreaCode(string? entity, string field) =>
        field is "AreaCode" or "ParentCode" or "TownCode" or "VillageCode" or "BranchVillageCode" || (entity == "Area" && field == "Code");

    /// <summary>One stored value in words; masked where the viewer sees personal data masked.</summary>
    public static string Value(string? entity, string field, JsonElement value, bool fullPersonalData, IReadOnlyDictionary<string, string>? areaNames = null)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "（空）";
        }
        if (areaNames is not null && value.ValueKind == JsonValueKind.String && IsAreaCode(entity, field) && areaNames.TryGetValue(value.GetString()!, out var areaName))
        {
            return $"{areaName}（{value.GetString()}）";
        }
        if (entity == "IdentityUserToken`1" && field == "Name" && value.ValueKind == JsonValueKind.String)
        {
            // Identity's own names for what it keeps per account.
            return value.GetString() switch { "AuthenticatorKey" => "两步验证密钥", "RecoveryCodes" => "恢复码", var other => other! };
        }
        if (field.EndsWith("ContentType", StringComparison.Ordinal) && value.ValueKind == JsonValueKind.String)
        {
            // A file's type in words, not its MIME name.
            return value.GetString() switch
            {
                "image/jpeg" => "JPEG 照片",
                "image/png" => "PNG 图片",
                "application/pdf" => "PDF 文件",
                var other => other!,
            };
        }
        if (field is "BankAccountNumber" or "AccountNumber")
        {
            // Masked for every reader of the log: the full number is seen only where it is needed (the village and the
            // town that pay, on request, each view audited), never by reading the log.
            return BankAccount.Mask(value.ToString());
        }
        if (!fullPersonalData)
        {
            switch (field)
            {
                case "IdNumber" or "HeadIdNumber" or "PayeeIdNumber":
                    return ResidentId.Mask(value.ToString());
                case "Phone" or "PhoneNumber":
                    return ResidentId.Mask(value.ToString(), 3, 4);
                case "BirthDate":
                    return "（不显示）";
                case "CertificateNumber":
                    return "已持证";
                case "DisabilityCategory" or "DisabilityGrade":
                    return "已登记残疾";
                case "Latitude" or "Longitude" or "AccuracyMetres":
                    // Where a support log or visit was written is usually the household's home.
                    return "（不显示）";
            }
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return "是";
            case JsonValueKind.False:
                return "否";
            case JsonValueKind.Number when value.TryGetInt64(out var n):
                return Number(entity, field, n);
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length >= 20 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
                {
                    return TimeZoneInfo.ConvertTime(at, China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                }
                return fullPersonalData ? text : MaskText(text);
            default:
                return fullPersonalData ? value.GetRawText() : MaskText(value.GetRawText());
        }
    }

    private static string Number(string? entity, string field, long n) => (entity, field) switch
    {
        ("Household", "Status") or ("HouseholdEvent", "From" or "To") when Enum.IsDefined((HouseholdStatus)n) => Labels.Of((HouseholdStatus)n),
        (_, "Poverty") when Enum.IsDefined((PovertyStatus)n) => Labels.Of((PovertyStatus)n),
        (_, "ProjectType") => Labels.Of((ProjectType)n),
        (_, "Screening") when Enum.IsDefined((ScreeningOutcome)n) => Labels.Of((ScreeningOutcome)n),
        (_, "Gender") when Enum.IsDefined((Gender)n) => Labels.Of((Gender)n),
        (_, "Relation") => Labels.Of((Relation)n),
        (_, "DisabilityCategory") => Labels.Of((DisabilityCategory)n),
        (_, "DisabilityGrade") => Labels.Grade((int)n),
        (_, "LabourAbility") => Labels.Of((LabourAbility)n),
        ("AppUser", "Role") when Enum.IsDefined((Role)n) => ((Role)n).Label(),
        (_, "AreaLevel") when Enum.IsDefined((AreaLevel)n) => Area.LevelLabel((AreaLevel)n),
        ("ImportUpload", "Status") => n switch { 1 => "排队", 2 => "进行中", 3 => "已完成", 4 => "失败", _ => n.ToString(CultureInfo.InvariantCulture) },
        ("FundEntry", "Kind") when Enum.IsDefined((FundEntryKind)n) => Labels.Of((FundEntryKind)n),
        ("FundEntry", "Fen") => new Money(n).ToString(),
        ("ActionItem", "Source") => n switch { 1 => "联席会议", 2 => "检查验收整改", _ => n.ToString(CultureInfo.InvariantCulture) },
        (_, "Source") when Enum.IsDefined((FundSource)n) => Programme.SourceLabel((FundSource)n),
        (_, "ReceiptKind") when Enum.IsDefined((ReceiptKind)n) => Labels.Of((ReceiptKind)n),
        (_, "Phase") when entity == "PhaseWindow" && Enum.IsDefined((ProgrammePhase)n) => Programme.PhaseLabel((ProgrammePhase)n),
        (_, "PerCapitaIncome" or "SubsidyPerHousehold" or "PriorityIncomeThreshold") => new Money(n).ToString(),
        ("Payment", "Fen" or "RegionFen" or "CityFen" or "DistrictFen") or ("PaymentBatch", "ControlFen") => new Money(n).ToString(),
        ("Payment", "State") when Enum.IsDefined((PaymentState)n) => Labels.Of((PaymentState)n),
        ("Payment", "Method") when Enum.IsDefined((PaymentMethod)n) => Labels.Of((PaymentMethod)n),
        ("PaymentBatch", "State") when Enum.IsDefined((BatchState)n) => Labels.Of((BatchState)n),
        ("Inspection", "State") => n == (int)InspectionState.Concluded ? "已作结论" : "检查中",
        ("Inspection", "Result") when Enum.IsDefined((InspectionResult)n) => Inspection.Label((InspectionResult)n),
        ("TownReport", "State") when Enum.IsDefined((ReportState)n) => ReportSchedule.Label((ReportState)n),
        ("PublicityItem", "State") when Enum.IsDefined((PublicityState)n) => PublicityRules.Label((PublicityState)n),
        ("ActionItem", "State") => n == (int)ActionState.Done ? "已办结" : "未办结",
        ("Helper", "Kind") when Enum.IsDefined((HelperKind)n) => PairingLabels.Of((HelperKind)n),
        ("SupportLog", "Kind") when Enum.IsDefined((SupportKind)n) => PairingLabels.Of((SupportKind)n),
        ("Visit", "Kind") when Enum.IsDefined((VisitKind)n) => PairingLabels.Of((VisitKind)n),
        ("Visit", "VisitorRole") when Enum.IsDefined((Role)n) => ((Role)n).Label(),
        ("Visit", "Rating") when Enum.IsDefined((HelperRating)n) => PairingLabels.Of((HelperRating)n),
        ("HouseholdOutcome", "Progress") when Enum.IsDefined((ProjectProgress)n) => PairingLabels.Of((ProjectProgress)n),
        (_, "MoneyFen" or "IncomeAtStartFen" or "IncomeLatestFen") => new Money(n).ToString(),
        (_, "BasisPoints") => $"{n / 100m:0.##}%",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Long numbers in free text (ID, certificate and phone numbers) with their middle masked — also written with spaces,
    /// hyphens or dots between the digits (138 1234 5678, 138-1234-5678) or in full-width digits, as people type them.
    /// </summary>
    public static string MaskText(string text) => PersonalData.WithoutAges(LongNumber().Replace(HalfWidthDigits(text), m =>
    {
        var digits = Separator().Replace(m.Value, "");
        return digits.Length >= 15 ? ResidentId.Mask(digits) : ResidentId.Mask(digits, 3, 4);
    }));

    /// <summary>Full-width digits (and Ｘ) as ASCII, so that a number typed on a Chinese keyboard is read as one.</summary>
    private static string HalfWidthDigits(string text) =>
        text.Any(c => c is (>= '０' and <= '９') or 'Ｘ' or 'ｘ')
            ? string.Concat(text.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c == 'Ｘ' ? 'X' : c == 'ｘ' ? 'x' : c))
            : text;

    // Eleven digits or more, each pair at most one space, hyphen or dot apart, an ID's last X allowed.
    [GeneratedRegex("[0-9](?:[ .-]?[0-9]){10,}(?:[ .-]?[Xx])?")]
    private static partial Regex LongNumber();

    [GeneratedRegex("[ .-]")]
    private static partial Regex Separator();
}

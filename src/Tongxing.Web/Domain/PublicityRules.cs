namespace Tongxing.Web.Domain;

/// <summary>A publicity entry as typed, checked: what it presents, its title and text, and the date of the linked household's consent.</summary>
public sealed record PublicityDetails(PublicityKind Kind, string Title, string Text, DateOnly? ConsentOn);

/// <summary>The rules of publicity (宣传) entries, without a database or a clock.</summary>
public static class PublicityRules
{
    /// <summary>How a household whose consent is not recorded is named outside the programme's offices.</summary>
    public const string Unnamed = "某户（未经本人同意，不公开姓名）";

    public static string Label(PublicityKind kind) => kind switch
    {
        PublicityKind.AdvancedCollective => "先进集体",
        PublicityKind.AdvancedIndividual => "先进个人",
        _ => "好的经验做法",
    };

    public static string Label(PublicityState state) => state switch
    {
        PublicityState.Draft => "草稿",
        PublicityState.Submitted => "待区残联审核",
        PublicityState.Approved => "已审核，可对外宣传",
        PublicityState.Returned => "已退回修改",
        _ => "已撤回",
    };

    /// <summary>The linked household's name as shown outside: only with its recorded consent.</summary>
    public static string PublicHouseholdName(string headName, DateOnly? consentOn) => consentOn is null ? Unnamed : headName + "户";

    /// <summary>
    /// Whether text names a person: their full name (two characters or more) appears in it, also when spaces, punctuation
    /// or symbols are put between its characters (刘 荣 建, 刘-荣-建).
    /// </summary>
    public static bool Names(string? text, string name) =>
        name.Length >= 2 && text is not null && (text.Contains(name, StringComparison.Ordinal) || Bare(text).Contains(Bare(name), StringComparison.Ordinal));

    private static string Bare(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c)));

    public static (PublicityDetails? Details, Result Result) Check(string? kind, string? title, string? text, string? consentOn, bool hasHousehold, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (!Enum.TryParse<PublicityKind>(kind, out var k) || !Enum.IsDefined(k) || int.TryParse(kind, out _))
        {
            errors.Add(new(nameof(PublicityItem.Kind), "请选择宣传类别：先进集体、先进个人或好的经验做法"));
        }
        var t = MeetingRules.Line(title, nameof(PublicityItem.Title), "标题", PublicityItem.MaxTitleLength, required: true, errors);
        var x = MeetingRules.Block(text, nameof(PublicityItem.Text), "宣传内容", required: true, errors, PublicityItem.MaxTextLength);
        DateOnly? consent = null;
        if (!string.IsNullOrWhiteSpace(consentOn))
        {
            if (!DateOnly.TryParseExact(consentOn.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var c))
            {
                errors.Add(new(nameof(PublicityItem.ConsentOn), "同意日期格式应为 年-月-日"));
            }
            else if (c > today)
            {
                errors.Add(new(nameof(PublicityItem.ConsentOn), "同意日期不能晚于今天"));
            }
            else if (!hasHousehold)
            {
                errors.Add(new(nameof(PublicityItem.ConsentOn), "未关联帮扶对象户，无需填写同意日期"));
            }
            else
            {
                consent = c;
            }
        }
        return errors.Count > 0 ? (null, Result.Refused(errors)) : (new PublicityDetails(k, t!, x!, consent), Result.Ok);
    }
}

public sealed partial class PublicityItem
{
    /// <summary>Why the writer may not change the entry now; null when it may.</summary>
    public string? LockedReason => State switch
    {
        PublicityState.Submitted => "已报区残联审核，不能修改；如需修改请联系区残联退回",
        PublicityState.Approved => "已审核通过，不能修改；如需修改请由区残联撤回",
        PublicityState.Withdrawn => "已撤回，不能再修改",
        _ => null,
    };

    /// <summary>A new draft written by <paramref name="unit"/> (a village, a town or the district: codes below it empty).</summary>
    public static PublicityItem Create(Guid id, int programmeId, AreaPath unit, PublicityDetails d, Guid? householdId, Guid? helperId, string? branchVillageCode,
        Actor who, DateTimeOffset at)
    {
        var p = new PublicityItem
        {
            Id = id,
            ProgrammeId = programmeId,
            RegionCode = unit.RegionCode,
            CityCode = unit.CityCode,
            DistrictCode = unit.DistrictCode,
            TownCode = unit.TownCode,
            VillageCode = unit.VillageCode,
            CreatedAt = at,
            CreatedBy = who.UserId,
            CreatedByName = who.Name,
        };
        p.Apply(d, householdId, helperId, branchVillageCode, at);
        return p;
    }

    public Result Edit(PublicityDetails d, Guid? householdId, Guid? helperId, string? branchVillageCode, DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Result.Conflict(locked);
        }
        Apply(d, householdId, helperId, branchVillageCode, at);
        return Result.Ok;
    }

    private void Apply(PublicityDetails d, Guid? householdId, Guid? helperId, string? branchVillageCode, DateTimeOffset at)
    {
        Kind = d.Kind;
        Title = d.Title;
        Text = d.Text;
        HouseholdId = householdId;
        ConsentOn = householdId is null ? null : d.ConsentOn;
        HelperId = helperId;
        BranchVillageCode = branchVillageCode;
        UpdatedAt = at;
        Version++;
    }

    /// <summary>
    /// A photo is added: refused once the entry is locked, and the entry's version moves on, so a photo racing the
    /// submission cannot be saved after it (one of the two meets the other's version and is refused).
    /// </summary>
    public Result PhotoAdded(DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Result.Conflict(locked);
        }
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }

    /// <summary>Sends a draft or a returned entry to the district federation.</summary>
    public Result Submit(DateTimeOffset at)
    {
        if (LockedReason is { } locked)
        {
            return Result.Conflict(locked);
        }
        State = PublicityState.Submitted;
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }

    public Result Approve(Actor who, DateTimeOffset at) => Decide(PublicityState.Submitted, PublicityState.Approved, null, who, at);

    public Result Return(string? reason, Actor who, DateTimeOffset at) => Decide(PublicityState.Submitted, PublicityState.Returned, reason, who, at);

    /// <summary>Takes an approved entry down with a reason; it stays on the record.</summary>
    public Result Withdraw(string? reason, Actor who, DateTimeOffset at) => Decide(PublicityState.Approved, PublicityState.Withdrawn, reason, who, at);

    private Result Decide(PublicityState from, PublicityState to, string? reason, Actor who, DateTimeOffset at)
    {
        if (State != from)
        {
            return Result.Conflict(State switch
            {
                PublicityState.Approved => "该宣传材料已审核通过",
                PublicityState.Returned => "该宣传材料已退回，待修改后重新报送",
                PublicityState.Withdrawn => "该宣传材料已撤回",
                PublicityState.Submitted => "该宣传材料正在审核中",
                _ => "该宣传材料尚未报送审核",
            });
        }
        if (to != PublicityState.Approved)
        {
            var errors = new List<FieldError>();
            reason = MeetingRules.Line(reason, nameof(ReturnReason), to == PublicityState.Returned ? "退回原因" : "撤回原因", MaxReasonLength, required: true, errors);
            if (errors.Count > 0)
            {
                return Result.Refused(errors);
            }
        }
        State = to;
        ReturnReason = reason;
        DecidedAt = at;
        DecidedBy = who.UserId;
        UpdatedAt = at;
        Version++;
        return Result.Ok;
    }
}

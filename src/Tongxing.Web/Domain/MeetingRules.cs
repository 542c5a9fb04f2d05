using System.Globalization;

namespace Tongxing.Web.Domain;

/// <summary>What the minutes of a joint meeting say, checked: the date, the place, who met and what they decided.</summary>
public sealed record MeetingDetails(DateOnly On, string? Place, string Departments, string Attendees, string Topics, string Decisions);

/// <summary>The rules of a joint meeting's record (联席会议纪要), without a database or a clock.</summary>
public static class MeetingRules
{
    /// <summary>The departments that meet, offered as choices; others may be written in.</summary>
    public static readonly string[] UsualDepartments = ["区委组织部", "区财政局", "区残联"];

    /// <summary>
    /// Checks the minutes as typed: the date (yyyy-MM-dd, a meeting held: not after <paramref name="today"/>, nor more than five years before), who met, the
    /// topics (required), the place and decisions (optional); each problem tied to its field.
    /// </summary>
    public static (MeetingDetails? Details, Result Result) Check(string? on, string? place, string? departments, string? attendees, string? topics,
        string? decisions, DateOnly today)
    {
        var errors = new List<FieldError>();
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(on))
        {
            errors.Add(new(nameof(Meeting.On), "请填写会议日期"));
        }
        else if (!DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add(new(nameof(Meeting.On), "会议日期格式应为 年-月-日，如 2020-06-30"));
        }
        else if (date > today)
        {
            errors.Add(new(nameof(Meeting.On), "会议纪要记录已召开的会议，会议日期不能晚于今天"));
        }
        else if (date < today.AddYears(-5))
        {
            errors.Add(new(nameof(Meeting.On), "会议日期不在合理范围内，请核对"));
        }
        var p = Line(place, nameof(Meeting.Place), "会议地点", Meeting.MaxShortLength, required: false, errors);
        var d = Line(departments, nameof(Meeting.Departments), "参会部门", Meeting.MaxShortLength, required: true, errors);
        var a = Block(attendees, nameof(Meeting.Attendees), "参会人员", required: true, errors);
        var t = Block(topics, nameof(Meeting.Topics), "会议议题", required: true, errors);
        var s = Block(decisions, nameof(Meeting.Decisions), "议定事项", required: false, errors);
        return errors.Count > 0 ? (null, Result.Refused(errors)) : (new MeetingDetails(date, p, d!, a!, t!, s ?? ""), Result.Ok);
    }

    /// <summary>One line of text: trimmed, no control characters, within its length.</summary>
    public static string? Line(string? value, string field, string label, int max, bool required, List<FieldError> errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
            {
                errors.Add(new(field, $"请填写{label}"));
            }
            return null;
        }
        if (v.Length > max)
        {
            errors.Add(new(field, $"{label}不能超过{max}个字"));
        }
        else if (PlainText.HasInvisible(v))
        {
            errors.Add(new(field, $"{label}含有不可见的控制字符，请重新输入"));
        }
        else if (PersonalData.HoldsPersonalNumber(v))
        {
            errors.Add(new(field, PersonalData.NoNumbersInText));
        }
        return v;
    }

    /// <summary>Several lines of text (line breaks kept, \r\n made \n): otherwise as <see cref="Line"/>.</summary>
    public static string? Block(string? value, string field, string label, bool required, List<FieldError> errors, int max = Meeting.MaxTextLength)
    {
        var v = value?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
            {
                errors.Add(new(field, $"请填写{label}"));
            }
            return null;
        }
        if (v.Length > max)
        {
            errors.Add(new(field, $"{label}不能超过{max}个字"));
        }
        else if (PlainText.HasInvisible(v.Replace("\n", "", StringComparison.Ordinal)))
        {
            errors.Add(new(field, $"{label}含有不可见的控制字符，请重新输入"));
        }
        else if (PersonalData.HoldsPersonalNumber(v))
        {
            errors.Add(new(field, PersonalData.NoNumbersInText));
        }
        return v;
    }

    /// <summary>
    /// Whether an account may own a meeting's action: an office of the meeting's district or one of its towns (not a
    /// village, not a helper, not an administrator), still active.
    /// </summary>
    public static bool MayOwnAction(Role role, AreaLevel level, string areaCode, string districtCode, bool disabled) =>
        !disabled && role is not (Role.Helper or Role.Administrator) && level is AreaLevel.District or AreaLevel.Town
        && areaCode.Length >= 6 && districtCode.Length >= 6 && areaCode[..6] == districtCode[..6];
}

public sealed partial class Meeting
{
    /// <summary>A new meeting of the district <paramref name="district"/> (town and village codes ignored).</summary>
    public static Meeting Create(Guid id, int programmeId, AreaPath district, MeetingDetails d, Actor who, DateTimeOffset at)
    {
        var m = new Meeting
        {
            Id = id,
            ProgrammeId = programmeId,
            RegionCode = district.RegionCode,
            CityCode = district.CityCode,
            DistrictCode = district.DistrictCode,
            CreatedAt = at,
            CreatedBy = who.UserId,
            CreatedByName = who.Name,
        };
        m.Set(d, at);
        return m;
    }

    /// <summary>Corrects the minutes.</summary>
    public void Set(MeetingDetails d, DateTimeOffset at)
    {
        On = d.On;
        Place = d.Place;
        Departments = d.Departments;
        Attendees = d.Attendees;
        Topics = d.Topics;
        Decisions = d.Decisions;
        UpdatedAt = at;
        Version++;
    }
}

namespace Tongxing.Web.Domain;

/// <summary>What the village types when it records a household's receipt (签收), before it meets the payment.</summary>
public sealed record ReceiptDetails(ReceiptKind Kind, DateOnly On, string? ProxyName, string? ProxyRelation, string? ProxyReason);

/// <summary>
/// The rules of a receipt (签收) that need no database: the kind, the date (not in the future), and for a proxy's
/// signature who signed, how they are related and why the member could not sign. Evidence on the record: a photo of
/// the signed receipt is required in both cases (the proxy's signature is on the photographed receipt too).
/// Whether the payment can take a receipt (paid, not yet receipted, not before the payment date) is
/// <see cref="Payment.RecordReceipt"/>'s to say.
/// </summary>
public static class ReceiptRules
{
    public const int MaxProxyNameLength = 30;
    public const int MaxProxyRelationLength = 20;

    public static (ReceiptDetails? Details, Result Result) Check(string? kind, string? on, string? proxyName, string? proxyRelation, string? proxyReason,
        bool hasPhoto, DateOnly today)
    {
        var errors = new List<FieldError>();
        ReceiptKind? k = kind?.Trim() switch
        {
            "SignedPhoto" or "1" or "本人签收" => ReceiptKind.SignedPhoto,
            "Proxy" or "2" or "代签" => ReceiptKind.Proxy,
            _ => null,
        };
        if (k is null)
        {
            errors.Add(new FieldError("Kind", "请选择签收方式：本人签收或代签"));
        }
        var date = Date(on, "On", "签收日期", today, errors);
        string? name = null, relation = null, reason = null;
        if (k == ReceiptKind.Proxy)
        {
            name = Text(proxyName, "ProxyName", "代签人姓名", MaxProxyNameLength, errors);
            relation = Text(proxyRelation, "ProxyRelation", "代签人与户主关系", MaxProxyRelationLength, errors);
            reason = Text(proxyReason, "ProxyReason", "代签原因", Payment.MaxReasonLength, errors);
        }
        if (!hasPhoto)
        {
            errors.Add(new FieldError("Photo", k == ReceiptKind.Proxy ? "请上传有代签人签字的签收单照片" : "请上传户主签字的签收单照片"));
        }
        return errors.Count > 0 ? (null, Result.Refused(errors)) : (new ReceiptDetails(k!.Value, date!.Value, name, relation, reason), Result.Ok);
    }

    /// <summary>A required date typed as yyyy-MM-dd, a real day (not 2020-02-30), not after today.</summary>
    public static DateOnly? Date(string? value, string field, string label, DateOnly today, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"请填写{label}"));
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            errors.Add(new FieldError(field, $"{label}不是有效日期（格式：2020-05-01）"));
            return null;
        }
        if (d > today)
        {
            errors.Add(new FieldError(field, $"{label}不能晚于今天"));
            return null;
        }
        return d;
    }

    /// <summary>A required one-line text: trimmed, no invisible characters, within its length.</summary>
    public static string? Text(string? value, string field, string label, int max, List<FieldError> errors)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            errors.Add(new FieldError(field, $"请填写{label}"));
            return null;
        }
        if (PlainText.HasInvisible(v))
        {
            errors.Add(new FieldError(field, $"{label}含有不可见的控制字符，请重新输入"));
            return null;
        }
        if (v.Length > max)
        {
            errors.Add(new FieldError(field, $"{label}不能超过{max}个字"));
            return null;
        }
        return v;
    }
}

/// <summary>
/// The funds phase's deadline (7 May in the demo) as a town sees it: a calendar date, as the plan says "by 7 May", so
/// days are calendar days, not working days. Before it: days left; after it with households unpaid: days overdue.
/// </summary>
public sealed record DeadlineStanding(DateOnly? Deadline, int? DaysLeft, int? DaysOverdue, string Text)
{
    public static DeadlineStanding Of(DateOnly? deadline, DateOnly today, int unpaid)
    {
        if (deadline is not { } d)
        {
            return new(null, null, null, "未设截止日期");
        }
        var days = d.DayNumber - today.DayNumber;
        if (unpaid == 0)
        {
            return new(d, Math.Max(days, 0), null, "已全部发放");
        }
        return days switch
        {
            > 0 => new(d, days, null, $"还剩{days}天"),
            0 => new(d, 0, null, "今天截止"),
            _ => new(d, null, -days, $"已逾期{-days}天"),
        };
    }
}

/// <summary>
/// 项目落实: the town records that a paid household's funded project started — a date (not in the future, not before the
/// payment), a note, and a photo (required the first time; a correction keeps the photo unless a new one is given).
/// </summary>
public static class ProjectStartRules
{
    public static (DateOnly On, string Note)? Check(string? on, string? note, bool hasPhoto, bool firstRecord, DateOnly? paidOn, DateOnly today, out Result result)
    {
        var errors = new List<FieldError>();
        var date = ReceiptRules.Date(on, "StartedOn", "项目启动日期", today, errors);
        if (date is { } d && paidOn is { } paid && d < paid)
        {
            errors.Add(new FieldError("StartedOn", $"项目启动日期不能早于资金发放日期（{paid:yyyy-MM-dd}）"));
        }
        var text = PlainText.Clean(note) ?? "";
        if (text.Length > ProjectStart.MaxNoteLength)
        {
            errors.Add(new FieldError("Note", $"情况说明不能超过{ProjectStart.MaxNoteLength}个字"));
        }
        if (firstRecord && !hasPhoto)
        {
            errors.Add(new FieldError("Photo", "请上传项目实施现场照片"));
        }
        result = errors.Count > 0 ? Result.Refused(errors) : Result.Ok;
        return errors.Count > 0 ? null : (date!.Value, text);
    }
}

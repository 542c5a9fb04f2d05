using System.Globalization;

namespace Tongxing.Web.Domain;

/// <summary>
/// What a phone (or a desktop form) sends for a support log (帮扶日志). Numbers and dates as text, so that a wrong value
/// gets a clear message; <see cref="Id"/> is made on the phone when the log is written, so a second send is recognised.
/// </summary>
public sealed class SupportLogInput
{
    public string? Id { get; set; }
    public string? On { get; set; }
    public string? Kind { get; set; }
    public string? Content { get; set; }
    /// <summary>Money given, in yuan as typed.</summary>
    public string? Money { get; set; }
    public string? Goods { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Accuracy { get; set; }
    /// <summary>When the phone wrote it (ISO 8601).</summary>
    public string? WrittenAt { get; set; }
    /// <summary>The household's follow-up state the phone last saw (<see cref="FollowUpRules"/>); logs conflict only on an ended pairing.</summary>
    public int? SeenVersion { get; set; }
}

/// <summary>What a phone (or a desktop form) sends for a visit: a helper's own visit or an office's return visit (回访).</summary>
public sealed class VisitInput
{
    public string? Id { get; set; }
    public string? On { get; set; }
    public string? Visitors { get; set; }
    public string? Findings { get; set; }
    /// <summary>How the helper is doing: Good, Fair, Average, Poor (or 1–4); required on a return visit.</summary>
    public string? Rating { get; set; }
    public string? RatingComment { get; set; }
    public string? Suggestions { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Accuracy { get; set; }
    public string? WrittenAt { get; set; }
    /// <summary>How many return visits the household had when the phone last read it.</summary>
    public int? SeenVersion { get; set; }
    /// <summary>Send even though another return visit close to this one was recorded meanwhile (仍然发送).</summary>
    public bool ConfirmDuplicate { get; set; }
}

public sealed record SupportLogDetails(Guid Id, DateOnly On, SupportKind Kind, string Content, long? MoneyFen, string? Goods, GeoPoint? Where, DateTimeOffset? WrittenAt);

public sealed record VisitDetails(Guid Id, DateOnly On, string? Visitors, string Findings, HelperRating? Rating, string? RatingComment, string? Suggestions,
    GeoPoint? Where, DateTimeOffset? WrittenAt);

/// <summary>A return visit already on the household's record, as the duplicate check reads it.</summary>
public sealed record RecordedVisit(DateOnly On, DateTimeOffset RecordedAt, Guid Id, string By);

/// <summary>
/// The rules of a support log or a visit that need no database (ADR 0027 and its phone addendum): a record id made on
/// the phone, the date (a real day, not in the future, not before the pairing), the texts, money in fen, where it was
/// written (only a valid point), and the two conflicts a record sent late can meet.
/// </summary>
public static class FollowUpRules
{
    public const int MaxAccuracyMetres = 100_000;

    public static (SupportLogDetails? Details, Result Result) CheckLog(SupportLogInput input, DateOnly today, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var id = RecordId(input.Id, errors);
        var on = ReceiptRules.Date(input.On, "On", "帮扶日期", today, errors);
        SupportKind? kind = Enum.TryParse<SupportKind>(input.Kind?.Trim(), true, out var k) && Enum.IsDefined(k) ? k
            : Enum.GetValues<SupportKind>().Where(x => PairingLabels.Of(x) == input.Kind?.Trim()).Select(x => (SupportKind?)x).FirstOrDefault();
        if (kind is null)
        {
            // Nothing chosen (a form) is asked for; a value that is no kind (an API client's) is named with the ones there are.
            errors.Add(new FieldError("Kind", string.IsNullOrWhiteSpace(input.Kind)
                ? "请选择帮扶方式：项目、技术、信息、资金、慰问或其他"
                : $"帮扶方式“{TextCut.Shorten(input.Kind.Trim(), 20)}”不存在，可选：{string.Join("、", Enum.GetValues<SupportKind>().Select(x => $"{x}（{PairingLabels.Of(x)}）"))}"));
        }
        var content = ReceiptRules.Text(input.Content, "Content", "帮扶内容", SupportLog.MaxContentLength, errors);
        long? fen = null;
        if (!string.IsNullOrWhiteSpace(input.Money))
        {
            var money = Money.ParseYuan(input.Money);
            if (money.Ok)
            {
                fen = money.Value.Fen;
            }
            else
            {
                errors.Add(new FieldError("Money", money.Error!));
            }
        }
        var goods = Optional(input.Goods, "Goods", "物资", SupportLog.MaxGoodsLength, errors);
        if (kind == SupportKind.Funds && fen is not > 0 && goods is null)
        {
            errors.Add(new FieldError("Money", "资金帮扶请填写金额或物资"));
        }
        var where = Where(input.Latitude, input.Longitude, input.Accuracy, errors);
        var written = WrittenAt(input.WrittenAt, now, errors);
        return errors.Count > 0
            ? (null, Result.Refused(errors))
            : (new SupportLogDetails(id!.Value, on!.Value, kind!.Value, content!, fen, goods, where, written), Result.Ok);
    }

    /// <summary>A visit: findings always; a return visit (by an office) also names its visitors and rates the helper.</summary>
    public static (VisitDetails? Details, Result Result) CheckVisit(VisitInput input, VisitKind kind, DateOnly today, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var id = RecordId(input.Id, errors);
        var on = ReceiptRules.Date(input.On, "On", kind == VisitKind.ReturnVisit ? "回访日期" : "走访日期", today, errors);
        var visitors = kind == VisitKind.ReturnVisit
            ? ReceiptRules.Text(input.Visitors, "Visitors", "回访人员", Visit.MaxVisitorLength, errors)
            : Optional(input.Visitors, "Visitors", "走访人员", Visit.MaxVisitorLength, errors);
        var findings = ReceiptRules.Text(input.Findings, "Findings", kind == VisitKind.ReturnVisit ? "回访情况" : "走访情况", Visit.MaxTextLength, errors);
        HelperRating? rating = null;
        if (kind == VisitKind.ReturnVisit)
        {
            rating = Rating(input.Rating);
            if (rating is null)
            {
                errors.Add(new FieldError("Rating", "请评价帮扶人的帮扶情况：好、较好、一般或差"));
            }
        }
        var comment = kind == VisitKind.ReturnVisit ? Optional(input.RatingComment, "RatingComment", "评价说明", Visit.MaxTextLength, errors) : null;
        var suggestions = Optional(input.Suggestions, "Suggestions", "意见建议", Visit.MaxTextLength, errors);
        var where = Where(input.Latitude, input.Longitude, input.Accuracy, errors);
        var written = WrittenAt(input.WrittenAt, now, errors);
        return errors.Count > 0
            ? (null, Result.Refused(errors))
            : (new VisitDetails(id!.Value, on!.Value, visitors, findings!, rating, comment, suggestions, where, written), Result.Ok);
    }

    /// <summary>A record is not dated before the pairing it follows (the helper's own, or for an office the household's first).</summary>
    public static Result NotBefore(DateOnly on, DateOnly pairedOn) =>
        on < pairedOn ? Result.Refused($"日期不能早于结对日期{pairedOn:yyyy-MM-dd}", "On") : Result.Ok;

    /// <summary>Whether a resend carries what the stored log holds (the same id must mean the same log).</summary>
    public static bool Same(SupportLog stored, Guid householdId, SupportLogDetails d) =>
        stored.HouseholdId == householdId && stored.On == d.On && stored.Kind == d.Kind && stored.Content == d.Content && stored.MoneyFen == d.MoneyFen && stored.Goods == d.Goods;

    public static bool Same(Visit stored, Guid householdId, VisitDetails d) =>
        stored.HouseholdId == householdId && stored.On == d.On && stored.Findings == d.Findings && stored.Rating == d.Rating && stored.Suggestions == d.Suggestions;

    /// <summary>
    /// Conflict (b): the return visits recorded after the <paramref name="seenVersion"/> the phone saw (in the order the
    /// server stored them) include one within <paramref name="windowDays"/> of this visit's date: a possible duplicate,
    /// refused unless the sender confirms. Without a seen version nothing is compared.
    /// </summary>
    public static RecordedVisit? PossibleDuplicate(IEnumerable<RecordedVisit> returnVisits, int? seenVersion, DateOnly on, int windowDays) =>
        seenVersion is not { } seen ? null
            : returnVisits.OrderBy(v => v.RecordedAt).ThenBy(v => v.Id).Skip(Math.Max(0, seen))
                .FirstOrDefault(v => Math.Abs(v.On.DayNumber - on.DayNumber) <= windowDays);

    public static string DuplicateMessage(RecordedVisit v) =>
        $"该户已于{v.On.Month}月{v.On.Day}日由{v.By}回访，本次回访可能重复。如确属另一次回访，请选择“仍然发送”";

    private static Guid? RecordId(string? value, List<FieldError> errors)
    {
        if (Guid.TryParse(value?.Trim(), out var g) && g != Guid.Empty)
        {
            return g;
        }
        errors.Add(new FieldError("Id", "记录编号无效，请刷新页面后重新填写"));
        return null;
    }

    private static HelperRating? Rating(string? value)
    {
        var v = value?.Trim();
        if (Enum.TryParse<HelperRating>(v, true, out var r) && Enum.IsDefined(r))
        {
            return r;
        }
        return Enum.GetValues<HelperRating>().Where(x => PairingLabels.Of(x) == v).Select(x => (HelperRating?)x).FirstOrDefault();
    }

    private static string? Optional(string? value, string field, string label, int max, List<FieldError> errors) =>
        string.IsNullOrWhiteSpace(value) ? null : ReceiptRules.Text(value, field, label, max, errors);

    /// <summary>Where it was written: both coordinates or neither, a real point (<see cref="GeoPoint.IsValid"/>), an accuracy in metres.</summary>
    private static GeoPoint? Where(string? lat, string? lon, string? accuracy, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(lat) && string.IsNullOrWhiteSpace(lon))
        {
            return null;
        }
        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
            || !double.IsFinite(la) || !double.IsFinite(lo) || !GeoPoint.IsValid(la, lo))
        {
            errors.Add(new FieldError("Latitude", "位置无效，请取消“记录位置”后再保存"));
            return null;
        }
        double? acc = null;
        if (!string.IsNullOrWhiteSpace(accuracy))
        {
            if (!double.TryParse(accuracy, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) || !double.IsFinite(a) || a < 0 || a > MaxAccuracyMetres)
            {
                errors.Add(new FieldError("Accuracy", "位置精度无效"));
                return null;
            }
            acc = Math.Round(a, 1);
        }
        return new GeoPoint(Math.Round(la, 6), Math.Round(lo, 6), acc);
    }

    /// <summary>
    /// The phone's time of writing: optional and informative. A phone whose clock is wrong (later than the server's
    /// now, beyond a few minutes' drift, or before 2000) loses no record for it: the time is not kept.
    /// </summary>
    public static DateTimeOffset? WrittenAt(string? value, DateTimeOffset now, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (value.Length > 40 || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t))
        {
            errors.Add(new FieldError("WrittenAt", "填写时间无效，请检查手机的日期和时间"));
            return null;
        }
        return t > now.AddMinutes(10) || t.Year < 2000 ? null : t.ToUniversalTime();
    }
}

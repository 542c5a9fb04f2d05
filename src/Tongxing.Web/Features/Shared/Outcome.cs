using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Shared;

public enum OutcomeStatus
{
    Ok,
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    /// <summary>The server is at its limit for this kind of work; the same request may succeed a little later.</summary>
    Busy,
}

/// <summary>What a use case returns to both its doors (page and API): a value, or why not.</summary>
public sealed record Outcome<T>(OutcomeStatus Status, T? Value, IReadOnlyList<FieldError> Errors)
{
    public bool Ok => Status == OutcomeStatus.Ok;
    public static Outcome<T> Success(T value) => new(OutcomeStatus.Ok, value, []);
    public static Outcome<T> Invalid(IReadOnlyList<FieldError> errors) => new(OutcomeStatus.Invalid, default, errors);
    public static Outcome<T> Forbidden(string message) => new(OutcomeStatus.Forbidden, default, [new FieldError("", message)]);
    public static Outcome<T> Conflict(string message) => new(OutcomeStatus.Conflict, default, [new FieldError("", message)]);
    public static Outcome<T> Refused(Result result) =>
        new(result.IsConflict ? OutcomeStatus.Conflict : result.IsNotAllowed ? OutcomeStatus.Forbidden : OutcomeStatus.Invalid, default, result.Errors);
    public static Outcome<T> Busy(string message) => new(OutcomeStatus.Busy, default, [new FieldError("", message)]);
    public static Outcome<T> NotFound() => new(OutcomeStatus.NotFound, default, [new FieldError("", "未找到该记录，或您无权查看")]);
}

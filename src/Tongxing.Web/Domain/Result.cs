namespace Tongxing.Web.Domain;

/// <summary>One problem with an input, tied to the field that caused it (the field is an English key, the message Chinese).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The outcome of a rule or use case: success, or the reasons it was refused, each readable by the user.</summary>
public sealed class Result
{
    private Result(IReadOnlyList<FieldError> errors) => Errors = errors;

    public IReadOnlyList<FieldError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Refused because of the record's current state, which another user may just have changed (not the input's fault).</summary>
    public bool IsConflict { get; private init; }

    public static Result Ok { get; } = new([]);
    public static Result Refused(string message, string field = "") => new([new FieldError(field, message)]);
    public static Result Refused(IReadOnlyList<FieldError> errors) => new(errors);
    public static Result Conflict(string message) => new([new FieldError("", message)]) { IsConflict = true };

    /// <summary>Refused because of who asks (office, level, area), not because of what they sent.</summary>
    public bool IsNotAllowed { get; private init; }

    public static Result NotAllowed(string message, string field = "") => new([new FieldError(field, message)]) { IsNotAllowed = true };
}

/// <summary>A value that was parsed, or the Chinese message that says why it could not be.</summary>
public readonly record struct Parsed<T>(T? Value, string? Error)
{
    public bool Ok => Error is null;
    public static Parsed<T> Success(T value) => new(value, null);
    public static Parsed<T> Fail(string error) => new(default, error);
}

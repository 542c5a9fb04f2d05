using Microsoft.AspNetCore.Http.HttpResults;

namespace Tongxing.Web.Features.Shared;

/// <summary>Turns a use case's outcome into the HTTP answer of the JSON API (Problem Details, Chinese titles).</summary>
public static class ApiResults
{
    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Status switch
    {
        OutcomeStatus.Ok => ok(outcome.Value!),
        OutcomeStatus.Invalid => TypedResults.ValidationProblem(
            outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "提交的数据有误"),
        OutcomeStatus.Forbidden => TypedResults.Problem(First(outcome.Errors), statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        OutcomeStatus.NotFound => TypedResults.Problem("未找到该记录，或您无权查看", statusCode: StatusCodes.Status404NotFound, title: "未找到"),
        OutcomeStatus.Conflict => TypedResults.Problem(First(outcome.Errors), statusCode: StatusCodes.Status409Conflict, title: "与当前数据冲突"),
        OutcomeStatus.Busy => new RetryLater(TypedResults.Problem(First(outcome.Errors), statusCode: StatusCodes.Status503ServiceUnavailable, title: "服务器繁忙")),
        _ => TypedResults.StatusCode(500),
    };

    /// <summary>A "busy" answer that tells the client when to try again.</summary>
    private sealed class RetryLater(IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "10";
            return problem.ExecuteAsync(httpContext);
        }
    }

    private static string? First(IReadOnlyList<Domain.FieldError> errors) => errors.Count > 0 ? errors[0].Message : null;

    public static Ok<T> Ok<T>(T value) => TypedResults.Ok(value);
}

using System.Data.Common;

namespace Tongxing.Web.Data;

/// <summary>An uploaded file that could not be written (the uploads disk full or unwritable): nothing was recorded for it.</summary>
public sealed class UploadNotStoredException(IOException inner)
    : IOException("上传的文件未能保存（服务器存储空间不足或不可写），本次操作未保存，请稍后重试；如多次出现，请联系系统管理员。", inner);

/// <summary>
/// The connection was lost inside a transaction: what the transaction wrote was rolled back by the database, and the
/// request can be sent again.
/// </summary>
public sealed class DatabaseConnectionLostException(Exception inner) : DbException("数据库连接在事务中断开，本次操作未保存", inner)
{
    public override bool IsTransient => true;
}

/// <summary>
/// Failures a client can retry — the database restarting or unreachable, the uploads disk full — answered as 503 with
/// Retry-After and a Chinese message saying so (Problem Details for the API), instead of a bare 500. Any other error
/// still goes to the error page.
/// </summary>
public static class TransientFailureAnswers
{
    public const string DatabaseMessage = "数据库暂时无法访问，请求未能完成，请稍后重试（已保存的内容不受影响）。";

    public static IApplicationBuilder UseTransientFailureAnswers(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (Retryable(e) is { } message && !ctx.Response.HasStarted && !ctx.RequestAborted.IsCancellationRequested)
        {
            ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TransientFailureAnswers))
                .LogWarning(e, "answered 503, retryable: {Path}", ctx.Request.Path.Value);
            ctx.Response.Clear();
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = "10";
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(title: message, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(ctx);
            }
            else
            {
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync(message);
            }
        }
    });

    /// <summary>
    /// The message for a failure worth retrying, or null for any other. A handler that answers a failed save as a conflict
    /// ("changed by someone else") filters its catch with this, so that a database that is away is answered as away.
    /// </summary>
    public static string? Retryable(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case UploadNotStoredException u:
                    return u.Message;
                case DbException { IsTransient: true }:
                case TimeoutException:
                    return DatabaseMessage;
                // Shut down or restarting, no connection, the connection lost; a database that accepts no writes (a
                // standby after a failover, or set read-only); too many connections.
                case DbException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08001" or "08003" or "08006" or "25006" or "53300" }:
                case DatabaseConnectionLostException:
                    return DatabaseMessage;
            }
        }
        return null;
    }
}

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
                ctx.Response.ContentType = "text/html; charset=utf-8";
                ctx.Response.Headers.CacheControl = "no-store";
                await ctx.Response.WriteAsync(Page(message, HttpMethods.IsGet(ctx.Request.Method) ? ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString : null));
            }
        }
    });

    /// <summary>
    /// The page a browser gets: whole in itself (no layout, style sheet or statement that may need the database that has
    /// just failed), readable on a phone, with the way back — the same address again for a page that was being read;
    /// for a form, going back to it, since what it sent was not saved.
    /// </summary>
    public static string Page(string message, string? retry)
    {
        var encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var again = retry is null
            ? "<p>刚才提交的内容<strong>没有保存</strong>。请用浏览器的“返回”回到原页面，稍候再提交一次。</p>"
            : $"<p><a class=\"btn\" href=\"{encoder.Encode(retry)}\">重新打开本页</a></p>";
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>暂时无法办理 - 同行·党员扶残温暖同行</title><style>body{font-family:sans-serif;margin:0;padding:1.5rem;color:#212529;line-height:1.6}"
            + "h1{font-size:1.25rem}.box{max-width:36rem;margin:auto;border:1px solid #f0ad4e;border-radius:.5rem;padding:1rem 1.25rem;background:#fff8e5}"
            + ".btn{display:inline-block;padding:.5rem 1rem;border-radius:.375rem;background:#0d6efd;color:#fff;text-decoration:none}</style></head>"
            + $"<body><div class=\"box\" role=\"alert\"><h1>暂时无法办理</h1><p>{encoder.Encode(message)}</p>{again}"
            + "<p><a href=\"/\">返回首页</a></p></div></body></html>";
    }

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

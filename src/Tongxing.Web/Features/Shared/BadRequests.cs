using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Tongxing.Web.Domain;

namespace Tongxing.Web.Features.Shared;

/// <summary>
/// A request the API cannot even read — malformed JSON, a value of the wrong type, an unknown enum name, a query number
/// that overflows — is answered 400 with Problem Details naming the field and what it takes (for an enum, its values
/// with their Chinese names), instead of the framework's empty 400. The endpoints throw on such requests
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>) and this middleware turns the exception into the answer.
/// </summary>
public static class BadRequests
{
    public static void AddApiBadRequests(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static void UseApiBadRequests(this IApplicationBuilder app) =>
        // Every minimal-API endpoint: the JSON API and the benchmark's baseline page (pages bind their own forms).
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/bench"), b => b.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx);
            }
            catch (BadHttpRequestException e) when (!ctx.Response.HasStarted)
            {
                var errors = Describe(ctx, e);
                var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
                ctx.Response.Clear();
                await Results.ValidationProblem(errors, statusCode: status, title: status == StatusCodes.Status400BadRequest ? "提交的数据有误" : "请求无法处理")
                    .ExecuteAsync(ctx);
            }
            catch (InvalidDataException) when (!ctx.Response.HasStarted)
            {
                // A multipart body the form reader cannot parse (a broken part header, a bad boundary): the client's fault.
                ctx.Response.Clear();
                await Results.Problem(title: "提交的数据有误", detail: "上传的内容格式不正确，请重新选择文件后再提交", statusCode: StatusCodes.Status400BadRequest)
                    .ExecuteAsync(ctx);
            }
        }));

    /// <summary>Problem Details the framework writes with an English title (a bare 401, 404, 405…) get a Chinese one.</summary>
    public static void InChinese(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        if (p.Title is { } title && !title.All(char.IsAscii))
        {
            return;
        }
        (p.Title, p.Detail) = p.Status switch
        {
            StatusCodes.Status401Unauthorized => ("未登录", p.Detail ?? "请先登录，或在 Authorization 头中使用有效的 API 令牌（Bearer tx_…）"),
            StatusCodes.Status403Forbidden => ("无权操作", p.Detail ?? "您的岗位无权进行此操作"),
            StatusCodes.Status404NotFound => ("未找到", p.Detail ?? "没有这个接口地址，或该记录不存在"),
            StatusCodes.Status405MethodNotAllowed => ("请求方法不受支持", p.Detail ?? $"该接口不接受 {context.HttpContext.Request.Method} 请求"),
            StatusCodes.Status413PayloadTooLarge => ("文件过大", p.Detail),
            StatusCodes.Status415UnsupportedMediaType => ("请求格式不受支持", p.Detail ?? "请以 JSON（Content-Type: application/json）提交"),
            StatusCodes.Status429TooManyRequests => ("请求过于频繁", p.Detail ?? "请稍后再试"),
            >= 500 => ("服务器内部错误", p.Detail ?? "处理请求时出错，请稍后再试；如一再出现，请联系管理员"),
            _ => ("请求无法处理", p.Detail),
        };
    }

    /// <summary>Which fields are wrong and why, from the exception and the endpoint's declared parameter types.</summary>
    internal static Dictionary<string, string[]> Describe(HttpContext ctx, BadHttpRequestException e)
    {
        var endpoint = ctx.GetEndpoint();
        if (e.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var target = TypeAt(endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Path);
            var message = target is not null && Nullable.GetUnderlyingType(target) is var u && (u ?? target).IsEnum
                ? $"“{field}”的值无效，可选值：{Choices(u ?? target)}"
                : field.Length == 0 || json.Path is null or "$"
                    ? $"请求正文不是有效的 JSON（第{json.LineNumber + 1}行第{json.BytePositionInLine + 1}个字节附近）"
                    : $"“{field}”的值无效：{Expected(target)}";
            return new() { [field.Length == 0 ? "body" : field] = [message] };
        }
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, type) in QueryParameters(endpoint))
        {
            if (ctx.Request.Query.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value && !Parses(value, type))
            {
                errors[name] = [type.IsEnum ? $"“{name}”的值无效，可选值：{Choices(type)}" : $"“{name}”的值“{Clip(value)}”无效：{Expected(type)}"];
            }
        }
        if (errors.Count == 0)
        {
            var bodyMissing = ctx.Request.ContentLength is 0 or null && endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
            errors[bodyMissing ? "body" : ""] = [bodyMissing ? "请求正文不能为空，请以 JSON 提交" : "请求格式有误，无法处理"];
        }
        return errors;
    }

    private static string Clip(string value) => TextCut.Shorten(value, 31);

    /// <summary>"$.members[0].gender" → "members[0].gender": the field as the client wrote it.</summary>
    private static string FieldOf(string? path) => path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The declared type at a JSON path of the body type: properties by name (case-insensitive), list items by index.</summary>
    private static Type? TypeAt(Type? type, string? path)
    {
        if (type is null || path is null)
        {
            return null;
        }
        foreach (var raw in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = raw.Split('[')[0].Trim('\'', '[', ']');
            if (type is null)
            {
                return null;
            }
            if (name.Length > 0)
            {
                type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
                if (type is null)
                {
                    return null;
                }
            }
            for (var brackets = raw.Count(c => c == '['); brackets > 0 && type is not null; brackets--)
            {
                type = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            }
        }
        return type;
    }

    /// <summary>The query parameters an endpoint declares, with their types ([AsParameters] classes opened up).</summary>
    private static IEnumerable<(string Name, Type Type)> QueryParameters(Endpoint? endpoint)
    {
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (method is null)
        {
            yield break;
        }
        foreach (var p in method.GetParameters())
        {
            if (p.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var prop in p.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(x => x.CanWrite))
                {
                    yield return (JsonNamingPolicy.CamelCase.ConvertName(prop.Name), Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType);
                }
            }
            else if (p.Name is { } name && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t.IsPrimitive || t.IsEnum || t == typeof(DateOnly) || t == typeof(Guid) || t == typeof(decimal)))
            {
                yield return (name, t);
            }
        }
    }

    private static bool Parses(string value, Type type) => type switch
    {
        _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(long) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(bool) => bool.TryParse(value, out _),
        _ when type == typeof(Guid) => Guid.TryParse(value, out _),
        _ when type == typeof(DateOnly) => DateOnly.TryParse(value, CultureInfo.InvariantCulture, out _),
        _ when type == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _),
        _ when type.IsEnum => Enum.TryParse(type, value, true, out _),
        _ => true,
    };

    private static string Expected(Type? type) => (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => $"应为整数（{int.MinValue}～{int.MaxValue}）",
        var t when t == typeof(long) => "应为整数",
        var t when t == typeof(bool) => "应为 true 或 false",
        var t when t == typeof(Guid) => "应为记录编号（GUID）",
        var t when t == typeof(DateOnly) => "应为日期，格式 yyyy-MM-dd",
        var t when t == typeof(decimal) => "应为数字",
        var t when t == typeof(string) => "应为文字",
        var t when t is not null && t != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(t) => "应为列表（JSON 数组）",
        _ => "类型不符",
    };

    /// <summary>An enum's values as the API takes them, each with its Chinese name where the programme has one: "Crops（种植）".</summary>
    public static string Choices(Type enumType)
    {
        var label = typeof(Labels).GetMethod(nameof(Labels.Of), [enumType]);
        return string.Join("、", Enum.GetValues(enumType).Cast<object>().Select(v =>
            label?.Invoke(null, [v]) is string l && l != v.ToString() ? $"{v}（{l}）" : v.ToString()));
    }
}

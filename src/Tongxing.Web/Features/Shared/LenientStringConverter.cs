using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tongxing.Web.Features.Shared;

/// <summary>Lets API clients send a number where the API takes text as typed (e.g. an income of 4800 or "4800.00").</summary>
public sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => reader.GetString(),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

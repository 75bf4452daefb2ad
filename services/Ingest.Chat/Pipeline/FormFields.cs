using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Correlation.Ingest.Chat.Pipeline;

/// <summary>
/// The flat name/value payloads that slash commands and outgoing webhooks send, as
/// application/x-www-form-urlencoded or as one JSON object; a name given twice keeps its first value.
/// </summary>
internal static class FormFields
{
    public static Dictionary<string, string> FromForm(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
        {
            if (values.Count > 0 && values[0] is { } value)
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    /// <summary>Strings keep their text, numbers and booleans their JSON; nested values are left out (no sender nests what we read).</summary>
    public static Dictionary<string, string> FromJson(JsonElement obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    fields.TryAdd(property.Name, property.Value.GetString()!);
                    break;
                case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    fields.TryAdd(property.Name, property.Value.GetRawText());
                    break;
            }
        }

        return fields;
    }

    /// <summary>A trimmed, non-empty value, or null.</summary>
    public static string? Get(this IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using System.Text.Json;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest;

/// <summary>
/// Reading fields of a JSON request the way every ingest format does: each problem is added to a list
/// with the JSON path where it was found, so that one answer names every bad field.
/// </summary>
public static class JsonFields
{
    public const int MaxTextLength = 4096;
    public const int MaxKeyLength = 256;

    /// <summary>Parses a request body; on failure <paramref name="error"/> says where and why.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out JsonDocument document, out FieldError error)
    {
        document = null!;
        error = null!;
        if (json.IsEmpty)
        {
            error = new FieldError("$", "the request body is empty");
            return false;
        }

        if (NotUtf8(json) is { } notUtf8)
        {
            error = notUtf8;
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
            return true;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            error = new FieldError(ex.Path ?? "$", $"not valid JSON{where}: {FirstSentence(ex.Message)}");
            return false;
        }
    }

    /// <summary>
    /// Null when <paramref name="body"/> is valid UTF-8, else the problem, with the byte where it goes wrong.
    /// JSON must be UTF-8 (RFC 8259), and System.Text.Json checks the bytes inside strings only when a string is read,
    /// by throwing; checking the whole body first turns such a request into a named refusal instead of a server error.
    /// </summary>
    public static FieldError? NotUtf8(ReadOnlySpan<byte> body)
    {
        if (Utf8.IsValid(body))
        {
            return null;
        }

        Span<char> scratch = stackalloc char[512];
        var offset = 0;
        while (offset < body.Length)
        {
            var status = Utf8.ToUtf16(body[offset..], scratch, out var read, out _, replaceInvalidSequences: false);
            if (status == OperationStatus.InvalidData)
            {
                offset += read;
                break;
            }

            offset += read;
        }

        return new FieldError("$", $"not valid UTF-8 at byte {offset + 1}: JSON must be UTF-8");
    }

    /// <summary>Parses a body that must be one JSON object; <paramref name="what"/> names it in the error.</summary>
    public static bool TryParseObject(ReadOnlySpan<byte> json, string what, out JsonDocument document, out FieldError error)
    {
        if (!TryParse(json, out document, out error))
        {
            return false;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        error = new FieldError("$", $"expected {what}, not {Describe(document.RootElement.ValueKind)}");
        document.Dispose();
        return false;
    }

    public static string? Required(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError($"{path}.{name}", "is required"));
            return null;
        }

        var text = Text(value, $"{path}.{name}", errors);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError($"{path}.{name}", "must not be empty"));
            return null;
        }

        return text?.Trim();
    }

    /// <returns>The trimmed string, or null when it is absent, null or blank.</returns>
    public static string? Optional(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = Text(value, $"{path}.{name}", errors)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A string value at <paramref name="path"/>, within the length limit.</summary>
    public static string? Text(JsonElement value, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, $"must be a string, not {Describe(value.ValueKind)}"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > MaxTextLength)
        {
            errors.Add(new FieldError(path, $"is {text.Length} characters long; at most {MaxTextLength} are accepted"));
            return null;
        }

        return text;
    }

    /// <summary>
    /// An optional RFC 3339 time. Go's zero time (0001-01-01T00:00:00Z), which Alertmanager and Grafana send
    /// for "not set", reads as absent.
    /// </summary>
    public static DateTimeOffset? Time(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Optional(obj, name, path, errors);
        if (text is null)
        {
            return null;
        }

        if (TryParseTime(text, out var time))
        {
            return time.Year <= 1 ? null : time;
        }

        errors.Add(new FieldError($"{path}.{name}", $"'{text}' is not an RFC 3339 time such as 2026-11-23T10:15:00Z"));
        return null;
    }

    /// <summary>
    /// RFC 3339 and ISO 8601 as monitoring tools write them: up to nine fractional digits (Go), and offsets
    /// with or without a colon (PagerDuty's examples use +0000).
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = TrimFraction(text);
        if (normal.Length > 5 && (normal[^5] == '+' || normal[^5] == '-') && normal[^4..].All(char.IsAsciiDigit) && normal.Contains('T', StringComparison.Ordinal))
        {
            normal = string.Concat(normal.AsSpan(0, normal.Length - 2), ":", normal.AsSpan(normal.Length - 2));
        }

        if (DateTimeOffset.TryParse(normal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            time = time.ToUniversalTime();
            return true;
        }

        return false;
    }

    /// <summary>A JSON object of names to values: strings keep their text, anything else its JSON.</summary>
    public static Dictionary<string, string> Map(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError($"{path}.{name}", $"must be a JSON object of names to values, not {Describe(value.ValueKind)}"));
            return map;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.Length > MaxKeyLength)
            {
                errors.Add(new FieldError($"{path}.{name}", $"a key is {property.Name.Length} characters long; at most {MaxKeyLength} are accepted"));
                continue;
            }

            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            if (text.Length > MaxTextLength)
            {
                errors.Add(new FieldError($"{path}.{name}.{property.Name}", $"is {text.Length} characters long; at most {MaxTextLength} are accepted"));
                continue;
            }

            map[property.Name] = text;
        }

        return map;
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // .NET reads at most seven fractional digits; Go writes nine.
    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }

    /// <summary>The first sentence of a System.Text.Json error, without its path and position suffixes.</summary>
    public static string FirstSentence(string message)
    {
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd('.', ' ') + ".";
    }
}

using System.Text.Json;
using Correlation.Contracts;

namespace Correlation.Ingest.Generic;

/// <summary>
/// Reads the generic JSON alarm (one object, or an array of them for a batch) and normalises it onto
/// <see cref="Alarm"/>. Every problem is reported with the JSON path it was found at; nothing partial
/// is returned.
/// </summary>
public sealed class GenericAlarmParser(TimeProvider timeProvider)
{
    public const string SourceName = "generic";
    private const int MaxTextLength = 4096;
    private const int MaxKeyLength = 256;

    public ParseResult ParseOne(ReadOnlySpan<byte> json)
    {
        if (!TryReadDocument(json, out var document, out var failure))
        {
            return failure;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ParseResult.Failed(new FieldError("$", "expected a JSON object (one alarm); send arrays to /api/v1/alarms/batch"));
            }

            var errors = new List<FieldError>();
            var alarm = ReadAlarm(document.RootElement, "$", errors);
            return errors.Count == 0 ? ParseResult.Ok([alarm!]) : ParseResult.Failed([.. errors]);
        }
    }

    public ParseResult ParseBatch(ReadOnlySpan<byte> json, int maxAlarms)
    {
        if (!TryReadDocument(json, out var document, out var failure))
        {
            return failure;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("alarms", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                return ParseResult.Failed(new FieldError("$", "expected a JSON array of alarms, or an object with an \"alarms\" array"));
            }

            var count = root.GetArrayLength();
            if (count == 0)
            {
                return ParseResult.Failed(new FieldError("$", "the batch is empty"));
            }

            if (count > maxAlarms)
            {
                return ParseResult.Failed(new FieldError("$", $"the batch holds {count} alarms; at most {maxAlarms} are accepted in one request"));
            }

            var errors = new List<FieldError>();
            var alarms = new List<Alarm>(count);
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                var path = $"$[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError(path, "expected a JSON object"));
                    continue;
                }

                var alarm = ReadAlarm(element, path, errors);
                if (alarm is not null)
                {
                    alarms.Add(alarm);
                }
            }

            return errors.Count == 0 ? ParseResult.Ok(alarms) : ParseResult.Failed([.. errors]);
        }
    }

    private static bool TryReadDocument(ReadOnlySpan<byte> json, out JsonDocument document, out ParseResult failure)
    {
        failure = null!;
        document = null!;
        if (json.IsEmpty)
        {
            failure = ParseResult.Failed(new FieldError("$", "the request body is empty"));
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
            failure = ParseResult.Failed(new FieldError(ex.Path ?? "$", $"not valid JSON{where}: {FirstSentence(ex.Message)}"));
            return false;
        }
    }

    /// <summary>
    /// Reads one alarm object found at <paramref name="path"/> (a JSON path such as "$" or "$[3]"), adding
    /// every problem to <paramref name="errors"/>; null when there was any.
    /// </summary>
    public Alarm? ReadAlarm(JsonElement obj, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var resource = RequiredString(obj, "resource", path, errors);
        var alarmType = RequiredString(obj, "alarmType", path, errors);
        var summary = RequiredString(obj, "summary", path, errors);
        var site = OptionalString(obj, "site", path, errors);
        var service = OptionalString(obj, "service", path, errors);
        var sourceName = OptionalString(obj, "source", path, errors) ?? SourceName;
        var fingerprint = OptionalString(obj, "fingerprint", path, errors);
        var idempotencyKey = OptionalString(obj, "idempotencyKey", path, errors);
        var (severity, status) = ReadSeverity(obj, path, errors);
        var observedAt = ReadTime(obj, "observedAt", path, errors);
        var labels = ReadMap(obj, "labels", path, errors);
        var details = ReadMap(obj, "details", path, errors);

        if (errors.Count > before)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        fingerprint ??= AlarmFingerprint.Compute(resource!, alarmType!, labels.GetValueOrDefault("instance"));
        // Without a sender key an exact retry is still recognised when the sender stamps its own time.
        idempotencyKey ??= observedAt is { } seen
            ? $"{fingerprint}:{status}:{seen.ToUnixTimeMilliseconds()}"
            : id.ToString("N");

        return new Alarm(
            id, idempotencyKey, fingerprint, SourceKind.Generic, sourceName, resource!, site, service, alarmType!,
            severity, status, summary!, labels, details, observedAt ?? now, now);
    }

    private static (AlarmSeverity, AlarmStatus) ReadSeverity(JsonElement obj, string path, List<FieldError> errors)
    {
        var text = RequiredString(obj, "severity", path, errors);
        var statusText = OptionalString(obj, "status", path, errors);
        var status = AlarmStatus.Raised;
        if (statusText is not null)
        {
            switch (statusText.ToUpperInvariant())
            {
                case "RAISED" or "FIRING" or "PROBLEM":
                    break;
                case "CLEARED" or "RESOLVED" or "OK":
                    status = AlarmStatus.Cleared;
                    break;
                default:
                    errors.Add(new FieldError($"{path}.status", $"'{statusText}' is not a status; use raised or cleared"));
                    break;
            }
        }

        if (text is null)
        {
            return (AlarmSeverity.Info, status);
        }

        switch (text.ToUpperInvariant())
        {
            case "CRITICAL": return (AlarmSeverity.Critical, status);
            case "MAJOR": return (AlarmSeverity.Major, status);
            case "MINOR": return (AlarmSeverity.Minor, status);
            case "WARNING": return (AlarmSeverity.Warning, status);
            case "INFO": return (AlarmSeverity.Info, status);
            case "CLEAR" or "CLEARED": return (AlarmSeverity.Info, AlarmStatus.Cleared);
            default:
                errors.Add(new FieldError($"{path}.severity",
                    $"'{text}' is not a severity; use critical, major, minor, warning, info or clear"));
                return (AlarmSeverity.Info, status);
        }
    }

    private static string? RequiredString(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError($"{path}.{name}", "is required"));
            return null;
        }

        var text = StringValue(value, $"{path}.{name}", MaxTextLength, errors);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError($"{path}.{name}", "must not be empty"));
            return null;
        }

        return text?.Trim();
    }

    private static string? OptionalString(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = StringValue(value, $"{path}.{name}", MaxTextLength, errors)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static string? StringValue(JsonElement value, string path, int maxLength, List<FieldError> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, $"must be a string, not {Describe(value.ValueKind)}"));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            errors.Add(new FieldError(path, $"is {text.Length} characters long; at most {maxLength} are accepted"));
            return null;
        }

        return text;
    }

    private static DateTimeOffset? ReadTime(JsonElement obj, string name, string path, List<FieldError> errors)
    {
        var text = OptionalString(obj, name, path, errors);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors.Add(new FieldError($"{path}.{name}", $"'{text}' is not an RFC 3339 time such as 2026-11-23T10:15:00Z"));
        return null;
    }

    private static Dictionary<string, string> ReadMap(JsonElement obj, string name, string path, List<FieldError> errors)
    {
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

            // Strings keep their text; numbers, booleans and nested values keep their JSON.
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

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
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

/// <summary>One problem with the request, and where in it.</summary>
public sealed record FieldError(string Field, string Message);

public sealed record ParseResult(IReadOnlyList<Alarm> Alarms, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static ParseResult Ok(IReadOnlyList<Alarm> alarms) => new(alarms, []);

    public static ParseResult Failed(params FieldError[] errors) => new([], errors);
}

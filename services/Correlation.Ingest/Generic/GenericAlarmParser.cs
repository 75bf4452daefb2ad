using System.Text.Json;
using Correlation.Contracts;

namespace Correlation.Ingest.Generic;

/// <summary>
/// Reads the generic JSON alarm (one object, or an array of them for a batch) and normalises it onto
/// <see cref="Alarm"/>. Every problem is reported with the JSON path it was found at; nothing partial
/// is returned.
/// </summary>
/// <param name="timeProvider">Stamps ids and the time of receipt.</param>
/// <param name="severities">
/// Further severity names a deployment accepts (for example Zabbix's "disaster"), looked up without regard to
/// case after the built-in ones.
/// </param>
public sealed class GenericAlarmParser(TimeProvider timeProvider, IReadOnlyDictionary<string, AlarmSeverity>? severities = null)
{
    public const string SourceName = "generic";

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
        if (JsonFields.TryParse(json, out document, out var error))
        {
            return true;
        }

        failure = ParseResult.Failed(error);
        return false;
    }

    /// <summary>
    /// Reads one alarm object found at <paramref name="path"/> (a JSON path such as "$" or "$[3]"), adding
    /// every problem to <paramref name="errors"/>; null when there was any.
    /// </summary>
    public Alarm? ReadAlarm(JsonElement obj, string path, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var resource = JsonFields.Required(obj, "resource", path, errors);
        var alarmType = JsonFields.Required(obj, "alarmType", path, errors);
        var summary = JsonFields.Required(obj, "summary", path, errors);
        var site = JsonFields.Optional(obj, "site", path, errors);
        var service = JsonFields.Optional(obj, "service", path, errors);
        var sourceName = JsonFields.Optional(obj, "source", path, errors) ?? SourceName;
        var fingerprint = JsonFields.Optional(obj, "fingerprint", path, errors);
        var idempotencyKey = JsonFields.Optional(obj, "idempotencyKey", path, errors);
        var (severity, status) = ReadSeverity(obj, path, errors);
        var observedAt = JsonFields.Time(obj, "observedAt", path, errors);
        var labels = JsonFields.Map(obj, "labels", path, errors);
        var details = JsonFields.Map(obj, "details", path, errors);

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

    private (AlarmSeverity, AlarmStatus) ReadSeverity(JsonElement obj, string path, List<FieldError> errors)
    {
        var text = JsonFields.Required(obj, "severity", path, errors);
        var statusText = JsonFields.Optional(obj, "status", path, errors);
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
                if (severities is not null && severities.TryGetValue(text, out var mapped))
                {
                    return (mapped, status);
                }

                errors.Add(new FieldError($"{path}.severity",
                    $"'{text}' is not a severity; use critical, major, minor, warning, info or clear{(severities is { Count: > 0 } ? " (or " + string.Join(", ", severities.Keys) + ")" : "")}"));
                return (AlarmSeverity.Info, status);
        }
    }
}

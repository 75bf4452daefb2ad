using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Prometheus;

/// <summary>
/// Maps alerts of the Prometheus family (the Alertmanager webhook, Prometheus' alerts API, Grafana's webhook:
/// labels, annotations, startsAt, endsAt) onto <see cref="Alarm"/>:
/// <list type="bullet">
/// <item>alarm type: the <c>alertname</c> label (required);</item>
/// <item>resource: the first of the labels in <see cref="ResourceLabels"/> (an <c>instance</c> loses its
/// ":port"), else the alert name; site and service: the <c>site</c> and <c>service</c> labels;</item>
/// <item>severity: the feed's severity label through its table; summary: the <c>summary</c>,
/// <c>description</c> or <c>message</c> annotation, else the alert name;</item>
/// <item>status: the alert's <c>status</c> (firing, resolved) when it has one, else resolved when
/// <c>endsAt</c> has passed; observed at <c>startsAt</c> (raised) or <c>endsAt</c> (cleared);</item>
/// <item>fingerprint: the shared rule over resource, alert name and the whole label set, so one alert has
/// one fingerprint whichever of the three paths it came by;</item>
/// <item>idempotency key: the feed, the sender's fingerprint (else ours), the status and startsAt, so a
/// re-notification of the same firing (or resolution) is recognised downstream as the same alarm.</item>
/// </list>
/// Labels are kept as labels; annotations, links and the feed's group fields go to details.
/// </summary>
public sealed class PrometheusAlertMapper(SourceKind kind, string source, FeedSourceOptions options)
{
    public static readonly IReadOnlyList<string> ResourceLabels = ["resource", "device", "host", "hostname", "nodename", "node", "instance", "job"];

    private static readonly string[] LinkFields = ["generatorURL", "silenceURL", "dashboardURL", "panelURL", "imageURL", "valueString"];

    /// <summary>Reads the array of alerts at <paramref name="path"/>, adding every problem to <paramref name="errors"/>.</summary>
    public List<Alarm> ReadAll(JsonElement alerts, string path, DateTimeOffset now, IReadOnlyDictionary<string, string> groupDetails,
        int maxAlarms, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var alarms = new List<Alarm>();
        if (alerts.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(path, $"must be an array of alerts, not {JsonFields.Describe(alerts.ValueKind)}"));
            return alarms;
        }

        var count = alerts.GetArrayLength();
        if (count > maxAlarms)
        {
            errors.Add(new FieldError(path, $"holds {count} alerts; at most {maxAlarms} are accepted in one request"));
            return alarms;
        }

        var index = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            if (Map(alert, $"{path}[{index++}]", now, groupDetails, errors) is { } alarm)
            {
                alarms.Add(alarm);
            }
        }

        return alarms;
    }

    /// <summary>One alert object; null (with the problems added) when it does not map.</summary>
    public Alarm? Map(JsonElement alert, string path, DateTimeOffset now, IReadOnlyDictionary<string, string> groupDetails, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(groupDetails);
        ArgumentNullException.ThrowIfNull(errors);
        if (alert.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, $"must be an alert object, not {JsonFields.Describe(alert.ValueKind)}"));
            return null;
        }

        var before = errors.Count;
        if (!alert.TryGetProperty("labels", out _))
        {
            errors.Add(new FieldError($"{path}.labels", "is required"));
        }

        var labels = JsonFields.Map(alert, "labels", path, errors);
        var alertName = labels.GetValueOrDefault("alertname")?.Trim();
        if (alert.TryGetProperty("labels", out _) && string.IsNullOrEmpty(alertName))
        {
            errors.Add(new FieldError($"{path}.labels.alertname", "is required"));
        }

        var annotations = JsonFields.Map(alert, "annotations", path, errors);
        var startsAt = JsonFields.Time(alert, "startsAt", path, errors);
        var endsAt = JsonFields.Time(alert, "endsAt", path, errors);
        var status = ReadStatus(alert, path, endsAt, now, errors);
        var senderFingerprint = JsonFields.Optional(alert, "fingerprint", path, errors);
        var details = new Dictionary<string, string>(annotations, StringComparer.Ordinal);
        foreach (var field in LinkFields)
        {
            if (JsonFields.Optional(alert, field, path, errors) is { } link)
            {
                details[field] = link;
            }
        }

        if (alert.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            details["values"] = values.GetRawText();
        }

        if (errors.Count > before)
        {
            return null;
        }

        foreach (var (name, value) in groupDetails)
        {
            details.TryAdd(name, value);
        }

        var resource = ResourceOf(labels) ?? alertName!;
        var fingerprint = AlarmFingerprint.Compute(resource, alertName!, LabelSet(labels));
        if (senderFingerprint is not null)
        {
            details["fingerprint"] = senderFingerprint;
        }

        var id = Guid.CreateVersion7(now);
        var cleared = status == AlarmStatus.Cleared;
        var idempotencyKey = startsAt is { } start
            ? $"{source}:{senderFingerprint ?? fingerprint}:{(cleared ? "resolved" : "firing")}:{start.ToUnixTimeMilliseconds()}"
            : $"{source}:{id:N}";
        var summary = annotations.GetValueOrDefault("summary") ?? annotations.GetValueOrDefault("description")
            ?? annotations.GetValueOrDefault("message") ?? alertName!;

        return new Alarm(
            id, idempotencyKey, fingerprint, kind, labels.GetValueOrDefault("job") ?? source, resource,
            labels.GetValueOrDefault("site"), labels.GetValueOrDefault("service"), alertName!,
            options.SeverityOf(labels.GetValueOrDefault(options.SeverityLabel)), status, summary.Trim(), labels, details,
            (cleared ? endsAt : startsAt) ?? now, now);
    }

    private static AlarmStatus ReadStatus(JsonElement alert, string path, DateTimeOffset? endsAt, DateTimeOffset now, List<FieldError> errors)
    {
        switch (JsonFields.Optional(alert, "status", path, errors)?.ToUpperInvariant())
        {
            case null:
                // Prometheus' alerts API has no status: an alert whose end has passed is resolved.
                return endsAt is { } end && end <= now ? AlarmStatus.Cleared : AlarmStatus.Raised;
            case "FIRING":
                return AlarmStatus.Raised;
            case "RESOLVED":
                return AlarmStatus.Cleared;
            default:
                errors.Add(new FieldError($"{path}.status", "must be firing or resolved"));
                return AlarmStatus.Raised;
        }
    }

    private static string? ResourceOf(Dictionary<string, string> labels)
    {
        foreach (var name in ResourceLabels)
        {
            if (labels.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return name == "instance" ? WithoutPort(value.Trim()) : value.Trim();
            }
        }

        return null;
    }

    /// <summary>"host:9100" reads as "host"; an IPv6 address in brackets loses its brackets and port.</summary>
    private static string WithoutPort(string instance)
    {
        var colon = instance.LastIndexOf(':');
        if (colon <= 0 || colon == instance.Length - 1 || instance.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9'))
        {
            return instance;
        }

        var host = instance[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            return host[1..^1];
        }

        // A bare IPv6 address has further colons and no port to drop.
        return host.Contains(':', StringComparison.Ordinal) ? instance : host;
    }

    private static string LabelSet(Dictionary<string, string> labels)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(value).Append('\n');
        }

        return text.ToString();
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.PagerDuty;

/// <summary>
/// PagerDuty Events API v2 alert events (routing_key, event_action, dedup_key, payload) onto <see cref="Alarm"/>:
/// <list type="bullet">
/// <item>trigger raises: resource is payload.source, alarm type payload.class (else "pagerduty_event"),
/// service payload.group, site custom_details.site, severity payload.severity through the feed's table
/// (by default critical, error→major, warning, info; anything else is refused as PagerDuty does);
/// component, group and class become labels, custom_details and the client fields details;</item>
/// <item>resolve clears the condition the dedup_key names (no payload needed, as with PagerDuty);</item>
/// <item>acknowledge is answered as PagerDuty answers it but publishes nothing: someone is working on the
/// condition, which is still raised; acknowledging is the console's business, not a change of the alarm.</item>
/// </list>
/// The fingerprint is the dedup_key within its routing_key (so a resolve finds its trigger); the
/// idempotency key adds the action and payload.timestamp (else a hash of the body), so a retried delivery is
/// recognised downstream and a new trigger of the same alert is a repeat of it. A trigger without a
/// dedup_key is given one, which the answer returns.
/// </summary>
public sealed class PagerDutyParser(FeedSourceOptions options)
{
    public const string SourceName = "pagerduty";
    private const int MaxDedupKeyLength = 255;
    private const int MaxSummaryLength = 1024;

    public FeedOutcome Parse(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!JsonFields.TryParseObject(body, "an event object", out var document, out var error))
        {
            return FeedOutcome.Failed(error);
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new List<FieldError>();
            var routingKey = JsonFields.Required(root, "routing_key", "$", errors);
            var action = ReadAction(root, errors);
            var dedupKey = JsonFields.Optional(root, "dedup_key", "$", errors);
            if (dedupKey is { Length: > MaxDedupKeyLength })
            {
                errors.Add(new FieldError("$.dedup_key", $"is {dedupKey.Length} characters long; at most {MaxDedupKeyLength} are accepted"));
            }
            else if (dedupKey is null && action is "acknowledge" or "resolve")
            {
                errors.Add(new FieldError("$.dedup_key", $"is required to {action}"));
            }

            var payload = action == "trigger" ? ReadPayload(root, errors) : null;
            if (errors.Count > 0)
            {
                return FeedOutcome.Failed([.. errors]);
            }

            dedupKey ??= Guid.CreateVersion7(now).ToString("N");
            if (action == "acknowledge")
            {
                return new FeedOutcome([], [], routingKey, dedupKey);
            }

            var alarm = Alarm(root, action!, routingKey!, dedupKey, payload, body, now);
            return new FeedOutcome([alarm], [], routingKey, dedupKey);
        }
    }

    private static string? ReadAction(JsonElement root, List<FieldError> errors)
    {
        var action = JsonFields.Required(root, "event_action", "$", errors)?.ToLowerInvariant();
        if (action is not (null or "trigger" or "acknowledge" or "resolve"))
        {
            errors.Add(new FieldError("$.event_action", $"'{action}' is not an event action; use trigger, acknowledge or resolve"));
            return null;
        }

        return action;
    }

    private Payload? ReadPayload(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("$.payload", "is required to trigger, as an object"));
            return null;
        }

        var before = errors.Count;
        var summary = JsonFields.Required(payload, "summary", "$.payload", errors);
        if (summary is { Length: > MaxSummaryLength })
        {
            errors.Add(new FieldError("$.payload.summary", $"is {summary.Length} characters long; at most {MaxSummaryLength} are accepted"));
        }

        var source = JsonFields.Required(payload, "source", "$.payload", errors);
        var severityText = JsonFields.Required(payload, "severity", "$.payload", errors);
        var severity = AlarmSeverity.Info;
        if (severityText is not null && !options.Severity.TryGetValue(severityText, out severity))
        {
            errors.Add(new FieldError("$.payload.severity", $"'{severityText}' is not a severity; use {string.Join(", ", options.Severity.Keys)}"));
        }

        var result = new Payload(summary!, source!, severity, JsonFields.Time(payload, "timestamp", "$.payload", errors),
            JsonFields.Optional(payload, "component", "$.payload", errors), JsonFields.Optional(payload, "group", "$.payload", errors),
            JsonFields.Optional(payload, "class", "$.payload", errors), JsonFields.Map(payload, "custom_details", "$.payload", errors));
        return errors.Count > before ? null : result;
    }

    private static Alarm Alarm(JsonElement root, string action, string routingKey, string dedupKey, Payload? payload, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var fingerprint = AlarmFingerprint.Compute(SourceName, dedupKey, routingKey);
        var occurrence = payload?.Timestamp is { } stamp
            ? stamp.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 8));
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIfSet(labels, "component", payload?.Component);
        AddIfSet(labels, "group", payload?.Group);
        AddIfSet(labels, "class", payload?.Class);
        var details = new Dictionary<string, string>(payload?.CustomDetails ?? [], StringComparer.Ordinal) { ["dedup_key"] = dedupKey };
        foreach (var field in (string[])["client", "client_url", "links", "images"])
        {
            if (root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                details[field] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            }
        }

        var cleared = action == "resolve";
        return new Alarm(
            Guid.CreateVersion7(now), $"{SourceName}:{fingerprint}:{action}:{occurrence}", fingerprint, SourceKind.PagerDuty,
            details.GetValueOrDefault("client") ?? SourceName, payload?.Source ?? SourceName, payload?.CustomDetails.GetValueOrDefault("site"),
            payload?.Group, payload?.Class ?? "pagerduty_event", payload?.Severity ?? AlarmSeverity.Info,
            cleared ? AlarmStatus.Cleared : AlarmStatus.Raised, payload?.Summary ?? $"Resolved {dedupKey}", labels, details,
            payload?.Timestamp ?? now, now);
    }

    private static void AddIfSet(Dictionary<string, string> map, string name, string? value)
    {
        if (value is not null)
        {
            map[name] = value;
        }
    }

    private sealed record Payload(string Summary, string Source, AlarmSeverity Severity, DateTimeOffset? Timestamp,
        string? Component, string? Group, string? Class, Dictionary<string, string> CustomDetails);
}

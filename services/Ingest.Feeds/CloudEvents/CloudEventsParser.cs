using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Correlation.Contracts;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.CloudEvents;

/// <summary>
/// CloudEvents 1.0 over HTTP, in the three modes of the HTTP binding: structured
/// (application/cloudevents+json), batch (application/cloudevents-batch+json) and binary (the attributes in
/// ce- headers, the data as the body). Each event's data is a generic JSON alarm; the event's source and id
/// make the idempotency key (the spec says they identify an event), its source names the sender and its
/// time is when the alarm was observed, unless the data says otherwise; type and subject become labels.
/// </summary>
public sealed class CloudEventsParser(GenericAlarmParser dataParser, int maxAlarms)
{
    public const string SourceName = "cloudevents";
    private const string HeaderPrefix = "ce-";
    private static readonly JsonEventFormatter Formatter = new();

    public FeedOutcome Parse(FeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var media = ContentTypes.MediaType(request.ContentType);
        if (JsonFields.NotUtf8(request.Body.Span) is { } notUtf8)
        {
            return FeedOutcome.Failed(notUtf8);
        }

        try
        {
            if (media.Equals("application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase))
            {
                var events = Formatter.DecodeBatchModeMessage(request.Body, new ContentType(request.ContentType!), null);
                if (events.Count > maxAlarms)
                {
                    return FeedOutcome.Failed(new FieldError("$", $"the batch holds {events.Count} events; at most {maxAlarms} are accepted in one request"));
                }

                return ToAlarms(events, request.Now, i => $"$[{i}].data");
            }

            if (media.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase))
            {
                return ToAlarms([Formatter.DecodeStructuredModeMessage(request.Body, new ContentType(request.ContentType!), null)], request.Now, _ => "$.data");
            }

            if (request.Header(HeaderPrefix + "specversion") is { } version)
            {
                return ToAlarms([Binary(request, version)], request.Now, _ => "$");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            return FeedOutcome.Failed(new FieldError("$", $"not a valid CloudEvent: {ex.Message}"));
        }

        return FeedOutcome.Failed(new FieldError("Content-Type",
            "not a CloudEvent: send application/cloudevents+json (structured mode), application/cloudevents-batch+json, or ce-specversion, ce-id, ce-source and ce-type headers with a JSON body (binary mode)"));
    }

    private static CloudEvent Binary(FeedRequest request, string version)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.FromVersionId(version)
            ?? throw new ArgumentException($"spec version '{version}' is not supported"));
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > HeaderPrefix.Length
                && !name.Equals(HeaderPrefix + "specversion", StringComparison.OrdinalIgnoreCase))
            {
                // The HTTP binding percent-encodes attribute values in headers.
                cloudEvent.SetAttributeFromString(name[HeaderPrefix.Length..].ToLowerInvariant(), Uri.UnescapeDataString(values.ToString()));
            }
        }

        cloudEvent.DataContentType = request.ContentType;
        Formatter.DecodeBinaryModeEventData(request.Body, cloudEvent);
        return cloudEvent;
    }

    private FeedOutcome ToAlarms(IReadOnlyList<CloudEvent> events, DateTimeOffset now, Func<int, string> dataPath)
    {
        var errors = new List<FieldError>();
        var alarms = new List<Alarm>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (ToAlarm(events[i], dataPath(i), now, errors) is { } alarm)
            {
                alarms.Add(alarm);
            }
        }

        return errors.Count > 0 ? FeedOutcome.Failed([.. errors]) : FeedOutcome.Ok(alarms);
    }

    private Alarm? ToAlarm(CloudEvent cloudEvent, string path, DateTimeOffset now, List<FieldError> errors)
    {
        var eventPath = path.EndsWith(".data", StringComparison.Ordinal) ? path[..^5] : path;
        if (!cloudEvent.IsValid)
        {
            var missing = new[] { ("id", cloudEvent.Id), ("source", cloudEvent.Source?.ToString()), ("type", cloudEvent.Type) }
                .Where(a => string.IsNullOrEmpty(a.Item2)).Select(a => a.Item1);
            foreach (var name in missing)
            {
                errors.Add(new FieldError(eventPath == "$" ? HeaderPrefix + name : $"{eventPath}.{name}", "is required"));
            }

            return null;
        }

        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            errors.Add(new FieldError(path, "must be a JSON object: a generic alarm (resource, alarmType, severity, summary...)"));
            return null;
        }

        var alarm = dataParser.ReadAlarm(data, path, errors);
        if (alarm is null)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(alarm.Labels, StringComparer.Ordinal) { ["ce_type"] = cloudEvent.Type! };
        if (cloudEvent.Subject is { } subject)
        {
            labels["ce_subject"] = subject;
        }

        var source = cloudEvent.Source!.ToString();
        return alarm with
        {
            IdempotencyKey = $"{SourceName}:{source}:{cloudEvent.Id}",
            SourceKind = SourceKind.CloudEvents,
            SourceName = data.TryGetProperty("source", out _) ? alarm.SourceName : source,
            ObservedAt = data.TryGetProperty("observedAt", out _) ? alarm.ObservedAt : cloudEvent.Time?.ToUniversalTime() ?? now,
            Labels = labels,
        };
    }
}

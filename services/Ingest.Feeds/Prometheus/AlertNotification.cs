using System.Text.Json;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Prometheus;

/// <summary>
/// A webhook notification in Alertmanager's shape, which Grafana's webhook shares: one object with a
/// version, group fields (receiver, groupKey, externalURL...) and an <c>alerts</c> array.
/// </summary>
public static class AlertNotification
{
    /// <param name="mapper">Maps each alert.</param>
    /// <param name="request">The request.</param>
    /// <param name="version">The payload version this feed reads; another is refused, an absent one read as this.</param>
    /// <param name="groupFields">Top-level fields copied into every alarm's details.</param>
    /// <param name="maxAlarms">Most alerts accepted in one notification.</param>
    public static FeedOutcome Parse(PrometheusAlertMapper mapper, FeedRequest request, string version, IReadOnlyList<string> groupFields, int maxAlarms)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(groupFields);
        if (!JsonFields.TryParseObject(request.Body.Span, "a notification object", out var document, out var error))
        {
            return FeedOutcome.Failed(error);
        }

        using (document)
        {
            var root = document.RootElement;
            var errors = new List<FieldError>();
            if (JsonFields.Optional(root, "version", "$", errors) is { } sent && sent != version)
            {
                errors.Add(new FieldError("$.version", $"is '{sent}'; this endpoint reads version {version}"));
            }

            if (!root.TryGetProperty("alerts", out var alerts))
            {
                errors.Add(new FieldError("$.alerts", "is required"));
                return FeedOutcome.Failed([.. errors]);
            }

            var alarms = mapper.ReadAll(alerts, "$.alerts", request.Now, GroupDetails(root, groupFields), maxAlarms, errors);
            return errors.Count > 0 ? FeedOutcome.Failed([.. errors]) : FeedOutcome.Ok(alarms);
        }
    }

    private static Dictionary<string, string> GroupDetails(JsonElement root, IReadOnlyList<string> fields)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (root.TryGetProperty(field, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number
                && value.ToString() is { Length: > 0 and <= JsonFields.MaxTextLength } text)
            {
                details[field] = text;
            }
        }

        return details;
    }
}

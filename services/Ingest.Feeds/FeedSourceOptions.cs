using Correlation.Contracts;

namespace Correlation.Ingest.Feeds;

/// <summary>One feed's settings: who may send, and how its severities read.</summary>
public class FeedSourceOptions
{
    /// <summary>
    /// Keys a sender must present (Authorization: Bearer, X-Api-Key, or the password of Basic auth; for the
    /// PagerDuty shape also the routing_key). Empty: keyless requests, from whom Ingest:Anonymous says (this machine only by default).
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>This feed's own per-sender request rate; null: Ingest:RequestsPerSecondPerSender.</summary>
    public double? RequestsPerSecondPerSender { get; set; }

    /// <summary>The sender's severity names (any case) onto ours.</summary>
    public Dictionary<string, AlarmSeverity> Severity { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Severity of an alert whose severity label is missing or not in the table (label-based feeds).</summary>
    public AlarmSeverity DefaultSeverity { get; set; } = AlarmSeverity.Warning;

    /// <summary>The label that carries the severity (Alertmanager, Prometheus, Grafana).</summary>
    public string SeverityLabel { get; set; } = "severity";

    /// <summary>The severity for a sender's value: the table's entry, else <see cref="DefaultSeverity"/>.</summary>
    public AlarmSeverity SeverityOf(string? value) =>
        value is not null && Severity.TryGetValue(value, out var mapped) ? mapped : DefaultSeverity;
}

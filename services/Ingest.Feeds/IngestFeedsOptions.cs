using System.ComponentModel.DataAnnotations;
using Correlation.Ingest.Feeds.Grafana;

namespace Correlation.Ingest.Feeds;

/// <summary>
/// Limits of the HTTP ingest endpoints and each feed's keys and severity table. Bound from the "Ingest"
/// configuration section; a feed's settings are under "Ingest:&lt;Feed&gt;", e.g. "Ingest:PagerDuty:ApiKeys:0".
/// </summary>
public sealed class IngestFeedsOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Largest body accepted for one generic alarm.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxAlarmBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body accepted for a batch, a webhook notification or an event.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most alarms in one request.</summary>
    [Range(1, 100_000)]
    public int MaxBatchAlarms { get; set; } = 1000;

    /// <summary>What a 503 tells the sender to wait before retrying (the Retry-After header).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public FeedSourceOptions Generic { get; set; } = new() { Severity = SeverityDefaults.Generic() };

    public FeedSourceOptions Alertmanager { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions Prometheus { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions PagerDuty { get; set; } = new() { Severity = SeverityDefaults.PagerDuty() };

    public GrafanaOptions Grafana { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions CloudEvents { get; set; } = new() { Severity = SeverityDefaults.Generic() };
}

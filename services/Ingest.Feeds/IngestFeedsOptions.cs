using System.ComponentModel.DataAnnotations;
using Correlation.Ingest.Admission;
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

    /// <summary>
    /// Who may send to a feed that has no ApiKeys: this machine only by default, so that binding the host to a
    /// wider address never opens a keyless feed to the network by accident.
    /// </summary>
    public AnonymousSenders Anonymous { get; set; } = AnonymousSenders.Loopback;

    /// <summary>
    /// Feed requests handled at once (across every feed); the next is answered 503 with Retry-After. Bounds the
    /// memory held by requests in flight to this times <see cref="MaxBatchBytes"/>, however slow the broker is.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests a second one sender address may make to one feed, on average; 0: no limit. Over it: 429 with Retry-After.</summary>
    [Range(0, 1_000_000)]
    public double RequestsPerSecondPerSender { get; set; }

    /// <summary>Requests a sender may make at once before the rate applies; 0: twice the rate.</summary>
    [Range(0, 10_000_000)]
    public int BurstPerSender { get; set; }

    /// <summary>Sender addresses whose rate is tracked one by one; past it, new senders share one limit.</summary>
    [Range(1, 10_000_000)]
    public int MaxTrackedSenders { get; set; } = 10_000;

    public FeedSourceOptions Generic { get; set; } = new() { Severity = SeverityDefaults.Generic() };

    public FeedSourceOptions Alertmanager { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions Prometheus { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions PagerDuty { get; set; } = new() { Severity = SeverityDefaults.PagerDuty() };

    public GrafanaOptions Grafana { get; set; } = new() { Severity = SeverityDefaults.Prometheus() };

    public FeedSourceOptions CloudEvents { get; set; } = new() { Severity = SeverityDefaults.Generic() };
}

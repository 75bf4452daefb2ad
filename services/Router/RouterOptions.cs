using System.ComponentModel.DataAnnotations;

namespace Correlation.Router;

/// <summary>Bound from the "Router" configuration section; checked at start.</summary>
public sealed class RouterOptions
{
    public const string SectionName = "Router";

    /// <summary>
    /// The routing files (rules, webhooks, roster, teams, escalation, maintenance; see services/Router/README.md),
    /// relative to the content root. None: the built-in routes by priority and default escalation.
    /// </summary>
    public List<string> ConfigFiles { get; set; } = [];

    /// <summary>How often due timers and deliveries are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed timer or delivery is this instance's before another may take it (a crashed instance's work is picked up after it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timers or deliveries taken per claim.</summary>
    [Range(1, 10_000)]
    public int ClaimBatch { get; set; } = 100;

    /// <summary>Deliveries sent at the same time.</summary>
    [Range(1, 256)]
    public int DeliveryConcurrency { get; set; } = 8;

    /// <summary>After a delivery failed every in-place retry: first wait before trying it again (doubles each time, with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two tries of a failing delivery; it is never dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Webhook calls: retried in place this many times (exponential back-off with jitter) before the delivery is put back in the outbox.</summary>
    [Range(0, 10)]
    public int WebhookRetries { get; set; } = 2;

    /// <summary>First in-place retry delay of a webhook call.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>One webhook attempt may take this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan WebhookAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an incident's keys (its projection, members and the record of each delivery made for it) outlive
    /// its last event. Longer than the correlator's Correlator:DedupHorizon, after which a quiet open incident expires
    /// with a Resolved event, so that an open incident is never forgotten here first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a webhook host whose calls mostly fail is left alone (circuit open) before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan WebhookBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

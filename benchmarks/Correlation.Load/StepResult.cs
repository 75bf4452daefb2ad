namespace Correlation.Load;

/// <summary>What one step of one workload measured, on the pipeline or on a comparison.</summary>
internal sealed record StepResult
{
    public required string System { get; init; }

    public required string Workload { get; init; }

    public required string Step { get; init; }

    public required string Channel { get; init; }

    /// <summary>Alarms a second the schedule asked for; 0 for "as fast as they are taken".</summary>
    public double OfferedRate { get; init; }

    public long Sent { get; init; }

    public long Accepted { get; init; }

    public long Refused { get; init; }

    /// <summary>Alarms an incident event (or, for Alertmanager, a notification) carried.</summary>
    public long Correlated { get; init; }

    /// <summary>Clears the correlator decided to ignore (no open incident held the condition): no event by design.</summary>
    public long IgnoredClears { get; init; }

    /// <summary>Alarms the correlator applied (Redis says so) whose event never reached the tap.</summary>
    public long DecidedNoEvent { get; init; }

    /// <summary>Alarms never decided within the drain limit (lost, or still queued when the step gave up waiting).</summary>
    public long Missing { get; init; }

    /// <summary>Alertmanager: alarms whose alert (same label set) had already been notified, so no notification was due.</summary>
    public long Deduplicated { get; init; }

    public double SendSeconds { get; init; }

    public double AcceptedPerSecond { get; init; }

    public double CorrelatedPerSecond { get; init; }

    /// <summary>First send to the last alarm's event.</summary>
    public double DrainSeconds { get; init; }

    public bool DrainTimedOut { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>Send to 202, p99 (ms).</summary>
    public double AcceptP99Ms { get; init; }

    public long Incidents { get; init; }

    public double? F1 { get; init; }

    public double? Ari { get; init; }

    public double? Precision { get; init; }

    public double? Recall { get; init; }

    public IReadOnlyDictionary<string, long> MaxQueueDepth { get; init; } = new Dictionary<string, long>();

    public Usage? Usage { get; init; }

    public string Note { get; init; } = "";

    /// <summary>First send until every queue of the host was empty again (triage, router, console done); null when not within the limit.</summary>
    public double? SettleSeconds { get; init; }

    /// <summary>Messages still ready in the host's queues when the settle limit passed.</summary>
    public long LeftQueued { get; init; }

    /// <summary>Per consumer (and the correlator's decisions): messages taken and milliseconds spent over the step, from the host's metrics.</summary>
    public IReadOnlyDictionary<string, (double Count, double SumMs)> Consumers { get; init; } = new Dictionary<string, (double, double)>();

    public double StepWallSeconds { get; init; }

    /// <summary>Redis PING round trip from the harness during the step: how long a process waits for a core on this machine.</summary>
    public double RedisPingP50Ms { get; init; }

    public double RedisPingP99Ms { get; init; }

    /// <summary>This run's calls that ran at least 10 ms inside Redis (SLOWLOG), during the step: count, total and longest ms.</summary>
    public SlowCalls RedisSlow { get; init; } = SlowCalls.None;

    /// <summary>Alertmanager: raised alerts resolved (by the alarm's clear) before any notification carried them.</summary>
    public long ResolvedBeforeNotified { get; init; }

    /// <summary>Alarms a second actually sent (the sender falls behind when ingest answers slower than the schedule).</summary>
    public double SentPerSecond { get; init; }

    /// <summary>
    /// Kept up: the schedule was met (at least 95% of the offered rate sent), nothing refused or missing, and
    /// every alarm's incident event within a second at p99.
    /// </summary>
    public bool Sustained => OfferedRate > 0 && SentPerSecond >= 0.95 * OfferedRate && Refused == 0 && Missing == 0 && DecidedNoEvent == 0
        && !DrainTimedOut && P99Ms <= 1000;
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Correlation.Correlator;

/// <summary>
/// The correlator's activity source and meter: alarms in by outcome (from which compression), decision time,
/// time from ingest to decision, merges, retried decisions, resolutions.
/// </summary>
public sealed class CorrelatorTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Correlator";

    // From a millisecond (a decision in a quiet window) to five minutes (a backlog behind a storm).
    private static readonly double[] LatencyBoundsMs = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000];

    private readonly Meter _meter;
    private readonly Counter<long> _alarms;
    private readonly Histogram<double> _decision;
    private readonly Histogram<double> _endToEnd;
    private readonly Counter<long> _merged;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _resolved;

    public CorrelatorTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        var latency = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBoundsMs };
        _alarms = _meter.CreateCounter<long>("correlation.correlator.alarms", "{alarm}",
            "Alarms correlated, by outcome (opened, updated, reopened, duplicate, ignored).");
        _decision = _meter.CreateHistogram("correlation.correlator.decision.duration", "ms",
            "Time to decide one alarm (its batch's time in the correlator), by outcome.", advice: latency);
        _endToEnd = _meter.CreateHistogram("correlation.correlator.end_to_end.duration", "ms",
            "Time from ingest accepting an alarm (its ReceivedAt) to the correlator's decision on it, by outcome.", advice: latency);
        _merged = _meter.CreateCounter<long>("correlation.correlator.incidents.merged", "{incident}",
            "Incidents absorbed into another by a merge decision.");
        // On /metrics from the start, so that a dashboard's rate is 0 before the first merge, not missing.
        _merged.Add(0);
        _retries = _meter.CreateCounter<long>("correlation.correlator.retries", "{decision}",
            "Decisions made again because the window changed under them (another decision got there first).");
        _resolved = _meter.CreateCounter<long>("correlation.correlator.resolved", "{incident}", "Incidents resolved after their hold-down.");
    }

    public static ActivitySource Source { get; } = new(MeterName);

    /// <summary>
    /// A span over one batch of alarm messages, linked to the trace of each message (their W3C trace parents):
    /// the batch itself continues only one of them, so the links are how every alarm's trace reaches the
    /// incident events published from the batch.
    /// </summary>
    public static Activity? StartBatch(IEnumerable<string?> messageTraceParents, int alarms)
    {
        ArgumentNullException.ThrowIfNull(messageTraceParents);
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = messageTraceParents
            .Select(p => ActivityContext.TryParse(p, null, out var context) ? context : default)
            .Where(c => c != default)
            .Distinct()
            .Select(c => new ActivityLink(c))
            .ToList();
        return Source.StartActivity("correlate batch", ActivityKind.Internal, parentContext: default, links: links)?.SetTag("correlation.alarms", alarms);
    }

    /// <param name="outcome">What the decision did (lower-case <c>LiveOutcome</c>).</param>
    /// <param name="elapsed">The decision's time in the correlator.</param>
    /// <param name="attempts">How many times it was decided (more than one: the window changed under it).</param>
    /// <param name="sinceReceived">From the alarm's ReceivedAt to now; a clock behind ingest's counts as zero.</param>
    /// <param name="absorbed">Incidents merged into the alarm's incident by this decision.</param>
    public void Decided(string outcome, TimeSpan elapsed, int attempts, TimeSpan sinceReceived, int absorbed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _alarms.Add(1, tag);
        _decision.Record(elapsed.TotalMilliseconds, tag);
        _endToEnd.Record(Math.Max(0, sinceReceived.TotalMilliseconds), tag);
        if (absorbed > 0)
        {
            _merged.Add(absorbed);
        }

        if (attempts > 1)
        {
            _retries.Add(attempts - 1);
        }
    }

    public void Resolved(int count) => _resolved.Add(count);

    public void Dispose() => _meter.Dispose();
}

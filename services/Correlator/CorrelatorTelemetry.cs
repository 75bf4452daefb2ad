using System.Diagnostics.Metrics;

namespace Correlation.Correlator;

/// <summary>The correlator's meter: alarms in by outcome, decision time, retried decisions, resolutions.</summary>
public sealed class CorrelatorTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Correlator";

    private readonly Meter _meter;
    private readonly Counter<long> _alarms;
    private readonly Histogram<double> _decision;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _resolved;

    public CorrelatorTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _alarms = _meter.CreateCounter<long>("correlation.correlator.alarms", "{alarm}", "Alarms correlated, by outcome.");
        _decision = _meter.CreateHistogram<double>("correlation.correlator.decision.duration", "ms", "Time to decide one alarm.");
        _retries = _meter.CreateCounter<long>("correlation.correlator.retries", "{decision}",
            "Decisions made again because the window changed under them (another decision got there first).");
        _resolved = _meter.CreateCounter<long>("correlation.correlator.resolved", "{incident}", "Incidents resolved after their hold-down.");
    }

    public void Decided(string outcome, TimeSpan elapsed, int attempts)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _alarms.Add(1, tag);
        _decision.Record(elapsed.TotalMilliseconds, tag);
        if (attempts > 1)
        {
            _retries.Add(attempts - 1);
        }
    }

    public void Resolved(int count) => _resolved.Add(count);

    public void Dispose() => _meter.Dispose();
}

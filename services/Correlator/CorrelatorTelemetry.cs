using System.Diagnostics.Metrics;

namespace Correlation.Correlator;

/// <summary>The correlator's meter: alarms in by outcome, and decision time.</summary>
public sealed class CorrelatorTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Correlator";

    private readonly Meter _meter;
    private readonly Counter<long> _alarms;
    private readonly Histogram<double> _decision;

    public CorrelatorTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _alarms = _meter.CreateCounter<long>("correlation.correlator.alarms", "{alarm}", "Alarms correlated, by outcome.");
        _decision = _meter.CreateHistogram<double>("correlation.correlator.decision.duration", "ms", "Time to decide one alarm.");
    }

    public void Decided(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _alarms.Add(1, tag);
        _decision.Record(elapsed.TotalMilliseconds, tag);
    }

    public void Dispose() => _meter.Dispose();
}

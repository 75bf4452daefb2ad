using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>Totals of one host's NMS counters, by instrument, listener and reason ("rejected" only).</summary>
internal sealed class NmsCounters : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public NmsCounters(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == NmsTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? listenerName = null, reason = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "listener": listenerName = tag.Value as string; break;
                    case "reason": reason = tag.Value as string; break;
                }
            }

            _totals.AddOrUpdate(Key(instrument.Name, listenerName, null), value, (_, total) => total + value);
            if (reason is not null)
            {
                _totals.AddOrUpdate(Key(instrument.Name, listenerName, reason), value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    /// <param name="counter">The name after "correlation.ingest.nms.": received, decoded, rejected, ignored, published.</param>
    public long Get(string counter, string listener, string? reason = null) =>
        _totals.GetValueOrDefault(Key("correlation.ingest.nms." + counter, listener, reason));

    public void Dispose() => _listener.Dispose();

    private static string Key(string instrument, string? listener, string? reason) => $"{instrument}|{listener}|{reason}";
}

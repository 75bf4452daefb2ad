using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Correlation.Ingest.Mail.Tests.Support;

/// <summary>The rejections one host counted on the shared ingest meter, by source and reason.</summary>
internal sealed class IngestCounters : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public IngestCounters(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory)
                && instrument.Name == "correlation.ingest.requests.rejected")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? source = null, reason = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "source": source = tag.Value as string; break;
                    case "reason": reason = tag.Value as string; break;
                }
            }

            _rejected.AddOrUpdate($"{source}|{reason}", value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public long Rejected(string source, string reason) => _rejected.GetValueOrDefault($"{source}|{reason}");

    public void Dispose() => _listener.Dispose();
}

using System.Diagnostics.Metrics;

namespace Correlation.Ingest;

/// <summary>The ingest services' meter (every source, told apart by its "source" tag): what came in, what was refused and why, what reached the broker.</summary>
public sealed class IngestTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Ingest";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailed;

    public IngestTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("correlation.ingest.alarms.received", "{alarm}", "Alarms offered to an ingest endpoint (HTTP feeds, chat, mail) or made of an NMS message (snmp, syslog), by source.");
        _rejected = _meter.CreateCounter<long>("correlation.ingest.requests.rejected", "{request}", "Requests (HTTP, mail; for snmp and syslog: messages) refused, by source and reason.");
        _published = _meter.CreateCounter<long>("correlation.ingest.alarms.published", "{alarm}", "Alarms confirmed by the broker, by source.");
        _publishFailed = _meter.CreateCounter<long>("correlation.ingest.alarms.publish_failed", "{alarm}", "Alarms the broker did not confirm, by source.");
    }

    public void Received(string source, int count) => _received.Add(count, new KeyValuePair<string, object?>("source", source));

    public void Rejected(string source, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("reason", reason));

    public void Published(string source, int count) => _published.Add(count, new KeyValuePair<string, object?>("source", source));

    public void PublishFailed(string source, int count) => _publishFailed.Add(count, new KeyValuePair<string, object?>("source", source));

    public void Dispose() => _meter.Dispose();
}

using System.Diagnostics.Metrics;

namespace Correlation.Ingest.Nms;

/// <summary>
/// The NMS receivers' meter, every counter tagged with its listener (snmp-udp, syslog-udp, syslog-tcp):
/// messages received, decoded, rejected by reason, ignored (no rule wants them), alarms published.
/// </summary>
public sealed class NmsTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Ingest.Nms";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _decoded;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _ignored;
    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailed;

    public NmsTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("correlation.ingest.nms.received", "{message}", "Datagrams, frames and lines received.");
        _decoded = _meter.CreateCounter<long>("correlation.ingest.nms.decoded", "{message}", "Messages decoded as a trap or syslog message.");
        _rejected = _meter.CreateCounter<long>("correlation.ingest.nms.rejected", "{message}", "Messages dropped, by reason.");
        _ignored = _meter.CreateCounter<long>("correlation.ingest.nms.ignored", "{message}", "Decoded messages that no rule turns into an alarm.");
        _published = _meter.CreateCounter<long>("correlation.ingest.nms.published", "{alarm}", "Alarms confirmed by the broker.");
        _publishFailed = _meter.CreateCounter<long>("correlation.ingest.nms.publish_failed", "{alarm}", "Alarms the broker did not confirm (published again).");
    }

    public void Received(string listener) => _received.Add(1, Tag(listener));

    public void Decoded(string listener) => _decoded.Add(1, Tag(listener));

    public void Rejected(string listener, string reason) => _rejected.Add(1, Tag(listener), new KeyValuePair<string, object?>("reason", reason));

    public void Ignored(string listener) => _ignored.Add(1, Tag(listener));

    public void Published(string listener, int count) => _published.Add(count, Tag(listener));

    public void PublishFailed(string listener, int count) => _publishFailed.Add(count, Tag(listener));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string listener) => new("listener", listener);
}

using System.Diagnostics.Metrics;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Traps;

namespace Correlation.Ingest.Nms;

/// <summary>
/// The NMS receivers' meter, every counter tagged with its listener (snmp-udp, syslog-udp, syslog-tcp):
/// messages received, decoded, rejected by reason, ignored (no rule wants them), alarms published.
/// Alarms offered, messages rejected and alarms published are also counted by <see cref="IngestTelemetry"/>
/// (source "snmp" or "syslog"), so that one metric holds what every ingest took in.
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
    private readonly IngestTelemetry _ingest;

    public NmsTelemetry(IMeterFactory meterFactory, IngestTelemetry ingest)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(ingest);
        _ingest = ingest;
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

    public void Rejected(string listener, string reason)
    {
        _rejected.Add(1, Tag(listener), new KeyValuePair<string, object?>("reason", reason));
        _ingest.Rejected(Source(listener), reason);
    }

    /// <summary>An alarm a listener made of a message, handed to the batcher.</summary>
    public void Offered(string listener) => _ingest.Received(Source(listener), 1);

    public void Ignored(string listener) => _ignored.Add(1, Tag(listener));

    public void Published(string listener, int count)
    {
        _published.Add(count, Tag(listener));
        _ingest.Published(Source(listener), count);
    }

    public void PublishFailed(string listener, int count)
    {
        _publishFailed.Add(count, Tag(listener));
        _ingest.PublishFailed(Source(listener), count);
    }

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string listener) => new("listener", listener);

    /// <summary>The ingest source a listener's alarms are counted under: what the trap and syslog mappers name as theirs.</summary>
    private static string Source(string listener) =>
        listener == NmsListeners.SnmpUdp ? TrapAlarmMapper.SourceName : SyslogAlarmMapper.SourceName;
}

using System.Collections.Concurrent;
using System.Net;

namespace Correlation.Ingest.Nms.Listening;

/// <summary>The listeners' names (the "listener" tag of every metric) and where each one is bound once started.</summary>
public sealed class NmsListeners
{
    public const string SnmpUdp = "snmp-udp";
    public const string SyslogUdp = "syslog-udp";
    public const string SyslogTcp = "syslog-tcp";

    private readonly ConcurrentDictionary<string, IPEndPoint> _bound = new(StringComparer.Ordinal);

    /// <summary>The bound address and port of a started listener (a configured port 0 becomes a real one).</summary>
    public IPEndPoint EndpointOf(string listener) =>
        _bound.TryGetValue(listener, out var endpoint) ? endpoint : throw new InvalidOperationException($"The {listener} listener is not running");

    internal void Bound(string listener, IPEndPoint endpoint) => _bound[listener] = endpoint;
}

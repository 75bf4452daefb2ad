using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Correlation.Ingest.Nms.Snmp;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Load;

/// <summary>
/// Pre-encoded datagrams, sent as they fall due: SNMP v2c traps and RFC 5424 syslog lines. Encoding is done
/// before the clock starts, so the sender's cost while it runs is a send call a datagram. The host maps them
/// with the rules <see cref="HostSettings"/> gives it: the trap's first varbind is the resource, the second
/// the instance and the third the summary (which carries the harness's "lb-{seq}"); the syslog line's
/// message is "&lt;resource&gt; &lt;instance&gt; down lb-{seq}".
/// </summary>
internal sealed class UdpSender : IDisposable
{
    /// <summary>The enterprise trap the host is configured to map (see <see cref="HostSettings"/>).</summary>
    public const string TrapOid = "1.3.6.1.4.1.99999.0.1";

    public const string SyslogApp = "lbench";

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[][] _datagrams;

    private UdpSender(IPEndPoint target, byte[][] datagrams)
    {
        _socket.SendBufferSize = 4 << 20;
        _socket.Connect(target);
        _datagrams = datagrams;
    }

    public static UdpSender Traps(IPEndPoint target, Ledger ledger) => new(target, [.. ledger.Alarms.Select((a, i) => Trap(a, ledger.FirstSeq + i))]);

    public static UdpSender Syslog(IPEndPoint target, Ledger ledger) => new(target, [.. ledger.Alarms.Select((a, i) => SyslogLine(a, ledger.FirstSeq + i))]);

    public Func<int, int, Task> Send(Ledger ledger) => (start, count) =>
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = start; i < start + count; i++)
        {
            ledger.MarkSent(i, now);
            _socket.Send(_datagrams[i]);
        }

        return Task.CompletedTask;
    };

    private static byte[] Trap(LoadAlarm alarm, long seq) =>
        Sequence(
            IntegerValue(1),
            OctetString("public"),
            Tlv(BerTags.TrapV2, IntegerValue(seq & 0x7fffffff), IntegerValue(0), IntegerValue(0),
                Sequence(
                    Varbind(SnmpTrapDecoder.SysUpTime0, UnsignedValue(BerTags.TimeTicks, 123456)),
                    Varbind(SnmpTrapDecoder.SnmpTrapOid0, Oid(TrapOid)),
                    Varbind("1.3.6.1.4.1.99999.1.1.0", OctetString(alarm.Resource)),
                    Varbind("1.3.6.1.4.1.99999.1.2.0", OctetString(alarm.Instance ?? "-")),
                    Varbind("1.3.6.1.4.1.99999.1.3.0", OctetString($"{alarm.Summary} {AlarmJson.Key(seq)}")))));

    private static byte[] SyslogLine(LoadAlarm alarm, long seq) =>
        // <187> = local7.err; RFC 5424 with no structured data.
        Encoding.UTF8.GetBytes($"<187>1 - {alarm.Resource} {SyslogApp} - - - {alarm.Resource} {alarm.Instance ?? "-"} down {AlarmJson.Key(seq)}");

    public void Dispose() => _socket.Dispose();
}

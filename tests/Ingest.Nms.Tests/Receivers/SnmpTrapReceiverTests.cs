using System.Net;
using System.Net.Sockets;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Snmp;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>Traps sent by net-snmp's snmptrap and snmpinform to the running receiver.</summary>
public class SnmpTrapReceiverTests
{
    private const string Enterprise = "1.3.6.1.4.1.99999";

    /// <summary>One varbind of every type snmptrap can send: INTEGER, Gauge32, Counter32, strings, NULL, OID, TimeTicks, IpAddress, Counter64, Opaque.</summary>
    private static readonly string[] EveryType =
    [
        $"{Enterprise}.1.1", "i", "-42",
        $"{Enterprise}.1.2", "s", "router-7",
        $"{Enterprise}.1.3", "u", "4000000000",
        $"{Enterprise}.1.4", "c", "123",
        $"{Enterprise}.1.5", "x", "0A0B0C",
        $"{Enterprise}.1.6", "n", "",
        $"{Enterprise}.1.7", "o", "1.3.6.1.4.1.8072",
        $"{Enterprise}.1.8", "t", "12345",
        $"{Enterprise}.1.9", "a", "192.0.2.9",
        $"{Enterprise}.1.10", "C", "18446744073709551615",
        $"{Enterprise}.1.11", "U", "77",
    ];

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Nms:Snmp:Rules:0:Trap"] = $"{Enterprise}.*",
        ["Nms:Snmp:Rules:0:AlarmType"] = "test_trap",
        ["Nms:Snmp:Rules:0:Severity"] = "Critical",
        ["Nms:Snmp:Rules:0:Resource"] = $"{{{Enterprise}.1.2}}",
        ["Nms:Snmp:Rules:0:Instance"] = $"{{{Enterprise}.1.1}}",
        ["Nms:Snmp:Rules:0:Summary"] = $"Test trap from {{agent}}: {{{Enterprise}.1.9}} counter {{{Enterprise}.1.10}}",
    };

    private NmsHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await NmsHost.StartAsync(Settings);

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private string Target => $"udp:127.0.0.1:{_host.Port(NmsListeners.SnmpUdp)}";

    [Test]
    public async Task The_decoder_reads_every_varbind_type_snmptrap_sends()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        await Tools.SnmpTrapAsync(["-v", "2c", "-c", "public", $"udp:127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}", "", $"{Enterprise}.0.1", .. EveryType]);
        var buffer = new byte[65536];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));

        var trap = SnmpTrapDecoder.Decode(buffer.AsSpan(0, received)).Value!;

        Assert.That(trap.TrapOid, Is.EqualTo($"{Enterprise}.0.1"));
        Assert.That(trap.Varbinds.Select(v => (v.Oid, v.Type, v.Value)), Is.EqualTo(new[]
        {
            ($"{Enterprise}.1.1", SnmpType.Integer32, "-42"),
            ($"{Enterprise}.1.2", SnmpType.OctetString, "router-7"),
            ($"{Enterprise}.1.3", SnmpType.Gauge32, "4000000000"),
            ($"{Enterprise}.1.4", SnmpType.Counter32, "123"),
            ($"{Enterprise}.1.5", SnmpType.OctetString, "0x0a0b0c"),
            ($"{Enterprise}.1.6", SnmpType.Null, ""),
            ($"{Enterprise}.1.7", SnmpType.ObjectIdentifier, "1.3.6.1.4.1.8072"),
            ($"{Enterprise}.1.8", SnmpType.TimeTicks, "12345"),
            ($"{Enterprise}.1.9", SnmpType.IpAddress, "192.0.2.9"),
            ($"{Enterprise}.1.10", SnmpType.Counter64, "18446744073709551615"),
            ($"{Enterprise}.1.11", SnmpType.Opaque, "77"),
        }));
    }

    [Test]
    public async Task A_v2c_trap_with_every_varbind_type_becomes_an_alarm_field_by_field()
    {
        await Tools.SnmpTrapAsync(["-v", "2c", "-c", "public", Target, "", $"{Enterprise}.0.1", .. EveryType]);

        var alarm = (await _host.PublishedAsync(1)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.SnmpTrap));
            Assert.That(alarm.SourceName, Is.EqualTo("snmp"));
            Assert.That(alarm.AlarmType, Is.EqualTo("test_trap"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Resource, Is.EqualTo("router-7"));
            Assert.That(alarm.Summary, Is.EqualTo("Test trap from 127.0.0.1: 192.0.2.9 counter 18446744073709551615"));
            Assert.That(alarm.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute("router-7", "test_trap", "-42")));
            Assert.That(alarm.IdempotencyKey, Does.StartWith("snmp:"));
            Assert.That(alarm.Labels, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["agent"] = "127.0.0.1", ["sourceAddress"] = "127.0.0.1", ["trapOid"] = $"{Enterprise}.0.1", ["instance"] = "-42",
            }));
            Assert.That(alarm.Details["snmpVersion"], Is.EqualTo("v2c"));
            Assert.That(alarm.Details[$"{Enterprise}.1.3"], Is.EqualTo("4000000000"));
            Assert.That(alarm.Details[$"{Enterprise}.1.5"], Is.EqualTo("0x0a0b0c"));
            Assert.That(alarm.Details[$"{Enterprise}.1.7"], Is.EqualTo("1.3.6.1.4.1.8072"));
            Assert.That(alarm.Details[$"{Enterprise}.1.11"], Is.EqualTo("77"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
        await _host.CounterAsync("published", NmsListeners.SnmpUdp, 1);
        Assert.That(_host.Counters.Get("received", NmsListeners.SnmpUdp), Is.EqualTo(1));
        Assert.That(_host.Counters.Get("decoded", NmsListeners.SnmpUdp), Is.EqualTo(1));
    }

    [Test]
    public async Task A_v1_trap_with_every_varbind_type_becomes_an_alarm_about_its_agent_address()
    {
        await Tools.SnmpTrapAsync(["-v", "1", "-c", "public", Target, Enterprise, "192.0.2.50", "6", "7", "", .. EveryType]);

        var alarm = (await _host.PublishedAsync(1)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(alarm.AlarmType, Is.EqualTo("test_trap"));
            Assert.That(alarm.Summary, Is.EqualTo("Test trap from 192.0.2.50: 192.0.2.9 counter 18446744073709551615"));
            Assert.That(alarm.Labels["agent"], Is.EqualTo("192.0.2.50"));
            Assert.That(alarm.Labels["trapOid"], Is.EqualTo($"{Enterprise}.0.7"));
            Assert.That(alarm.Details["snmpVersion"], Is.EqualTo("v1"));
            Assert.That(alarm.Details["enterprise"], Is.EqualTo(Enterprise));
            Assert.That(alarm.Details["genericTrap"], Is.EqualTo("6"));
            Assert.That(alarm.Details["specificTrap"], Is.EqualTo("7"));
        });
    }

    [TestCase("2c")]
    [TestCase("1")]
    public async Task LinkDown_then_linkUp_raise_then_clear_the_same_condition(string version)
    {
        string[] Link(string ifOperStatus) =>
        [
            "1.3.6.1.2.1.2.2.1.1.7", "i", "7", "1.3.6.1.2.1.2.2.1.7.7", "i", "1", "1.3.6.1.2.1.2.2.1.8.7", "i", ifOperStatus,
            "1.3.6.1.2.1.2.2.1.2.7", "s", "ge-0/0/7",
        ];
        string[] Trap(string v2Oid, int generic, string ifOperStatus) => version == "1"
            ? ["-v", "1", "-c", "public", Target, "1.3.6.1.4.1.2636", "192.0.2.60", generic.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "", .. Link(ifOperStatus)]
            : ["-v", "2c", "-c", "public", Target, "", v2Oid, .. Link(ifOperStatus)];

        await Tools.SnmpTrapAsync(Trap("1.3.6.1.6.3.1.1.5.3", 2, "2"));
        await _host.PublishedAsync(1);
        await Tools.SnmpTrapAsync(Trap("1.3.6.1.6.3.1.1.5.4", 3, "1"));
        var alarms = await _host.PublishedAsync(2);

        var device = version == "1" ? "192.0.2.60" : "127.0.0.1";
        Assert.Multiple(() =>
        {
            Assert.That(alarms.Select(a => a.Status), Is.EqualTo(new[] { AlarmStatus.Raised, AlarmStatus.Cleared }));
            Assert.That(alarms.Select(a => a.AlarmType), Is.All.EqualTo("link_down"));
            Assert.That(alarms.Select(a => a.Resource), Is.All.EqualTo(device));
            Assert.That(alarms.Select(a => a.Fingerprint), Is.All.EqualTo(AlarmFingerprint.Compute(device, "link_down", "7")));
            Assert.That(alarms[0].Summary, Is.EqualTo($"Link down on {device} interface ge-0/0/7"));
            Assert.That(alarms[1].Summary, Is.EqualTo($"Link up on {device} interface ge-0/0/7"));
            Assert.That(alarms[0].Severity, Is.EqualTo(AlarmSeverity.Major));
        });
    }

    [Test]
    public async Task An_inform_is_answered_once_its_alarm_is_published()
    {
        // snmptrap -Ci sends an InformRequest and fails unless a Response comes back.
        await Tools.SnmpTrapAsync("-Ci", "-r", "0", "-t", "5", "-v", "2c", "-c", "public", Target, "", "1.3.6.1.6.3.1.1.5.1");

        var alarm = (await _host.PublishedAsync(1)).Single();
        Assert.That(alarm.AlarmType, Is.EqualTo("cold_start"));
        Assert.That(alarm.Details["pdu"], Is.EqualTo("Inform"));
    }

    [Test]
    public async Task A_trap_with_a_community_not_allowed_is_counted_and_dropped()
    {
        await Tools.SnmpTrapAsync("-v", "2c", "-c", "guess", Target, "", "1.3.6.1.6.3.1.1.5.1");
        await Tools.SnmpTrapAsync("-v", "2c", "-c", "public", Target, "", "1.3.6.1.6.3.1.1.5.2");

        var alarm = (await _host.PublishedAsync(1)).Single();
        Assert.That(alarm.AlarmType, Is.EqualTo("warm_start"));
        Assert.That(_host.Counters.Get("rejected", NmsListeners.SnmpUdp, "community_not_allowed"), Is.EqualTo(1));
    }
}

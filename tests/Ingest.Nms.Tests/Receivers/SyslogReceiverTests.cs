using Correlation.Contracts;
using Correlation.Ingest.Nms.Listening;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>Syslog lines sent by util-linux's logger, RFC 5424 and RFC 3164, over UDP and TCP (both framings).</summary>
public class SyslogReceiverTests
{
    private const string Down = "%LINK-3-UPDOWN: Interface Gi0/1, changed state to down";
    private const string Up = "%LINK-3-UPDOWN: Interface Gi0/1, changed state to up";
    private NmsHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await NmsHost.StartAsync();

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private static string Host => System.Net.Dns.GetHostName();

    private string[] Send(string format, string transport, string priority, string tag, string message)
    {
        var (port, flags) = transport switch
        {
            "udp" => (_host.Port(NmsListeners.SyslogUdp), new[] { "-d" }),
            "tcp" => (_host.Port(NmsListeners.SyslogTcp), new[] { "-T" }),
            _ => (_host.Port(NmsListeners.SyslogTcp), new[] { "-T", "--octet-count" }),
        };
        return [$"--{format}", "-n", "127.0.0.1", "-P", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. flags,
            "-p", priority, "-t", tag, message];
    }

    [TestCase("rfc5424", "udp")]
    [TestCase("rfc5424", "tcp")]
    [TestCase("rfc5424", "tcp-octet-count")]
    [TestCase("rfc3164", "udp")]
    [TestCase("rfc3164", "tcp")]
    [TestCase("rfc3164", "tcp-octet-count")]
    public async Task A_link_down_line_then_up_line_raise_then_clear_the_same_condition(string format, string transport)
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        await Tools.LoggerAsync(Send(format, transport, "local7.err", "cisco", Down));
        await _host.PublishedAsync(1);
        await Tools.LoggerAsync(Send(format, transport, "local7.notice", "cisco", Up));
        var alarms = await _host.PublishedAsync(2);

        var (down, up) = (alarms[0], alarms[1]);
        var listener = transport == "udp" ? NmsListeners.SyslogUdp : NmsListeners.SyslogTcp;
        Assert.Multiple(() =>
        {
            Assert.That(down.SourceKind, Is.EqualTo(SourceKind.Syslog));
            Assert.That(down.SourceName, Is.EqualTo("syslog"));
            Assert.That(down.AlarmType, Is.EqualTo("link_down"));
            Assert.That(down.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(down.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(down.Resource, Is.EqualTo(Host));
            Assert.That(down.Summary, Is.EqualTo(Down));
            Assert.That(down.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute(Host, "link_down", "Gi0/1")));
            Assert.That(down.IdempotencyKey, Does.StartWith("syslog:"));
            Assert.That(down.Labels, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["host"] = Host, ["sourceAddress"] = "127.0.0.1", ["facility"] = "local7", ["instance"] = "Gi0/1", ["app"] = "cisco",
            }));
            Assert.That(down.Details["format"], Is.EqualTo(format));
            Assert.That(down.Details["severity"], Is.EqualTo("error"));
            Assert.That(down.Details["message"], Is.EqualTo(Down));
            Assert.That(down.ObservedAt, Is.GreaterThan(before).And.LessThan(DateTimeOffset.UtcNow.AddSeconds(2)));
            Assert.That(up.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(up.Fingerprint, Is.EqualTo(down.Fingerprint));
            Assert.That(up.Summary, Is.EqualTo(Up));
        });
        Assert.That(_host.Counters.Get("decoded", listener), Is.EqualTo(2));
    }

    [Test]
    public async Task An_RFC_5424_line_keeps_its_structured_data_and_msgid()
    {
        await Tools.LoggerAsync([.. Send("rfc5424", "udp", "daemon.crit", "raid", "array md0 degraded"),
            "--msgid", "RAID7", "--sd-id", "disk@32473", "--sd-param", "slot=\"3\""]);

        var alarm = (await _host.PublishedAsync(1)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(alarm.AlarmType, Is.EqualTo("syslog"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(alarm.Labels["instance"], Is.EqualTo("raid"));
            Assert.That(alarm.Details["msgId"], Is.EqualTo("RAID7"));
            Assert.That(alarm.Details["structuredData"], Does.Contain("[disk@32473 slot=\"3\"]"));
        });
    }

    [Test]
    public async Task A_line_no_rule_wants_below_the_threshold_is_counted_as_ignored()
    {
        await Tools.LoggerAsync(Send("rfc5424", "udp", "user.info", "app", "nothing to see"));

        await _host.CounterAsync("ignored", NmsListeners.SyslogUdp, 1);
        Assert.That(_host.Published(), Is.Empty);
    }
}

using System.Net.Sockets;
using System.Text;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Snmp;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Tests.Snmp;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>Garbage sent to the running listeners: each piece counted by reason, the listeners keep going.</summary>
public class MalformedInputTests
{
    private NmsHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await NmsHost.StartAsync(new Dictionary<string, string>
    {
        ["Nms:Snmp:MaxDatagramBytes"] = "1000",
        ["Nms:Syslog:MaxMessageBytes"] = "1000",
    });

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Random_and_oversized_datagrams_to_the_trap_listener_are_each_counted_as_rejected()
    {
        using var udp = new UdpClient();
        var random = new Random(7);
        const int garbage = 300;
        for (var i = 0; i < garbage; i++)
        {
            var packet = new byte[random.Next(1, 900)];
            random.NextBytes(packet);
            await udp.SendAsync(packet, _host.Endpoint(NmsListeners.SnmpUdp));
        }

        await udp.SendAsync(new byte[1001], _host.Endpoint(NmsListeners.SnmpUdp));
        await udp.SendAsync(TrapPackets.V2c("1.3.6.1.6.3.1.1.5.1"), _host.Endpoint(NmsListeners.SnmpUdp));

        await _host.PublishedAsync(1);
        await _host.CounterAsync("rejected", NmsListeners.SnmpUdp, garbage + 1);
        Assert.That(_host.Counters.Get("rejected", NmsListeners.SnmpUdp, TrapRejection.Oversized), Is.EqualTo(1));
        Assert.That(_host.Counters.Get("received", NmsListeners.SnmpUdp), Is.EqualTo(garbage + 2));
    }

    [Test]
    public async Task Bad_syslog_datagrams_are_counted_and_the_next_good_one_still_becomes_an_alarm()
    {
        using var udp = new UdpClient();
        var endpoint = _host.Endpoint(NmsListeners.SyslogUdp);
        await udp.SendAsync("no pri here"u8.ToArray(), endpoint);
        await udp.SendAsync("<13>9 - - - - - -"u8.ToArray(), endpoint);
        await udp.SendAsync(Encoding.ASCII.GetBytes("<11>" + new string('x', 1100)), endpoint);
        await udp.SendAsync("<11>1 - db-1 pg - - - disk full"u8.ToArray(), endpoint);

        var alarm = (await _host.PublishedAsync(1)).Single();
        await _host.CounterAsync("rejected", NmsListeners.SyslogUdp, 3);
        Assert.Multiple(() =>
        {
            Assert.That(alarm.Resource, Is.EqualTo("db-1"));
            Assert.That(_host.Counters.Get("rejected", NmsListeners.SyslogUdp, SyslogRejection.BadPri), Is.EqualTo(1));
            Assert.That(_host.Counters.Get("rejected", NmsListeners.SyslogUdp, SyslogRejection.BadVersion), Is.EqualTo(1));
            Assert.That(_host.Counters.Get("rejected", NmsListeners.SyslogUdp, TrapRejection.Oversized), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_endless_tcp_line_is_dropped_and_the_connection_goes_on()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_host.Endpoint(NmsListeners.SyslogTcp));
        var stream = client.GetStream();
        var chunk = Encoding.ASCII.GetBytes(new string('x', 4096));
        for (var i = 0; i < 64; i++)
        {
            await stream.WriteAsync(chunk);
        }

        await stream.WriteAsync("\n<11>1 - db-2 pg - - - disk full\n"u8.ToArray());

        var alarm = (await _host.PublishedAsync(1)).Single();
        Assert.That(alarm.Resource, Is.EqualTo("db-2"));
        Assert.That(_host.Counters.Get("rejected", NmsListeners.SyslogTcp, SyslogRejection.TooLong), Is.EqualTo(1));
    }

    [Test]
    public async Task A_bad_octet_count_closes_that_connection_but_not_the_listener()
    {
        using (var bad = new TcpClient())
        {
            await bad.ConnectAsync(_host.Endpoint(NmsListeners.SyslogTcp));
            await bad.GetStream().WriteAsync("12x <13>broken"u8.ToArray());
            await _host.CounterAsync("rejected", NmsListeners.SyslogTcp, 1, SyslogRejection.BadFrame);
        }

        using var good = new TcpClient();
        await good.ConnectAsync(_host.Endpoint(NmsListeners.SyslogTcp));
        await good.GetStream().WriteAsync("31 <11>1 - db-3 pg - - - disk full"u8.ToArray());

        var alarm = (await _host.PublishedAsync(1)).Single();
        Assert.That(alarm.Resource, Is.EqualTo("db-3"));
    }
}

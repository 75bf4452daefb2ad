using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Listening;
using Correlation.Ingest.Nms.Publishing;
using Correlation.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>
/// What syslog has instead of credentials (RFC 5424 and 3164 carry none): the sender's network, checked before a
/// message is parsed, and a per-sender rate; and what happens when the publish queue is full: drops, counted.
/// </summary>
public class SenderChecksTests
{
    private const string Line = "<187>1 2026-11-23T10:14:03Z leeds-sw-1 cisco - - - %LINK-3-UPDOWN: Interface Gi0/1, changed state to down";

    [Test]
    public async Task Syslog_from_a_network_not_allowed_is_dropped_and_counted_over_UDP_and_TCP()
    {
        await using var host = await NmsHost.StartAsync(new Dictionary<string, string> { ["Nms:Syslog:AllowedNetworks:0"] = "192.0.2.0/24" });

        using (var udp = new UdpClient())
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(Line), host.Endpoint(NmsListeners.SyslogUdp));
        }

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(host.Endpoint(NmsListeners.SyslogTcp));
            // The listener closes a connection it will not serve before reading from it; the write may or may not
            // get through before that, which changes nothing.
            try
            {
                await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(Line + "\n"));
            }
            catch (IOException)
            {
            }
        }

        await host.CounterAsync("rejected", NmsListeners.SyslogUdp, 1, "source_not_allowed");
        await host.CounterAsync("rejected", NmsListeners.SyslogTcp, 1, "source_not_allowed");
        Assert.That(host.Counters.Get("decoded", NmsListeners.SyslogUdp), Is.Zero, "refused before parsing");
        Assert.That(host.Published(), Is.Empty);
    }

    [Test]
    public async Task With_no_networks_configured_syslog_from_this_machine_is_taken()
    {
        await using var host = await NmsHost.StartAsync();

        using var udp = new UdpClient();
        await udp.SendAsync(Encoding.UTF8.GetBytes(Line), host.Endpoint(NmsListeners.SyslogUdp));

        Assert.That((await host.PublishedAsync(1)).Single().AlarmType, Is.EqualTo("link_down"));
    }

    [Test]
    public async Task A_sender_over_its_rate_has_its_messages_dropped_and_counted()
    {
        await using var host = await NmsHost.StartAsync(new Dictionary<string, string>
        {
            // One message every 100 seconds after a burst of 2: however slow this machine, the third is over the rate.
            ["Nms:MaxMessagesPerSecondPerSender"] = "0.01",
            ["Nms:BurstPerSender"] = "2",
        });

        using var udp = new UdpClient();
        for (var i = 0; i < 5; i++)
        {
            await udp.SendAsync(Encoding.UTF8.GetBytes(Line + " " + i), host.Endpoint(NmsListeners.SyslogUdp));
        }

        await host.CounterAsync("received", NmsListeners.SyslogUdp, 5);
        await host.CounterAsync("rejected", NmsListeners.SyslogUdp, 3, "rate_limited");
        Assert.That((await host.PublishedAsync(2)).Count, Is.EqualTo(2));
    }

    [Test]
    public void When_the_publish_queue_is_full_new_alarms_are_dropped_and_counted_as_backlog_full()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var ingest = new IngestTelemetry(meters);
        using var telemetry = new NmsTelemetry(meters, ingest);
        using var counters = new NmsCounters(meters);
        var options = Options.Create(new NmsOptions { Publish = new PublishOptions { Capacity = 3 } });
        var rabbit = Options.Create(new RabbitMqOptions { Url = new Uri("amqp://unused@127.0.0.1:1/") });
        // Not started: nothing drains the queue, as when the broker has been away for a while.
        using var batcher = new AlarmBatcher(null!, options, rabbit, telemetry, TimeProvider.System, NullLogger<AlarmBatcher>.Instance);
        var context = new ListenerContext(NmsListeners.SyslogUdp, telemetry,
            new RejectLog(TimeSpan.FromSeconds(10), TimeProvider.System, NullLogger<RejectLog>.Instance), batcher, NullLogger.Instance);

        var offered = Enumerable.Range(0, 10).Select(i => context.Offer(Alarm(i), sender: new IPEndPoint(IPAddress.Loopback, 514))).ToList();

        Assert.That(offered.Count(o => o), Is.EqualTo(3));
        Assert.That(counters.Get("rejected", NmsListeners.SyslogUdp, ListenerContext.BacklogFull), Is.EqualTo(7));
    }

    private static Alarm Alarm(int i) => new(Guid.NewGuid(), $"k{i}", "f", SourceKind.Syslog, "syslog", "r", null, null, "t",
        AlarmSeverity.Major, AlarmStatus.Raised, "s", new Dictionary<string, string>(), new Dictionary<string, string>(),
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}

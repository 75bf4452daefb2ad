using System.Collections.Concurrent;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Listening;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Nms.Tests.Receivers;

/// <summary>A trap and a syslog line through the real RabbitMQ to a consumer, on queues of this run's own.</summary>
public class RabbitMqIntegrationTests
{
    [Test]
    public async Task A_trap_and_a_syslog_line_reach_a_consumer_through_the_real_broker()
    {
        TestServers.RequireRunning();
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = TestServers.UniquePrefix("nms"),
            ["RabbitMq:TemporaryQueues"] = "true",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Nms:Snmp:Port"] = "0",
            ["Nms:Syslog:UdpPort"] = "0",
            ["Nms:Syslog:TcpPort"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(settings));
        builder.AddServiceDefaults();
        builder.AddIngestNms();
        builder.Services.AddSingleton<ConcurrentQueue<Alarm>>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<AlarmSink>());
        builder.AddCorrelationBus();
        await using var host = await LocalWebHost.StartAsync(builder.Build());
        var listeners = host.Services.GetRequiredService<NmsListeners>();

        await Tools.SnmpTrapAsync("-v", "2c", "-c", "public", $"udp:127.0.0.1:{listeners.EndpointOf(NmsListeners.SnmpUdp).Port}", "",
            "1.3.6.1.6.3.1.1.5.3", "1.3.6.1.2.1.2.2.1.1.4", "i", "4");
        await Tools.LoggerAsync("--rfc5424", "-n", "127.0.0.1", "-P", $"{listeners.EndpointOf(NmsListeners.SyslogTcp).Port}", "-T",
            "-p", "local7.err", "-t", "cisco", "%BGP-5-ADJCHANGE: neighbor 10.0.0.1 Down");

        var received = host.Services.GetRequiredService<ConcurrentQueue<Alarm>>();
        await Eventually.ReturnsAsync(() => Task.FromResult(received.Count), c => c >= 2, TimeSpan.FromSeconds(30), "two alarms through RabbitMQ");
        Assert.That(received.Select(a => (a.SourceKind, a.AlarmType, a.Labels["instance"])), Is.EquivalentTo(new[]
        {
            (SourceKind.SnmpTrap, "link_down", "4"),
            (SourceKind.Syslog, "bgp_session_down", "10.0.0.1"),
        }));
    }

    private sealed class AlarmSink(ConcurrentQueue<Alarm> received) : IConsumer<AlarmsReceived>
    {
        public Task Consume(ConsumeContext<AlarmsReceived> context)
        {
            foreach (var alarm in context.Message.Alarms)
            {
                received.Enqueue(alarm);
            }

            return Task.CompletedTask;
        }
    }
}

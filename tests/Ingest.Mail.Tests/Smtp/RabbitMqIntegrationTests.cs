using System.Collections.Concurrent;
using Correlation.Contracts;
using Correlation.Ingest.Mail.Smtp;
using Correlation.Ingest.Mail.Tests.Support;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Mail.Tests.Smtp;

/// <summary>A mail through the real RabbitMQ to a consumer, on queues of this run's own.</summary>
public class RabbitMqIntegrationTests
{
    [Test]
    public async Task A_mail_answered_250_is_an_alarm_on_the_real_broker()
    {
        TestServers.RequireRunning();
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = TestServers.UniquePrefix("mail"),
            ["RabbitMq:TemporaryQueues"] = "true",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Mail:Smtp:Port"] = "0",
            ["Mail:Smtp:AllowedRecipientDomains:0"] = MailHost.Domain,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(settings));
        builder.AddServiceDefaults();
        builder.AddIngestMail();
        builder.Services.AddSingleton<ConcurrentQueue<Alarm>>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<AlarmSink>());
        builder.AddCorrelationBus();
        await using var host = await LocalWebHost.StartAsync(builder.Build());
        await using var client = await SmtpTestClient.ConnectAsync(host.Services.GetRequiredService<SmtpEndpoint>().Bound);

        var reply = await client.SendMailAsync(Mails.Zabbix(false, "Interface Gi0/1: Link down", "leeds-sw-1", "Average"));

        Assert.That(reply, Does.StartWith("250 2.0.0 Accepted as alarm "));
        var received = host.Services.GetRequiredService<ConcurrentQueue<Alarm>>();
        await Eventually.ReturnsAsync(() => Task.FromResult(received.Count), c => c >= 1, TimeSpan.FromSeconds(30), "the alarm through RabbitMQ");
        var alarm = received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(reply, Does.EndWith(alarm.Id.ToString("N")), "the 250 names the alarm the broker holds");
            Assert.That((alarm.SourceKind, alarm.SourceName, alarm.AlarmType, alarm.Resource, alarm.Severity),
                Is.EqualTo((SourceKind.Email, "zabbix", "zabbix_problem", "leeds-sw-1", AlarmSeverity.Minor)));
        });
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

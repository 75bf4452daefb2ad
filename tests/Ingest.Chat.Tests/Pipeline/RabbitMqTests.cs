using System.Net;
using System.Text.Json;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Microsoft.AspNetCore.Builder;
using RabbitMQ.Client;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>
/// Ingest.Chat on the real RabbitMQ (deploy/infra.sh up): a slash-command report is answered only after the
/// broker confirmed its alarm, and the alarm is on the bus, in MassTransit's envelope, as the correlator reads it.
/// Exchanges and the queue have a prefix of this run's own and are removed afterwards.
/// </summary>
[NonParallelizable]
public class RabbitMqTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_reported_problem_is_on_the_bus_as_AlarmsReceived_when_the_reporter_is_answered()
    {
        TestServers.RequireRunning();
        var prefix = TestServers.UniquePrefix("chat");
        var exchange = $"{prefix}.Correlation.Contracts:AlarmsReceived";
        await using var connection = await new ConnectionFactory { Uri = TestServers.RabbitMqUrl }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        // Exclusive: the queue goes with this connection.
        var queue = (await channel.QueueDeclareAsync($"{prefix}.observer", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        try
        {
            await using var host = await StartAsync(prefix);
            var slack = Payloads.SlackCommand("report the network drives are down at the Leeds office", "C0BUS0001");
            var body = System.Text.Encoding.UTF8.GetBytes(slack);
            var now = Signers.Now();

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/slack/commands") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
            request.Headers.Add("X-Slack-Request-Timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, now, body));
            using var response = await host.Client.SendAsync(request);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var answer = (await ChatTestHost.JsonAsync(response)).GetProperty("text").GetString()!;
            // Confirmed before the answer: the message is already in the queue, no waiting.
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            Assert.That(message, Is.Not.Null, "the alarm is in the broker when the answer arrives");
            using var envelope = JsonDocument.Parse(message!.Body);
            var alarm = envelope.RootElement.GetProperty("message").GetProperty("alarms").EnumerateArray().Single();
            Assert.Multiple(() =>
            {
                Assert.That(envelope.RootElement.GetProperty("messageType")[0].GetString(), Is.EqualTo("urn:message:Correlation.Contracts:AlarmsReceived"));
                Assert.That(answer, Does.Contain(alarm.GetProperty("id").GetString()));
                Assert.That(alarm.GetProperty("alarmType").GetString(), Is.EqualTo("user_report"));
                Assert.That(alarm.GetProperty("resource").GetString(), Is.EqualTo("leeds"));
                Assert.That(alarm.GetProperty("site").GetString(), Is.EqualTo("leeds"));
                Assert.That(alarm.GetProperty("sourceName").GetString(), Is.EqualTo("slack"));
                Assert.That(alarm.GetProperty("details").GetProperty("channel_id").GetString(), Is.EqualTo("C0BUS0001"));
            });
            Assert.That(await channel.BasicGetAsync(queue, autoAck: true), Is.Null, "one report, one message");
        }
        finally
        {
            await channel.ExchangeDeleteAsync(exchange);
        }
    }

    private static async Task<LocalWebHost> StartAsync(string prefix)
    {
        var settings = ChatTestHost.Settings();
        settings["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString();
        settings["RabbitMq:EntityPrefix"] = prefix;
        settings["RabbitMq:TemporaryQueues"] = "true";
        settings["Redis:Configuration"] = TestServers.RedisConfiguration;
        settings["Logging:LogLevel:Default"] = "Warning";
        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(settings));
        builder.AddServiceDefaults();
        builder.AddIngestChat();
        builder.AddCorrelationBus();
        var app = builder.Build();
        app.MapIngestChat();
        return await LocalWebHost.StartAsync(app);
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Microsoft.AspNetCore.Builder;
using RabbitMQ.Client;

namespace Correlation.Ingest.Feeds.Tests.Pipeline;

/// <summary>
/// The promise that matters most: with the broker stopped mid-run, no request gets a 2xx for an alarm the
/// broker does not hold. A private RabbitMQ node is stopped and restarted under a steady stream of alarms;
/// afterwards every alarm that was answered 2xx must be in a durable queue bound to the exchange.
/// </summary>
[NonParallelizable]
public class BrokerStopTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task No_alarm_is_acknowledged_that_did_not_reach_the_broker_while_it_stops_and_restarts()
    {
        await using var broker = await PrivateRabbitMq.StartNewAsync();
        var prefix = TestServers.UniquePrefix("brokerstop");
        var exchange = $"{prefix}.Correlation.Contracts:AlarmsReceived";
        var queue = $"{prefix}.count";
        await DeclareQueueAsync(broker.Url, exchange, queue);
        await using var host = await StartIngestAsync(broker.Url, prefix);

        var accepted = new ConcurrentBag<Guid>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var retryAfterMissing = 0;
        using var stop = new CancellationTokenSource();
        var sequence = 0;
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                var body = $$"""{"resource":"stop-{{n}}","alarmType":"link_down","severity":"major","summary":"alarm {{n}}"}""";
                try
                {
                    using var response = await host.Client.PostAsync("/api/v1/alarms", new StringContent(body, Encoding.UTF8, "application/json"));
                    statuses.Add(response.StatusCode);
                    if (response.IsSuccessStatusCode)
                    {
                        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                        accepted.Add(answer.GetProperty("alarms")[0].GetProperty("id").GetGuid());
                    }
                    else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
                    {
                        Interlocked.Increment(ref retryAfterMissing);
                    }
                }
                catch (HttpRequestException)
                {
                    // A connection that failed is no acknowledgement either.
                }
            }
        })).ToList();

        await WaitForAsync(() => accepted.Count >= 50, "alarms accepted before the stop");
        await broker.StopAsync();
        var refusedBefore = statuses.Count(s => s == HttpStatusCode.ServiceUnavailable);
        await WaitForAsync(() => statuses.Count(s => s == HttpStatusCode.ServiceUnavailable) >= refusedBefore + 8, "503s while the broker is down");
        await broker.StartAsync();
        var acceptedAtRestart = accepted.Count;
        await WaitForAsync(() => accepted.Count >= acceptedAtRestart + 50, "alarms accepted again after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        var stored = await StoredAlarmIdsAsync(broker.Url, queue);
        var missing = accepted.Where(id => !stored.Contains(id)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.ServiceUnavailable), "the stop was noticed");
            Assert.That(statuses, Has.All.AnyOf(HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable));
            Assert.That(retryAfterMissing, Is.Zero, "every 503 says when to retry");
            Assert.That(missing, Is.Empty, $"{missing.Count} of {accepted.Count} acknowledged alarms are not in the broker");
        });
    }

    private static async Task<LocalWebHost> StartIngestAsync(Uri broker, string prefix)
    {
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = broker.ToString(),
            ["RabbitMq:EntityPrefix"] = prefix,
            ["RabbitMq:PublishTimeout"] = "00:00:02",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Logging:LogLevel:Default"] = "Critical",
        };
        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(settings));
        builder.AddServiceDefaults();
        builder.AddIngestFeeds();
        builder.AddCorrelationBus();
        var app = builder.Build();
        app.MapIngestFeeds();
        return await LocalWebHost.StartAsync(app);
    }

    private static async Task DeclareQueueAsync(Uri broker, string exchange, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
    }

    /// <summary>The alarm ids of every message in the queue (MassTransit's envelope: message.alarms[].id).</summary>
    private static async Task<HashSet<Guid>> StoredAlarmIdsAsync(Uri broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var ids = new HashSet<Guid>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            using var envelope = JsonDocument.Parse(message.Body);
            foreach (var alarm in envelope.RootElement.GetProperty("message").GetProperty("alarms").EnumerateArray())
            {
                ids.Add(alarm.GetProperty("id").GetGuid());
            }
        }

        return ids;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}

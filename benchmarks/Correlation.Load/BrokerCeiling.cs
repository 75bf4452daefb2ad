using System.Diagnostics;
using System.Threading.RateLimiting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Correlation.Load;

/// <summary>
/// The raw broker's ceiling on this machine, measured in the same run: one RabbitMQ.Client publisher with
/// publisher confirms (a window of outstanding confirms) and one consumer (manual acknowledgements, every
/// 100th acknowledging all before it) on one durable queue, persistent messages of the pipeline's own sizes:
/// an incident event (the pipeline publishes one an alarm) and an AlarmsReceived of 100 alarms (one an HTTP
/// batch). Any pipeline on this broker and machine is bounded by these figures hop by hop.
/// </summary>
internal static class BrokerCeiling
{
    public static async Task<CeilingResult> RunAsync(Harness harness, IReadOnlyList<StepResult> results, CancellationToken cancellationToken)
    {
        var eventBytes = harness.IncidentEventBytes > 0 ? (int)harness.IncidentEventBytes : 1500;
        var batchBytes = harness.AlarmsReceivedBytes > 0 ? harness.AlarmsReceivedBytes : 60_000;
        var seconds = harness.Plan.CeilingSeconds;
        var runs = new List<CeilingRun>
        {
            await RunOneAsync(harness, "one alarm a message (incident event size)", eventBytes, 1, 1000, seconds, cancellationToken),
            await RunOneAsync(harness, "100 alarms a message (AlarmsReceived of an HTTP batch)", batchBytes, 100, 100, seconds, cancellationToken),
        };
        return new CeilingResult(runs);
    }

    private static async Task<CeilingRun> RunOneAsync(Harness harness, string label, int bytes, int alarmsPerMessage, int window, double seconds, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = harness.Options.RabbitUrl, ClientProvidedName = "load-harness-ceiling" };
        await using var publisherConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync(cancellationToken);
        await using var publisher = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
                // A plain window: the client's default ThrottlingRateLimiter slows publishing down well before its limit.
                outstandingPublisherConfirmationsRateLimiter: new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = window, QueueLimit = int.MaxValue })), cancellationToken);
        await using var consumer = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = $"load-ceiling-{Guid.NewGuid():N}";
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await consumer.BasicQosAsync(0, (ushort)Math.Min(window * 2, 2000), false, cancellationToken);
        long consumed = 0;
        long lastConsumed = 0;
        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            var n = Interlocked.Increment(ref consumed);
            Interlocked.Exchange(ref lastConsumed, Stopwatch.GetTimestamp());
            if (n % 100 == 0)
            {
                await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: true);
            }
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, receiver, cancellationToken);

        var body = new byte[bytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
        harness.Sampler.Take();
        var from = Stopwatch.GetTimestamp();
        var until = from + (long)(seconds * Stopwatch.Frequency);
        long published = 0;
        var pending = new Queue<Task>();
        using (harness.Progress($"raw broker, {label}", () => $"published {Interlocked.Read(ref published):N0}, consumed {Interlocked.Read(ref consumed):N0}"))
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                if (pending.Count >= window)
                {
                    await pending.Dequeue();
                }

                pending.Enqueue(publisher.BasicPublishAsync("", queue, false, properties, body, cancellationToken).AsTask());
                published++;
            }

            await Task.WhenAll(pending);
            var deadline = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
            while (Interlocked.Read(ref consumed) < published && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }
        }

        harness.Sampler.Take();
        var to = Stopwatch.GetTimestamp();
        await publisher.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
        var elapsed = Ledger.Seconds(Interlocked.Read(ref lastConsumed) - from);
        var messagesPerSecond = Interlocked.Read(ref consumed) / elapsed;
        var run = new CeilingRun(label, bytes, alarmsPerMessage, window, published, Interlocked.Read(ref consumed), elapsed, messagesPerSecond,
            messagesPerSecond * alarmsPerMessage, harness.Sampler.Between(from, to));
        harness.Say($"== raw broker, {label}: {bytes:N0} B, window {window}: {run.MessagesPerSecond:N0} messages/s = {run.AlarmsPerSecond:N0} alarms/s");
        return run;
    }
}

internal sealed record CeilingResult(IReadOnlyList<CeilingRun> Runs);

internal sealed record CeilingRun(string Label, int Bytes, int AlarmsPerMessage, int Window, long Published, long Consumed, double Seconds,
    double MessagesPerSecond, double AlarmsPerSecond, Usage Usage);

using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Correlation.Benchmarks.Ingest;

/// <summary>
/// Counts the alarms (not the messages: one AlarmsReceived message carries many) that reach a queue bound to
/// the AlarmsReceived exchange, consuming as they arrive, and the distinct alarm ids among them, so that a
/// load run can check that every alarm the sender was told was accepted is in the broker, and none twice.
/// </summary>
public sealed class AlarmQueueCounter
{
    private readonly HashSet<Guid> _ids = [];
    private readonly Stopwatch _clock;
    private long _alarms;
    private TimeSpan _lastArrival;

    private AlarmQueueCounter(Stopwatch clock) => _clock = clock;

    /// <summary>Alarms that arrived, repeats included.</summary>
    public long Alarms => Interlocked.Read(ref _alarms);

    /// <summary>Different alarm ids that arrived.</summary>
    public int Distinct
    {
        get
        {
            lock (_ids)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>When (on the run's clock) the last message arrived.</summary>
    public TimeSpan LastArrival
    {
        get
        {
            lock (_ids)
            {
                return _lastArrival;
            }
        }
    }

    /// <summary>Starts consuming <paramref name="queue"/> (with automatic acknowledgement) on <paramref name="channel"/>.</summary>
    public static async Task<AlarmQueueCounter> StartAsync(IChannel channel, string queue, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var counter = new AlarmQueueCounter(clock);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            counter.Add(delivery.Body);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return counter;
    }

    public void Reset()
    {
        lock (_ids)
        {
            _ids.Clear();
            Interlocked.Exchange(ref _alarms, 0);
            _lastArrival = _clock.Elapsed;
        }
    }

    /// <summary>Waits until <paramref name="expected"/> alarms arrived, or none arrived for <paramref name="quiet"/>.</summary>
    public async Task WaitForAsync(long expected, TimeSpan quiet)
    {
        while (Alarms < expected && _clock.Elapsed - LastArrival < quiet)
        {
            await Task.Delay(20);
        }
    }

    private void Add(ReadOnlyMemory<byte> body)
    {
        // MassTransit's envelope: { "message": { "alarms": [ { "id": ... }, ... ] }, ... }
        using var envelope = JsonDocument.Parse(body);
        var alarms = envelope.RootElement.GetProperty("message").GetProperty("alarms");
        lock (_ids)
        {
            foreach (var alarm in alarms.EnumerateArray())
            {
                _ids.Add(alarm.GetProperty("id").GetGuid());
                _alarms++;
            }

            _lastArrival = _clock.Elapsed;
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Correlation.Contracts;
using RabbitMQ.Client;

namespace Correlation.Faults.Tests;

/// <summary>
/// Everything the pipeline publishes about incidents, as a consumer downstream would see it: a durable queue of
/// the test's own, bound to the exchanges of the incident events, triage decisions, routes and escalations, and
/// drained while the run goes on. The queue is declared (with its exchanges) before any service starts, so no
/// event can be published before it is bound; it survives a broker kill like the services' own queues, and the
/// drain reconnects after one. Events are taken off with acknowledgement only after they are recorded.
/// </summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    private static readonly string[] Events =
    [
        nameof(IncidentOpened), nameof(IncidentUpdated), nameof(IncidentMerged), nameof(IncidentResolved), nameof(IncidentReopened),
        nameof(IncidentTriaged), nameof(IncidentRouted), nameof(IncidentEscalated),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly Uri _broker;
    private readonly string _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task? _drain;
    private long _received;

    private EventRecorder(Uri broker, string queue)
    {
        _broker = broker;
        _queue = queue;
    }

    public ConcurrentQueue<IncidentEvent> Incidents { get; } = new();

    /// <summary>The storm's sequence numbers that some incident event has carried so far.</summary>
    public ConcurrentDictionary<int, bool> Carried { get; } = new();

    public ConcurrentQueue<IncidentTriaged> Triaged { get; } = new();

    public ConcurrentQueue<IncidentRouted> Routed { get; } = new();

    public ConcurrentQueue<IncidentEscalated> Escalated { get; } = new();

    /// <summary>Messages taken off the queue so far, of any kind.</summary>
    public long Received => Interlocked.Read(ref _received);

    public DateTimeOffset LastReceivedAt { get; private set; } = DateTimeOffset.UtcNow;

    public int Reconnects { get; private set; }

    public static async Task<EventRecorder> DeclareAsync(Uri broker, string entityPrefix)
    {
        var queue = $"{entityPrefix}-fault-recorder";
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        foreach (var name in Events)
        {
            var exchange = $"{entityPrefix}.Correlation.Contracts:{name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueBindAsync(queue, exchange, "");
        }

        return new EventRecorder(broker, queue);
    }

    public void Start() => _drain = Task.Run(() => DrainAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_drain is not null)
        {
            try
            {
                await _drain;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }

        _stop.Dispose();
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = _broker, AutomaticRecoveryEnabled = false }
                    .CreateConnectionAsync(cancellationToken);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                while (!cancellationToken.IsCancellationRequested)
                {
                    var message = await channel.BasicGetAsync(_queue, autoAck: false, cancellationToken);
                    if (message is null)
                    {
                        await Task.Delay(100, cancellationToken);
                        continue;
                    }

                    Record(message.Body);
                    await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The broker is away (killed or restarting): what is not acknowledged stays in the durable queue.
                Reconnects++;
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private void Record(ReadOnlyMemory<byte> body)
    {
        using var envelope = JsonDocument.Parse(body);
        var types = envelope.RootElement.GetProperty("messageType").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
        var message = envelope.RootElement.GetProperty("message");
        var kind = Events.FirstOrDefault(e => types.Contains($"urn:message:Correlation.Contracts:{e}"));
        IncidentEvent? incident = null;
        switch (kind)
        {
            case nameof(IncidentOpened):
                var opened = message.Deserialize<IncidentOpened>(Json)!;
                incident = new IncidentEvent(kind, opened.Incident, [.. opened.Earlier ?? [], opened.Alarm], []);
                break;
            case nameof(IncidentUpdated):
                var updated = message.Deserialize<IncidentUpdated>(Json)!;
                incident = new IncidentEvent(kind, updated.Incident, [.. updated.Earlier ?? [], updated.Alarm], []);
                break;
            case nameof(IncidentMerged):
                var merged = message.Deserialize<IncidentMerged>(Json)!;
                incident = new IncidentEvent(kind, merged.Incident, merged.Alarm is null ? [] : [merged.Alarm], merged.Absorbed);
                break;
            case nameof(IncidentResolved):
                var resolved = message.Deserialize<IncidentResolved>(Json)!;
                incident = new IncidentEvent(kind, resolved.Incident, resolved.Alarm is null ? [] : [resolved.Alarm], []);
                break;
            case nameof(IncidentReopened):
                incident = new IncidentEvent(kind, message.Deserialize<IncidentReopened>(Json)!.Incident, [], []);
                break;
            case nameof(IncidentTriaged):
                Triaged.Enqueue(message.Deserialize<IncidentTriaged>(Json)!);
                break;
            case nameof(IncidentRouted):
                Routed.Enqueue(message.Deserialize<IncidentRouted>(Json)!);
                break;
            case nameof(IncidentEscalated):
                Escalated.Enqueue(message.Deserialize<IncidentEscalated>(Json)!);
                break;
            default:
                break;
        }

        if (incident is not null)
        {
            Incidents.Enqueue(incident);
            foreach (var alarm in incident.Alarms)
            {
                if (alarm.Labels.TryGetValue("seq", out var seq) && int.TryParse(seq, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    Carried[n] = true;
                }
            }
        }

        Interlocked.Increment(ref _received);
        LastReceivedAt = DateTimeOffset.UtcNow;
    }
}

/// <summary>An incident event as recorded: the incident's snapshot after it, the alarms it carried, the incidents it absorbed.</summary>
internal sealed record IncidentEvent(string Kind, IncidentSnapshot Incident, IReadOnlyList<Alarm> Alarms, IReadOnlyList<IncidentSnapshot> Absorbed);

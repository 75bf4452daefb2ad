using System.Diagnostics;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Correlation.Load;

/// <summary>
/// A queue of the harness's own bound to the correlator's incident event exchanges
/// (<c>{prefix}.Correlation.Contracts:IncidentOpened</c>, Updated, Merged, Resolved): every event carries the
/// alarm that changed the incident, so its arrival time is that alarm's "correlated" time. The alarm is
/// found by the harness's sequence number, which it put in the idempotency key (HTTP) or in the summary
/// (traps, syslog: ingest makes their keys). Merges are kept so that each alarm's incident can be followed
/// to the one that absorbed it, for the quality figures.
/// </summary>
internal sealed class EventTap : IAsyncDisposable
{
    public static readonly string[] EventTypes = ["IncidentOpened", "IncidentUpdated", "IncidentMerged", "IncidentResolved"];

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly List<Ledger> _ledgers = [];
    private readonly Dictionary<Guid, int> _incidentIds = [];
    private readonly List<int> _mergedInto = [];
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private long _events;
    private long _bytes;
    private long _unmatched;

    private EventTap(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Events whose alarm is none of the harness's (none expected: the run has entities of its own).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public double MeanEventBytes => Events == 0 ? 0 : (double)Interlocked.Read(ref _bytes) / Events;

    public IReadOnlyDictionary<string, long> ByType
    {
        get
        {
            lock (_byType)
            {
                return new Dictionary<string, long>(_byType, StringComparer.Ordinal);
            }
        }
    }

    public static async Task<EventTap> StartAsync(Uri rabbit, string prefix, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = rabbit, ClientProvidedName = "load-harness-tap" };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var tap = new EventTap(connection, channel);
        var queue = (await channel.QueueDeclareAsync($"{prefix}-load-tap", durable: false, exclusive: true, autoDelete: true,
            cancellationToken: cancellationToken)).QueueName;
        foreach (var type in EventTypes)
        {
            // Declared as MassTransit declares it, so that either may come first.
            var exchange = $"{prefix}.Correlation.Contracts:{type}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, exchange, "", cancellationToken: cancellationToken);
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            tap.Take(delivery.Exchange, delivery.Body.Span, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancellationToken);
        return tap;
    }

    public void Track(Ledger ledger)
    {
        lock (_ledgers)
        {
            _ledgers.Add(ledger);
        }
    }

    /// <summary>No more events are matched to <paramref name="ledger"/> (its alarms count as not the harness's from now on).</summary>
    public void Untrack(Ledger ledger)
    {
        lock (_ledgers)
        {
            _ledgers.Remove(ledger);
        }
    }

    /// <summary>
    /// Forgets every incident interned so far and the merges between them, so that a long run holds only what it
    /// needs: the ledgers' incident numbers from before mean nothing after (the soak does not use them).
    /// </summary>
    public void ForgetIncidents()
    {
        lock (_incidentIds)
        {
            _incidentIds.Clear();
            _mergedInto.Clear();
        }
    }

    /// <summary>The incident an interned incident ended in, following merges.</summary>
    public int FinalIncident(int incident)
    {
        lock (_incidentIds)
        {
            while (incident >= 0 && _mergedInto[incident] >= 0 && _mergedInto[incident] != incident)
            {
                incident = _mergedInto[incident];
            }

            return incident;
        }
    }

    private void Take(string exchange, ReadOnlySpan<byte> body, long now)
    {
        Interlocked.Increment(ref _events);
        Interlocked.Add(ref _bytes, body.Length);
        var type = exchange[(exchange.LastIndexOf(':') + 1)..];
        lock (_byType)
        {
            _byType[type] = _byType.GetValueOrDefault(type) + 1;
        }

        if (!EventReader.TryRead(body, out var facts))
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }

        int incident;
        lock (_incidentIds)
        {
            incident = Intern(facts.Incident);
            foreach (var absorbed in facts.Absorbed)
            {
                _mergedInto[Intern(absorbed)] = incident;
            }
        }

        // An operator's merge or resolve carries no alarm; an event can carry a batch's alarms of its incident.
        foreach (var seq in facts.Seqs)
        {
            Ledger? ledger = null;
            lock (_ledgers)
            {
                for (var i = _ledgers.Count - 1; i >= 0; i--)
                {
                    if (_ledgers[i].Holds(seq))
                    {
                        ledger = _ledgers[i];
                        break;
                    }
                }
            }

            if (ledger is null)
            {
                Interlocked.Increment(ref _unmatched);
                continue;
            }

            ledger.MarkCorrelated((int)(seq - ledger.FirstSeq), now, incident);
        }
    }

    private int Intern(Guid id)
    {
        if (!_incidentIds.TryGetValue(id, out var index))
        {
            index = _incidentIds.Count;
            _incidentIds.Add(id, index);
            _mergedInto.Add(-1);
        }

        return index;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        await _connection.CloseAsync();
        _channel.Dispose();
        _connection.Dispose();
    }
}

/// <summary>What the harness needs of one incident event: the incident, the incidents it absorbed and the alarm's sequence number.</summary>
internal readonly record struct EventFacts(Guid Incident, IReadOnlyList<Guid> Absorbed, IReadOnlyList<long> Seqs);

/// <summary>
/// Reads MassTransit's envelope (<c>{"message": {"incident": {"incidentId"}, "absorbed": [...], "alarm": {"idempotencyKey", "summary"},
/// "earlier": [alarms]}}</c>)
/// with a forward-only reader, skipping everything else: the tap sees one event per alarm and shares the cores with the pipeline.
/// </summary>
internal static class EventReader
{
    public const string SeqMarker = "lb-";

    public static bool TryRead(ReadOnlySpan<byte> body, out EventFacts facts)
    {
        facts = default;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isMessage = reader.ValueTextEquals("message"u8);
                    reader.Read();
                    if (isMessage && reader.TokenType == JsonTokenType.StartObject)
                    {
                        return ReadMessage(ref reader, out facts);
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private static bool ReadMessage(ref Utf8JsonReader reader, out EventFacts facts)
    {
        var incident = Guid.Empty;
        List<Guid>? absorbed = null;
        var seqs = new List<long>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("incident"u8))
            {
                reader.Read();
                incident = ReadIncidentId(ref reader);
            }
            else if (reader.ValueTextEquals("absorbed"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    absorbed = [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        absorbed.Add(ReadIncidentId(ref reader));
                    }
                }
            }
            else if (reader.ValueTextEquals("alarm"u8))
            {
                reader.Read();
                if (ReadSeq(ref reader) is var seq and >= 0)
                {
                    seqs.Add(seq);
                }
            }
            else if (reader.ValueTextEquals("earlier"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        if (ReadSeq(ref reader) is var seq and >= 0)
                        {
                            seqs.Add(seq);
                        }
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        facts = new EventFacts(incident, absorbed ?? (IReadOnlyList<Guid>)[], seqs);
        return incident != Guid.Empty;
    }

    /// <summary>The sequence number of the alarm object the reader is on (from its idempotency key, else its summary); the reader ends on its end.</summary>
    private static long ReadSeq(ref Utf8JsonReader reader)
    {
        string? key = null;
        string? summary = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return -1;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("idempotencyKey"u8))
            {
                reader.Read();
                key = reader.GetString();
            }
            else if (reader.ValueTextEquals("summary"u8))
            {
                reader.Read();
                summary = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return SeqOf(key) is var s and >= 0 ? s : SeqOf(summary);
    }

    /// <summary>Reads an object holding <c>incidentId</c>, leaving the reader on its end.</summary>
    private static Guid ReadIncidentId(ref Utf8JsonReader reader)
    {
        var id = Guid.Empty;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return id;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("incidentId"u8))
            {
                reader.Read();
                id = reader.GetGuid();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return id;
    }

    /// <summary>The number after the first "lb-" in <paramref name="text"/>; -1 when there is none.</summary>
    public static long SeqOf(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        var at = text.IndexOf(SeqMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        long seq = 0;
        var digits = 0;
        for (var i = at + SeqMarker.Length; i < text.Length && char.IsAsciiDigit(text[i]); i++, digits++)
        {
            seq = seq * 10 + (text[i] - '0');
        }

        return digits == 0 ? -1 : seq;
    }
}

using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Correlation.Load;

/// <summary>
/// Posts alarms to the host's generic alarm API: <c>/api/v1/alarms/batch</c> (a JSON array a request) or
/// <c>/api/v1/alarms</c> (one alarm a request). An alarm counts as accepted when its request was answered
/// 202, which ingest gives only once the broker confirmed it.
/// </summary>
internal sealed class HttpAlarmSender(HttpClient client)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public ConcurrentDictionary<string, long> Refusals { get; } = new(StringComparer.Ordinal);

    public Func<int, int, Task> Batches(Ledger ledger, DateTimeOffset observedBase) => (start, count) => PostAsync(ledger, start, count, observedBase, batch: true);

    public Func<int, int, Task> Singles(Ledger ledger, DateTimeOffset observedBase) => (start, count) => PostAsync(ledger, start, count, observedBase, batch: false);

    private async Task PostAsync(Ledger ledger, int start, int count, DateTimeOffset observedBase, bool batch)
    {
        if (!batch && count > 1)
        {
            await Task.WhenAll(Enumerable.Range(start, count).Select(i => PostAsync(ledger, i, 1, observedBase, batch: false)));
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(count * 420);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (batch)
            {
                writer.WriteStartArray();
            }

            for (var i = start; i < start + count; i++)
            {
                var alarm = ledger.Alarms[i];
                AlarmJson.Write(writer, alarm, ledger.FirstSeq + i, alarm.StormTime is { } t ? observedBase + t : null);
            }

            if (batch)
            {
                writer.WriteEndArray();
            }
        }

        var sent = Stopwatch.GetTimestamp();
        for (var i = start; i < start + count; i++)
        {
            ledger.MarkSent(i, sent);
        }

        try
        {
            using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(batch ? "/api/v1/alarms/batch" : "/api/v1/alarms", content);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var accepted = Stopwatch.GetTimestamp();
                for (var i = start; i < start + count; i++)
                {
                    ledger.MarkAccepted(i, accepted);
                }

                return;
            }

            Refuse(ledger, count, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Refuse(ledger, count, ex.GetType().Name);
        }
    }

    private void Refuse(Ledger ledger, int count, string why)
    {
        ledger.MarkRejected(count);
        Refusals.AddOrUpdate(why, count, (_, n) => n + count);
    }

    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };
}

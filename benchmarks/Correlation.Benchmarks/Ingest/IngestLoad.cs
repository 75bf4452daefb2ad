using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using RabbitMQ.Client;

namespace Correlation.Benchmarks.Ingest;

/// <summary>
/// Alarms/s accepted over HTTP into the real broker: posts generic alarm batches to a running Ingest.Feeds
/// from a number of concurrent senders for a while, measures request latency, then counts what reached a
/// queue bound to the AlarmsReceived exchange, so that every 202 is checked against the broker.
/// </summary>
public static class IngestLoad
{
    public const string Command = "ingest-load";

    public const string Usage = """
        usage: ingest-load --url <http://host:port> --exchange <name> [options]

          --url <url>           a running Ingest.Feeds (or all-in-one)
          --exchange <name>     the AlarmsReceived exchange it publishes to (with its entity prefix)
          --rabbit <url>        the broker (default RabbitMq__Url, else amqp://correlation:correlation@127.0.0.1:5679/)
          --batch <n>           alarms a request (default 100)
          --senders <n>         requests in flight at once (default 32)
          --seconds <n>         how long to send, after the warm-up (default 20)
          --warmup <n>          seconds sent before measuring (default 3)
          --markdown <file>     write the figures as a Markdown section to this file
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = Options(args);
        if (!options.TryGetValue("url", out var url) || !options.TryGetValue("exchange", out var exchange))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var batch = Int(options, "batch", 100);
        var senders = Int(options, "senders", 32);
        var seconds = Int(options, "seconds", 20);
        var warmup = Int(options, "warmup", 3);
        var rabbit = options.GetValueOrDefault("rabbit") ?? Environment.GetEnvironmentVariable("RabbitMq__Url") ?? "amqp://correlation:correlation@127.0.0.1:5679/";

        var factory = new ConnectionFactory { Uri = new Uri(rabbit) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var queue = $"{exchange}.load-count-{Guid.NewGuid():N}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
        try
        {
            var counter = await AlarmQueueCounter.StartAsync(channel, queue, Stopwatch.StartNew());
            var run = await SendAsync(new Uri(url), batch, senders, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
            // Every 202 came after the broker's confirm, so what is missing here is still on its way to this consumer.
            await counter.WaitForAsync(run.AcceptedTotal, TimeSpan.FromSeconds(5));
            var stored = counter.Distinct;
            var report = Report(run, batch, senders, seconds, stored, counter.Alarms);
            Console.WriteLine(report);
            if (options.TryGetValue("markdown", out var markdown))
            {
                await File.WriteAllTextAsync(markdown, report);
            }

            return stored >= run.AcceptedTotal && counter.Alarms == stored ? 0 : 1;
        }
        finally
        {
            await channel.QueueDeleteAsync(queue);
            // The run's exchange has its own prefix: nothing else publishes to it.
            await channel.ExchangeDeleteAsync(exchange);
        }
    }

    private static async Task<LoadRun> SendAsync(Uri url, int batch, int senders, TimeSpan warmup, TimeSpan measured)
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, batch).Select(Alarm)) + "]");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var stopAt = warmup + measured;
        var latencies = new List<double>[senders];
        var accepted = new long[senders];
        var acceptedTotal = new long[senders];
        var refused = new long[senders];
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async s =>
        {
            latencies[s] = [];
            while (clock.Elapsed < stopAt)
            {
                var started = clock.Elapsed;
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await http.PostAsync("/api/v1/alarms/batch", content);
                var took = clock.Elapsed - started;
                var ok = response.StatusCode == HttpStatusCode.Accepted;
                acceptedTotal[s] += ok ? batch : 0;
                if (started >= measureFrom && clock.Elapsed <= stopAt)
                {
                    latencies[s].Add(took.TotalMilliseconds);
                    accepted[s] += ok ? batch : 0;
                    refused[s] += ok ? 0 : 1;
                }
            }
        }));

        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadRun(accepted.Sum() / measured.TotalSeconds, acceptedTotal.Sum(), refused.Sum(), all.Count,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Count > 0 ? all[^1] : 0);
    }

    private static string Alarm(int i) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"resource":"load-sw-{{{i % 50}}}","site":"load-site-{{{i % 7}}}","alarmType":"link_down","severity":"major","summary":"Interface Gi0/{{{i}}} changed state to down","labels":{"instance":"Gi0/{{{i}}}"}}""");

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

    private static string Report(LoadRun run, int batch, int senders, int seconds, int stored, long arrived) => string.Create(CultureInfo.InvariantCulture, $"""
        | batch | senders | seconds | alarms/s accepted | requests | p50 ms | p99 ms | max ms | refused requests | alarms accepted (incl. warm-up) | distinct alarms in the broker | alarms in the broker |
        |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
        | {batch} | {senders} | {seconds} | {run.AlarmsPerSecond:F0} | {run.Requests} | {run.P50:F1} | {run.P99:F1} | {run.Max:F0} | {run.Refused} | {run.AcceptedTotal} | {stored} | {arrived} |

        """);

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private sealed record LoadRun(double AlarmsPerSecond, long AcceptedTotal, long Refused, int Requests, double P50, double P99, double Max);
}

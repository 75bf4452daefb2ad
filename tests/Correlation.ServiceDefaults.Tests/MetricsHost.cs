using Correlation.AllInOne;
using Correlation.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Correlation.ServiceDefaults.Tests;

/// <summary>
/// The all-in-one host on the real RabbitMQ and Redis (queues, exchanges and keys of its own), with one
/// correlator, so that its /metrics counts every alarm; incidents escalate a second after they are paged
/// unacknowledged, and the console samples its backlog every second. The spans it ends are collected.
/// </summary>
internal sealed class MetricsHost : IAsyncDisposable
{
    private readonly string _routingFile;

    private MetricsHost(LocalWebHost web, RedisTestKeys redis, SpanCollector spans, string entityPrefix, string routingFile)
    {
        Web = web;
        Redis = redis;
        Spans = spans;
        EntityPrefix = entityPrefix;
        _routingFile = routingFile;
    }

    public LocalWebHost Web { get; }

    public RedisTestKeys Redis { get; }

    public SpanCollector Spans { get; }

    /// <summary>What this host's queues and exchanges are named with.</summary>
    public string EntityPrefix { get; }

    public HttpClient Client => Web.Client;

    public static async Task<MetricsHost> StartAsync()
    {
        var redis = await RedisTestKeys.CreateAsync("metrics");
        var routingFile = Path.Combine(Path.GetTempPath(), redis.Prefix.TrimEnd(':') + "-routing.yaml");
        await File.WriteAllTextAsync(routingFile, """
            escalation:
              acknowledgeWithin: { P1: 1s, P2: 1s, P3: 1s, P4: 1s }
            """);
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = redis.Prefix.TrimEnd(':'),
            ["RabbitMq:TemporaryQueues"] = "true",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = redis.Prefix,
            ["Topology:CmdbPath"] = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml"),
            ["Router:ConfigFiles:0"] = routingFile,
            ["Router:SweepInterval"] = "00:00:00.200",
            ["Console:BacklogSampleInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Nms:Snmp:Port"] = "0",
            ["Nms:Syslog:UdpPort"] = "0",
            ["Nms:Syslog:TcpPort"] = "0",
            ["Mail:Smtp:Port"] = "0",
        };
        var spans = new SpanCollector();
        var app = AllInOneApp.Create(LocalWebHost.LoopbackArgs(settings),
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)));
        try
        {
            var web = await LocalWebHost.StartAsync(app);
            return new MetricsHost(web, redis, spans, settings["RabbitMq:EntityPrefix"], routingFile);
        }
        catch
        {
            await app.DisposeAsync();
            await redis.DisposeAsync();
            File.Delete(routingFile);
            throw;
        }
    }

    public Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.ReadAsync(Client);

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Redis.DisposeAsync();
        File.Delete(_routingFile);

        // The router's built-in rules send P3 and P4 incidents to these queues, which nothing reads in a test run.
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = TestServers.RabbitMqUrl }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in new[] { "noc-low", "noc-medium" })
        {
            await channel.QueueDeleteAsync($"{EntityPrefix}-{queue}", ifUnused: false, ifEmpty: false);
        }
    }
}

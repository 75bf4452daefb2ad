using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using StackExchange.Redis;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// The all-in-one host on the real RabbitMQ and Redis, with queues, exchanges and keys of its own so
/// that runs never see each other's messages, and two more correlators in processes of their own on
/// the same queues and keys; its Redis keys are removed at the end.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private readonly IReadOnlyList<CorrelatorProcess> _correlators;

    private readonly string _entityPrefix;

    private PipelineHost(LocalWebHost web, RedisTestKeys redis, IReadOnlyList<CorrelatorProcess> correlators, string entityPrefix)
    {
        Web = web;
        Redis = redis;
        _correlators = correlators;
        _entityPrefix = entityPrefix;
    }

    /// <summary>Correlators in processes of their own beside the host's: three correlators in all.</summary>
    public const int ExtraCorrelators = 2;

    public LocalWebHost Web { get; }

    public RedisTestKeys Redis { get; }

    public HttpClient Client => Web.Client;

    public static async Task<PipelineHost> StartAsync()
    {
        var redis = await RedisTestKeys.CreateAsync("pipeline");
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = redis.Prefix.TrimEnd(':'),
            // This run's queues go away with it instead of piling up in the broker.
            ["RabbitMq:TemporaryQueues"] = "true",
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = redis.Prefix,
            ["Topology:CmdbPath"] = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml"),
            ["Correlator:HoldDown"] = "00:00:01",
            ["Correlator:ResolveInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            // The trap and syslog listeners on free ports: runs beside `make run` or each other must not clash.
            ["Nms:Snmp:Port"] = "0",
            ["Nms:Syslog:UdpPort"] = "0",
            ["Nms:Syslog:TcpPort"] = "0",
            // The SMTP receiver too (the IMAP poller is off unless a mailbox is configured).
            ["Mail:Smtp:Port"] = "0",
        };
        var web = await LocalWebHost.StartAsync(AllInOneApp.Create(LocalWebHost.LoopbackArgs(settings)));
        var correlators = new List<CorrelatorProcess>();
        for (var i = 0; i < ExtraCorrelators; i++)
        {
            correlators.Add(await CorrelatorProcess.StartAsync(settings));
        }

        return new PipelineHost(web, redis, correlators, settings["RabbitMq:EntityPrefix"]);
    }

    public IDatabase Database => Redis.Database;

    public async ValueTask DisposeAsync()
    {
        foreach (var correlator in _correlators)
        {
            await correlator.DisposeAsync();
        }

        await Web.DisposeAsync();
        await Redis.DisposeAsync();

        // The router's built-in rules send P3 and P4 incidents to these queues, which are the NOC's to read:
        // nothing reads them in a test run, and a queue with messages is not temporary.
        await using var connection = await new RabbitMQ.Client.ConnectionFactory { Uri = TestServers.RabbitMqUrl }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in new[] { "noc-low", "noc-medium" })
        {
            await channel.QueueDeleteAsync($"{_entityPrefix}-{queue}", ifUnused: false, ifEmpty: false);
        }
    }
}

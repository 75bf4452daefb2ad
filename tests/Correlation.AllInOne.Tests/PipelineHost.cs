using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using StackExchange.Redis;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// The all-in-one host on the real RabbitMQ and Redis, with queues, exchanges and keys of its own so
/// that runs never see each other's messages; its Redis keys are removed at the end.
/// </summary>
internal sealed class PipelineHost : IAsyncDisposable
{
    private PipelineHost(LocalWebHost web, RedisTestKeys redis)
    {
        Web = web;
        Redis = redis;
    }

    public LocalWebHost Web { get; }

    public RedisTestKeys Redis { get; }

    public HttpClient Client => Web.Client;

    public static async Task<PipelineHost> StartAsync()
    {
        var redis = await RedisTestKeys.CreateAsync("pipeline");
        var prefix = redis.Prefix.TrimEnd(':');
        var app = AllInOneApp.Create(LocalWebHost.LoopbackArgs(new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = TestServers.RabbitMqUrl.ToString(),
            ["RabbitMq:EntityPrefix"] = prefix,
            ["Redis:Configuration"] = TestServers.RedisConfiguration,
            ["Redis:KeyPrefix"] = redis.Prefix,
            ["Topology:CmdbPath"] = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml"),
            ["Correlator:HoldDown"] = "00:00:01",
            ["Correlator:ResolveInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        }), builder => builder.Services.AddBusConsumers(bus => bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
        {
            // This run's queues go away with it instead of piling up in the broker.
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
            }
        })));
        return new PipelineHost(await LocalWebHost.StartAsync(app), redis);
    }

    public IDatabase Database => Redis.Database;

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

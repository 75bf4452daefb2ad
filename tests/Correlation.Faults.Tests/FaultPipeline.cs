using Correlation.Testing;

namespace Correlation.Faults.Tests;

/// <summary>
/// The pipeline under test, all of it on servers of its own: a private RabbitMQ node and a private redis-server
/// (append-only file on, as deploy/infra.sh runs it), and Ingest.Feeds, the correlator, triage and the router (and,
/// when asked, the console) each in a process of its own from its built dll. There is one instance of each, or
/// several (the scale-out test): instances of one service share its queues, as competing consumers, and its Redis
/// key space. Queues are the deployment's (durable quorum queues, not the test runs' temporary ones). The router
/// sends every notification to a local webhook; a durable queue of the test's records every incident event,
/// triage decision and route. Everything is stopped and removed at the end.
/// </summary>
internal sealed class FaultPipeline : IAsyncDisposable
{
    public const string EntityPrefix = "faults";

    private FaultPipeline(PrivateRabbitMq broker, PrivateRedis redis, EventRecorder recorder, WebhookSink webhook, string configFolder)
    {
        Broker = broker;
        Redis = redis;
        Recorder = recorder;
        Webhook = webhook;
        ConfigFolder = configFolder;
    }

    public PrivateRabbitMq Broker { get; }

    public PrivateRedis Redis { get; }

    public EventRecorder Recorder { get; }

    public WebhookSink Webhook { get; }

    public string ConfigFolder { get; }

    /// <summary>The services' names, as their projects are named, in the order the pipeline runs them; the console is optional.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = ["Ingest.Feeds", "Correlator", "Triage", "Router", "Console"];

    /// <summary>The first (with one instance a service, the only) ingest: where the fault suite sends its storm.</summary>
    public ServiceProcess Ingest => Instances("Ingest.Feeds")[0];

    /// <summary>Every instance of every service.</summary>
    public IReadOnlyList<ServiceProcess> Services { get; private set; } = [];

    /// <summary>The instances of one service (by project name, e.g. Correlator), in the order they were made.</summary>
    public IReadOnlyList<ServiceProcess> Instances(string name) =>
        [.. Services.Where(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))];

    public static async Task<FaultPipeline> StartAsync(bool appendOnly = true, int instances = 1, bool console = false)
    {
        var folder = Directory.CreateTempSubdirectory("corr-faults-").FullName;
        PrivateRabbitMq? broker = null;
        PrivateRedis? redis = null;
        EventRecorder? recorder = null;
        WebhookSink? webhook = null;
        try
        {
            var starting = PrivateRabbitMq.StartNewAsync();
            redis = await PrivateRedis.StartNewAsync(appendOnly);
            webhook = await WebhookSink.StartAsync();
            broker = await starting;
            recorder = await EventRecorder.DeclareAsync(broker.Url, EntityPrefix);
            recorder.Start();
            var pipeline = new FaultPipeline(broker, redis, recorder, webhook, folder);
            await pipeline.StartServicesAsync(instances, console);
            return pipeline;
        }
        catch
        {
            if (recorder is not null)
            {
                await recorder.DisposeAsync();
            }

            if (webhook is not null)
            {
                await webhook.DisposeAsync();
            }

            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            if (broker is not null)
            {
                await broker.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private async Task StartServicesAsync(int instances, bool console)
    {
        var routing = Path.Combine(ConfigFolder, "routing.yaml");
        await File.WriteAllTextAsync(routing, $$"""
            # Every triaged incident is notified to the test's webhook.
            rules:
              - name: everything
                when: { priority: [P1, P2, P3, P4] }
                notify: [webhook:sink]
            webhooks:
              - { name: sink, format: generic, url: "{{Webhook.Url}}" }

            """);
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Url"] = Broker.Url.ToString(),
            ["RabbitMq:EntityPrefix"] = EntityPrefix,
            ["RabbitMq:PublishTimeout"] = "00:00:02",
            ["Redis:Configuration"] = Redis.Configuration,
            ["Topology:CmdbPath"] = FaultStorm.SampleCmdb,
            // The storm does not clear; no incident may resolve while it is counted.
            ["Correlator:HoldDown"] = "01:00:00",
            ["Router:ConfigFiles:0"] = routing,
            // A killed router's claimed deliveries and timers are taken up again this soon after.
            ["Router:ClaimLease"] = "00:00:05",
            ["Router:RedeliveryDelay"] = "00:00:01",
            ["Router:MaxRedeliveryDelay"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "Error",
            ["DOTNET_gcServer"] = "0",
        };
        Services = [.. ServiceNames.Where(name => console || name != "Console")
            .SelectMany(name => Enumerable.Range(1, instances).Select(n => ServiceProcess.Create(name, settings, instances > 1 ? n : null)))];
        // Consumers first, so their queues are bound before ingest publishes anything.
        await Task.WhenAll(Services.Where(s => s.Name != "Ingest.Feeds").Select(s => s.StartAsync()));
        await Task.WhenAll(Instances("Ingest.Feeds").Select(s => s.StartAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }

        await Recorder.DisposeAsync();
        await Webhook.DisposeAsync();
        await Redis.DisposeAsync();
        await Broker.DisposeAsync();
        try
        {
            Directory.Delete(ConfigFolder, recursive: true);
        }
        catch (IOException)
        {
            // The system cleans its temporary folder.
        }
    }
}

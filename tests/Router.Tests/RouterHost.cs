using Correlation.Contracts;
using Correlation.Router.Delivery;
using Correlation.Router.Escalation;
using Correlation.Router.Projection;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests;

/// <summary>
/// The router as AddRouter() composes it, on MassTransit's in-memory harness, the real Redis (a key prefix
/// of the test's own) and a fake clock, with the routing file given as text. The timer sweeper's own tick
/// is a day unless asked for, so tests fire timers with <see cref="SweepTimersAsync"/> at the moments they choose.
/// </summary>
internal sealed class RouterHost : IAsyncDisposable
{
    private readonly string _folder;

    private RouterHost(LocalWebHost web, string folder)
    {
        Web = web;
        _folder = folder;
    }

    public LocalWebHost Web { get; }

    public ITestHarness Harness => Web.Harness();

    public IncidentRouter Router => Web.Services.GetRequiredService<IncidentRouter>();

    public TimerStore Timers => Web.Services.GetRequiredService<TimerStore>();

    public DeliveryOutbox Outbox => Web.Services.GetRequiredService<DeliveryOutbox>();

    public IncidentProjectionStore Projection => Web.Services.GetRequiredService<IncidentProjectionStore>();

    public static string CmdbPath => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    public static async Task<RouterHost> StartAsync(RedisTestKeys redis, FakeTimeProvider clock, string? routingYaml,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var folder = Path.Combine(Path.GetTempPath(), "router-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string>(redis.Settings)
        {
            ["Topology:CmdbPath"] = CmdbPath,
            ["Router:SweepInterval"] = "1.00:00:00",
            ["Router:WebhookRetryDelay"] = "00:00:00",
        };
        if (routingYaml is not null)
        {
            var file = Path.Combine(folder, "routing.yaml");
            await File.WriteAllTextAsync(file, routingYaml);
            all["Router:ConfigFiles:0"] = file;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        try
        {
            var web = await HarnessHost.StartAsync(b => b.AddRouter(), settings: all,
                configureServices: s => s.AddSingleton<TimeProvider>(clock));
            return new RouterHost(web, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public Task<int> SweepTimersAsync() => Web.Services.GetRequiredService<TimerSweeper>().SweepAsync();

    public Task<int> SweepDeliveriesAsync() => Web.Services.GetRequiredService<DeliveryWorker>().SweepAsync();

    public IReadOnlyList<T> Published<T>() where T : class =>
        [.. Harness.Published.Select<T>().Select(m => m.Context.Message)];

    public IReadOnlyList<IncidentEscalated> Escalations(Guid incidentId, EscalationReason reason) =>
        [.. Published<IncidentEscalated>().Where(e => e.IncidentId == incidentId && e.Reason == reason)];

    /// <summary>Publishes on the harness bus and waits until the router consumed it.</summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        var consumed = Harness.Consumed.Select<T>().Count();
        await Harness.Bus.Publish(message);
        await Eventually.ReturnsAsync(() => Task.FromResult(Harness.Consumed.Select<T>().Count()), n => n > consumed,
            TimeSpan.FromSeconds(30), $"the router to consume {typeof(T).Name}");
    }

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// A recording stand-in for the bus, for tests that call the router's classes directly. With
/// <paramref name="crashAfterPublish"/>, a route (<see cref="IncidentRouted"/>) is recorded and then throws, as if the
/// process died right after the broker confirmed it.
/// </summary>
internal sealed class RecordedEvents(bool crashAfterPublish = false) : IRouterEvents
{
    private readonly List<object> _events = [];
    private readonly List<Guid?> _ids = [];

    /// <summary>The message id each publish asked for (null: the bus's own).</summary>
    public IReadOnlyList<Guid?> Ids
    {
        get
        {
            lock (_events)
            {
                return [.. _ids];
            }
        }
    }

    public IReadOnlyList<object> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<T> Of<T>() => [.. All.OfType<T>()];

    public Task PublishAsync(object message, CancellationToken cancellationToken, Guid? messageId = null)
    {
        lock (_events)
        {
            _events.Add(message);
            _ids.Add(messageId);
        }

        return crashAfterPublish && message is IncidentRouted ? throw new InvalidOperationException("the process died after the publish") : Task.CompletedTask;
    }
}

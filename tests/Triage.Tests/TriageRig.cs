using Correlation.Contracts;
using Correlation.Testing;
using Correlation.Topology;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;
using Correlation.Triage.Priority;
using Correlation.Triage.Similar;
using Correlation.Triage.Store;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests;

/// <summary>The triager on the real Redis under a key prefix of its own, with a fake clock; no bus.</summary>
internal sealed class TriageRig : IAsyncDisposable
{
    private readonly ServiceProvider _metrics;

    private TriageRig(RedisTestKeys redis, TriageOptions options, NetworkTopology topology, TriagePolicy policy)
    {
        Redis = redis;
        Options = options;
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Store = new TriageStore(redis.Connection, redis.Options, wrapped);
        Similar = new SimilarIncidentStore(redis.Connection, redis.Options, wrapped, Time);
        Triager = new IncidentTriager(Store, Similar, new PolicyProvider(policy, NullLogger<PolicyProvider>.Instance), new TriageTopology(topology),
            wrapped, Time, new TriageTelemetry(_metrics.GetRequiredService<IMeterFactory>()), NullLogger<IncidentTriager>.Instance);
    }

    public RedisTestKeys Redis { get; }

    public TriageOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(Weekday);

    public TriageStore Store { get; }

    public SimilarIncidentStore Similar { get; }

    public IncidentTriager Triager { get; }

    public static async Task<TriageRig> StartAsync(NetworkTopology? topology = null, TriagePolicy? policy = null, TriageOptions? options = null) =>
        new(await RedisTestKeys.CreateAsync("triage"), options ?? new TriageOptions(), topology ?? SampleCmdb.Value, policy ?? PolicyLoader.BuiltIn);

    /// <summary>Hands in an incident event and, as the consumer does once it has published, confirms what came out.</summary>
    public async Task<TriageOutcome> EventAsync(IncidentSnapshot incident, Alarm alarm, params IncidentSnapshot[] absorbed)
    {
        var outcome = await Triager.OnIncidentAsync(incident, alarm, absorbed);
        await Triager.ConfirmAsync(outcome);
        return outcome;
    }

    public Task<TriageOutcome> EventAsync(Guid id, long version, Alarm alarm, string? cause = null, string title = "incident") =>
        EventAsync(Snapshot(id, version, title, cause: cause), alarm);

    public async Task<TriageOutcome> WatchAsync(Guid id, bool watch, string by = "alice", string reason = "CEO called")
    {
        var outcome = await Triager.OnWatchAsync(new WatchIncident(id, watch, by, reason, Time.GetUtcNow()));
        await Triager.ConfirmAsync(outcome);
        return outcome;
    }

    public async Task<TriageOutcome> ChecklistAsync(Guid id, ChecklistChange change, string? item = null, string? text = null, string by = "bob")
    {
        var outcome = await Triager.OnChecklistAsync(new UpdateChecklist(id, change, item, text, by, Time.GetUtcNow()));
        await Triager.ConfirmAsync(outcome);
        return outcome;
    }

    public async ValueTask DisposeAsync()
    {
        await _metrics.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

using Correlation.Contracts;
using Correlation.Correlator.Live;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Correlation.Topology;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Correlator.Tests.Live;

/// <summary>
/// Live correlators over the real Redis and the sample CMDB (or a CMDB of the test's own), sharing one
/// key prefix: each <see cref="NewCorrelator"/> is what another correlator process would be.
/// </summary>
internal sealed class LiveWindow : IAsyncDisposable
{
    public static DateTimeOffset T0 => Alarms.Start;
    private static readonly ServiceProvider Meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string _cmdb;
    private readonly string? _ownCmdb;

    private LiveWindow(RedisTestKeys redis, string cmdb, string? ownCmdb, CorrelatorOptions options, ScoringOptions scoring)
    {
        Redis = redis;
        _cmdb = cmdb;
        _ownCmdb = ownCmdb;
        Options = options;
        Scoring = scoring;
        Keys = new WindowKeys(redis.Options);
        Pending = new PendingResolutions(redis.Connection, Keys, Microsoft.Extensions.Options.Options.Create(options), Time);
    }

    public RedisTestKeys Redis { get; }

    public FakeTimeProvider Time { get; } = new(T0);

    public CorrelatorOptions Options { get; }

    public ScoringOptions Scoring { get; }

    public WindowKeys Keys { get; }

    public PendingResolutions Pending { get; }


    public static async Task<LiveWindow> CreateAsync(string name, CorrelatorOptions? options = null, ScoringOptions? scoring = null,
        NetworkTopology? topology = null)
    {
        var redis = await RedisTestKeys.CreateAsync(name);
        string? own = null;
        if (topology is not null)
        {
            own = Path.Combine(Path.GetTempPath(), $"cmdb-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(own, CmdbWriter.Write(topology));
        }

        return new LiveWindow(redis, own ?? Alarms.SampleCmdb, own, options ?? new CorrelatorOptions(), scoring ?? new ScoringOptions());
    }

    public LiveCorrelator NewCorrelator(ActiveRules? rules = null)
    {
        var topology = new TopologyProvider(Microsoft.Extensions.Options.Options.Create(new TopologyOptions { CmdbPath = _cmdb }), Time,
            NullLogger<TopologyProvider>.Instance);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        return new LiveCorrelator(Redis.Connection, Keys, options, rules ?? new ActiveRules(Microsoft.Extensions.Options.Options.Create(Scoring)), topology, Time,
            new CorrelatorTelemetry(Meters.GetRequiredService<IMeterFactory>()), new LearnedModels(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        if (_ownCmdb is not null)
        {
            File.Delete(_ownCmdb);
        }
    }
}

using BenchmarkDotNet.Attributes;
using Correlation.Cli.Generation;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;

namespace Correlation.Benchmarks;

/// <summary>
/// The decision alone, with no store: Decider.Prepare and Decide for alarms of a dense generated storm
/// against an in-memory window already holding the storm's earlier alarms (nothing is committed, so every
/// invocation sees the same window). What the live correlator spends on top of this is the store.
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmark
{
    private const int Window = 4000;
    private const int Decided = 500;
    private Decider _decider = null!;
    private InMemoryWindowState _state = null!;
    private Alarm[] _alarms = [];

    [GlobalSetup]
    public void Setup()
    {
        // The load benchmark's storm shape (200 sites, 100,000 alarms in 12 h), cut to its first few thousand alarms.
        var storm = StormGenerator.Generate(new GenerationOptions
        {
            Seed = 9,
            Alarms = Window + Decided,
            Sites = 200,
            Duration = TimeSpan.FromHours(12.0 * (Window + Decided) / 100_000),
        });
        var scoring = new ScoringOptions();
        _decider = new Decider(storm.Network, scoring);
        _state = new InMemoryWindowState(scoring);
        var opened = 0;
        var core = new CorrelationCore(_decider, _state, () => "incident-" + ++opened);
        foreach (var alarm in storm.Alarms.Take(Window))
        {
            _ = core.CorrelateAsync(alarm.Alarm).AsTask().GetAwaiter().GetResult();
        }

        _alarms = [.. storm.Alarms.Skip(Window).Select(a => a.Alarm)];
    }

    [Benchmark(OperationsPerInvoke = Decided)]
    public int PrepareAndDecide()
    {
        var candidates = 0;
        foreach (var alarm in _alarms)
        {
            var context = _decider.Prepare(alarm);
            var view = _state.ReadAsync(context).AsTask().GetAwaiter().GetResult();
            candidates += _decider.Decide(context, view.Held, view.Found).Candidates.Count;
        }

        return candidates;
    }
}

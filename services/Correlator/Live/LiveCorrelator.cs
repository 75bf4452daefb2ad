using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.Topology;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The live correlator: decides alarms a batch at a time with the same <see cref="Decider"/> and
/// <see cref="CorrelationCore"/> as the offline replay, against the window in Redis
/// (<see cref="RedisBatchWindow"/>), and says which incident events follow. Several correlators, or
/// several batches at once, are kept consistent by the store's re-check.
/// </summary>
public sealed class LiveCorrelator
{
    /// <summary>How many of an alarm's best candidates its decision record keeps (a storm limit: hub alarms have dozens).</summary>
    public const int CandidatesKept = 8;

    private readonly TopologyProvider _topology;
    private readonly RedisBatchWindow _window;
    private readonly ActiveRules _rules;
    private readonly Learned _learned;
    private readonly CorrelatorTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _models;
    private DeciderForTopology? _current;

    /// <summary>This correlator, as its decision records name it.</summary>
    private static readonly string DecidedBy = $"{Environment.MachineName}/{Environment.ProcessId}";

    public LiveCorrelator(IConnectionMultiplexer redis, WindowKeys keys, IOptions<CorrelatorOptions> options, ActiveRules rules,
        TopologyProvider topology, TimeProvider time, CorrelatorTelemetry telemetry, LearnedModels models)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        _topology = topology;
        _rules = rules;
        _learned = models.ForScoring;
        _models = models.Versions;
        _telemetry = telemetry;
        _time = time;
        _window = new RedisBatchWindow(redis, keys, options.Value, time);
    }

    /// <summary>
    /// Correlates alarms that arrived together, in the order they were observed, as one batch against
    /// the window in Redis. Returns the incident events to publish (none for an ignored clear).
    /// </summary>
    public async Task<IReadOnlyList<object>> CorrelateAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        if (alarms.Count == 0)
        {
            return [];
        }

        var started = Stopwatch.GetTimestamp();
        // In line to read the window in the order the batches were handed in, before preparing this one (on
        // the thread pool: that is not the caller's work).
        var entered = _window.EnterAsync(cancellationToken);
        List<AlarmContext> contexts;
        DeciderForTopology setup;
        try
        {
            await Task.Yield();
            setup = CurrentSetup();
            var decider = setup.Decider;
            contexts = alarms.OrderBy(a => a.ObservedAt).Select(decider.Prepare).ToList();
        }
        catch
        {
            (await entered).Dispose();
            throw;
        }

        var results = await _window.CorrelateAsync(setup.Decider, contexts, (alarm, decision) => Explain(alarm, decision, setup.Version, setup.Rules),
            facts => ProbableCause.Find(setup.Decider.Topology, facts)?.ToString(), entered, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var events = new List<object>();
        for (var i = 0; i < contexts.Count; i++)
        {
            var (stored, decision) = results[i];
            _telemetry.Decided(stored.Outcome.ToString().ToLowerInvariant(), elapsed, decision?.Attempts ?? 1, _time.GetUtcNow() - contexts[i].Alarm.ReceivedAt, stored.Absorbed.Count);
            events.AddRange(Events(stored, contexts[i].Alarm));
        }

        return events;
    }

    /// <summary>Correlates one alarm; returns the incident events to publish (none for an ignored clear).</summary>
    public Task<IReadOnlyList<object>> CorrelateAsync(Alarm alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return CorrelateAsync([alarm], cancellationToken);
    }

    private static IReadOnlyList<object> Events(LiveCommit stored, Alarm alarm) => stored switch
    {
        { Incident: null } => [],
        { Outcome: LiveOutcome.Opened } => [new IncidentOpened(stored.Incident, alarm)],
        { Absorbed.Count: > 0 } => [new IncidentMerged(stored.Incident, stored.Absorbed, alarm)],
        // A redelivered alarm is published again with the incident's current version: if this process
        // died after storing but before publishing, the redelivery still tells everyone; consumers drop
        // versions they have already seen.
        _ => [new IncidentUpdated(stored.Incident, alarm)],
    };

    /// <summary>The decider for the current topology: what an operator's split or move works the incidents' facts out with.</summary>
    public Decider CurrentDecider() => Decider().Decider;

    private (long Version, Decider Decider) Decider()
    {
        var current = CurrentSetup();
        return (current.Version, current.Decider);
    }

    private DeciderForTopology CurrentSetup()
    {
        var snapshot = _topology.Snapshot;
        var rules = _rules.Current;
        var current = Volatile.Read(ref _current);
        if (current is null || current.Version != snapshot.Version || current.Rules.Version != rules.Version)
        {
            // A reloaded CMDB or newly activated rules take effect from the next batch; incidents keep what they
            // learned. What the scoring asks of the network is worked out for every device in the background,
            // off the alarms' path; until it is done, each answer is worked out when first asked.
            var topology = snapshot.Topology;
            var warmed = current is not null && current.Version == snapshot.Version
                ? current.Warmed
                : Task.Run(() => FailurePaths.Of(topology).Warm());
            current = new DeciderForTopology(snapshot.Version, rules, new Decider(topology, rules.Options, _learned), warmed);
            Volatile.Write(ref _current, current);
        }

        return current;
    }

    private sealed record DeciderForTopology(long Version, RuleSet Rules, Decider Decider, Task Warmed);

    /// <summary>Completes when the current topology's scoring answers are all worked out (benchmarks wait for it).</summary>
    public Task WarmedAsync()
    {
        Decider();
        return Volatile.Read(ref _current)!.Warmed;
    }

    private string Explain(AlarmContext alarm, CorrelationDecision decision, long topologyVersion, RuleSet rules)
    {
        var scoring = rules.Options;
        var best = decision.Candidates.Count > 0 ? decision.Candidates[0] : null;
        var reason = decision.Kind switch
        {
            DecisionKind.Repeat => alarm.Facts.IsClear ? "clears a condition the incident holds" : "repeats a condition the incident holds",
            DecisionKind.Ignored => "clears a condition no open incident holds",
            DecisionKind.Opened when best is null => "no open incident near it in the network or in time",
            DecisionKind.Opened => string.Create(CultureInfo.InvariantCulture,
                $"best candidate scored {best!.Score.Total:0.000}, below the join threshold {scoring.JoinThreshold:0.00}"),
            DecisionKind.Merged => string.Create(CultureInfo.InvariantCulture,
                $"scored {best!.Score.Total:0.000} ({best.Score.Relation}); at least {scoring.MergeThreshold:0.00} against {decision.MergedIncidents.Count + 1} incidents, which were merged"),
            _ when decision.Related is { Count: > 0 } => string.Create(CultureInfo.InvariantCulture,
                $"scored {best!.Score.Total:0.000} ({best.Score.Relation}); it ties {decision.Related.Count} more incident(s) that went past {scoring.MergeUntil}, linked as related, not merged"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"scored {best!.Score.Total:0.000} ({best.Score.Relation}), at least the join threshold {scoring.JoinThreshold:0.00}"),
        };
        var record = new Explanation(alarm.Alarm.Id, alarm.Alarm.Fingerprint, decision.IncidentId, decision.Kind, reason, scoring.JoinThreshold,
            scoring.MergeThreshold, [.. decision.Candidates.Take(CandidatesKept)], decision.Candidates.Count, decision.MergedIncidents, decision.Related ?? [], decision.Attempts, topologyVersion, rules.Version,
            _models, _time.GetUtcNow(), DecidedBy);
        return JsonSerializer.Serialize(record, ExplanationJson.Options);
    }
}

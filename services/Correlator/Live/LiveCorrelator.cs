using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Topology;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The live correlator: decides each alarm with the same <see cref="Decider"/> as the offline replay,
/// against the window in Redis, and says which incident events follow. Alarms about the same place are
/// decided one at a time within this process (they would only make each other's views stale); across
/// processes the store's re-check keeps decisions consistent.
/// </summary>
public sealed class LiveCorrelator
{
    private const int Stripes = 256;
    private readonly TopologyProvider _topology;
    private readonly RedisWindowState _state;
    private readonly ScoringOptions _scoring;
    private readonly Learned _learned;
    private readonly CorrelatorTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly string _rulesVersion;
    private readonly IReadOnlyList<string> _models;
    private CoreForTopology? _current;

    public LiveCorrelator(IConnectionMultiplexer redis, WindowKeys keys, IOptions<CorrelatorOptions> options, IOptions<ScoringOptions> scoring,
        TopologyProvider topology, TimeProvider time, CorrelatorTelemetry telemetry, LearnedModels models)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(models);
        _topology = topology;
        _scoring = scoring.Value;
        _learned = models.ForScoring;
        _models = models.Versions;
        _telemetry = telemetry;
        _time = time;
        _rulesVersion = RulesVersion(_scoring);
        _state = new RedisWindowState(redis, keys, options.Value, _scoring, time, Explain,
            facts => ProbableCause.Find(_topology.Current, facts)?.ToString());
    }

    /// <summary>
    /// Correlates alarms that arrived together: in the order they were observed where they are about the
    /// same place (site, else device, else service), places in parallel. Returns the incident events.
    /// </summary>
    public async Task<IReadOnlyList<object>> CorrelateAsync(IReadOnlyList<Alarm> alarms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        var core = Core();
        var places = alarms.OrderBy(a => a.ObservedAt)
            .Select(a => (Started: Stopwatch.GetTimestamp(), Context: core.Decider.Prepare(a)))
            .GroupBy(a => StripeOf(a.Context), StringComparer.OrdinalIgnoreCase);
        var results = await Task.WhenAll(places.Select(async place =>
        {
            var events = new List<object>();
            foreach (var (started, context) in place)
            {
                events.AddRange(await CorrelateAsync(core, context, started, cancellationToken));
            }

            return events;
        }));
        return [.. results.SelectMany(e => e)];
    }

    /// <summary>Correlates one alarm; returns the incident events to publish (none for an ignored clear).</summary>
    public Task<IReadOnlyList<object>> CorrelateAsync(Alarm alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var started = Stopwatch.GetTimestamp();
        var core = Core();
        return CorrelateAsync(core, core.Decider.Prepare(alarm), started, cancellationToken);
    }

    private async Task<IReadOnlyList<object>> CorrelateAsync(CorrelationCore core, AlarmContext context, long started,
        CancellationToken cancellationToken)
    {
        var alarm = context.Alarm;
        var stripe = _stripes[(StringComparer.OrdinalIgnoreCase.GetHashCode(StripeOf(context)) & int.MaxValue) % Stripes];
        await stripe.WaitAsync(cancellationToken);
        CorrelationOutcome outcome;
        try
        {
            outcome = await core.CorrelateAsync(context, cancellationToken);
        }
        finally
        {
            stripe.Release();
        }

        var stored = (LiveCommit)outcome.Stored;
        _telemetry.Decided(stored.Outcome.ToString().ToLowerInvariant(), Stopwatch.GetElapsedTime(started), outcome.Decision.Attempts);
        return Events(stored, alarm);
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

    /// <summary>Alarms at one site (or about one device, or placed nowhere) are decided one at a time here.</summary>
    private static string StripeOf(AlarmContext context) =>
        context.Facts.SiteId ?? context.Facts.DeviceId ?? context.Facts.ServiceId ?? "";

    private CorrelationCore Core()
    {
        var snapshot = _topology.Snapshot;
        var current = Volatile.Read(ref _current);
        if (current is null || current.Version != snapshot.Version)
        {
            // A reloaded CMDB takes effect from the next alarm; incidents keep what they learned.
            current = new CoreForTopology(snapshot.Version, new CorrelationCore(new Decider(snapshot.Topology, _scoring, _learned), _state,
                () => Guid.CreateVersion7(_time.GetUtcNow()).ToString("D")));
            Volatile.Write(ref _current, current);
        }

        return current.Core;
    }

    private sealed record CoreForTopology(long Version, CorrelationCore Core);

    private string Explain(AlarmContext alarm, Decision decision, string? incidentId, int attempt)
    {
        var best = decision.Candidates.Count > 0 ? decision.Candidates[0] : null;
        var reason = decision.Kind switch
        {
            DecisionKind.Repeat => alarm.Facts.IsClear ? "clears a condition the incident holds" : "repeats a condition the incident holds",
            DecisionKind.Ignored => "clears a condition no open incident holds",
            DecisionKind.Opened when best is null => "no open incident near it in the network or in time",
            DecisionKind.Opened => string.Create(CultureInfo.InvariantCulture,
                $"best candidate scored {best!.Score.Total:0.000}, below the join threshold {_scoring.JoinThreshold:0.00}"),
            DecisionKind.Merged => string.Create(CultureInfo.InvariantCulture,
                $"scored {best!.Score.Total:0.000} ({best.Score.Relation}); at least {_scoring.MergeThreshold:0.00} against {decision.Absorbed.Count + 1} incidents, which were merged"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"scored {best!.Score.Total:0.000} ({best.Score.Relation}), at least the join threshold {_scoring.JoinThreshold:0.00}"),
        };
        var record = new Explanation(alarm.Alarm.Id, alarm.Alarm.Fingerprint, incidentId, decision.Kind, reason, _scoring.JoinThreshold,
            _scoring.MergeThreshold, decision.Candidates, [.. decision.Absorbed.Select(a => a.Id)], attempt, _topology.Version, _rulesVersion,
            _models, _time.GetUtcNow());
        return JsonSerializer.Serialize(record, ExplanationJson.Options);
    }

    private static string RulesVersion(ScoringOptions options)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(options)));
        return "scoring-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}

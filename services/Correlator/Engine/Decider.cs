using System.Collections.Concurrent;
using Correlation.Contracts;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Engine;

/// <summary>
/// The correlation decision for one alarm, free of any storage: which keys to look under, and, given
/// the incidents found there, whether the alarm repeats a condition an incident holds, joins the best
/// incident, ties several into one (merge), opens a new one or, for a clear of nothing, is ignored.
/// The offline replay and the live correlator both decide through this, so what `correlation evaluate`
/// measures is what runs.
/// </summary>
public sealed class Decider
{
    /// <summary>The key of the most recent incidents, where alarms that nothing places look.</summary>
    public const string RecentKey = "r:";

    // A device whose failure cuts off more than this is a hub: its fault is found from the devices behind
    // it through their own upstream keys, so the first ones are enough.
    private const int MaxDownstreamKeys = 64;

    // The services a device's failure would take down, as keys: a hub's list is long, the first are enough.
    private const int MaxImpactedServices = 64;

    // Where an alarm is decides its keys and the services it takes down; a storm repeats the same few
    // hundred places, so each is worked out once for this decider's topology (bounded: cleared when full).
    private const int MaxPlacesKept = 65_536;

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _impacted = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string? Device, string? Site, string? Service), IReadOnlyList<string>> _keys = new();
    private readonly NetworkTopology _topology;
    private readonly ScoringOptions _options;
    private readonly AlarmScorer _scorer;
    private readonly Learned _learned;

    public Decider(NetworkTopology topology, ScoringOptions options, Learned? learned = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        _topology = topology;
        _options = options;
        _learned = learned ?? Learned.None;
        _scorer = new AlarmScorer(options, _learned);
    }

    public ScoringOptions Options => _options;

    public NetworkTopology Topology => _topology;

    /// <summary>
    /// Resolves the alarm against the network and lists where its candidates are: the devices within
    /// the hop limit, its site, the services involved. The work per alarm depends on the size of that
    /// neighbourhood, not on the size of the storm.
    /// </summary>
    public AlarmContext Prepare(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var facts = AlarmFacts.From(alarm, _topology);
        if (_options.OutageTypes.Contains(facts.AlarmType))
        {
            facts = facts with { IsOutage = true };
        }

        if (_learned.SignatureOf(alarm.AlarmType, alarm.Summary) is { } signature)
        {
            facts = facts with { Signature = signature };
        }

        var impacted = facts.DeviceId is not { } device ? [] : Kept(_impacted, device, Impacted);
        return new AlarmContext(alarm, facts, impacted, () => Kept(_keys, (facts.DeviceId, facts.SiteId, facts.ServiceId), _ => CandidateKeys(facts, impacted)));
    }

    private static TValue Kept<TKey, TValue>(ConcurrentDictionary<TKey, TValue> kept, TKey key, Func<TKey, TValue> work)
        where TKey : notnull
    {
        if (kept.TryGetValue(key, out var known))
        {
            return known;
        }

        if (kept.Count >= MaxPlacesKept)
        {
            kept.Clear();
        }

        return kept.GetOrAdd(key, work);
    }

    private IReadOnlyList<string> Impacted(string device) =>
        [.. _topology.ServicesDependingOn(device).Select(s => s.Id)
            .Union(FailurePaths.Of(_topology).Impact(device).Take(MaxImpactedServices), StringComparer.OrdinalIgnoreCase)];

    /// <summary>The keys for an alarm at this place; the same for every alarm with its device, site and service.</summary>
    private List<string> CandidateKeys(AlarmFacts alarm, IReadOnlyList<string> impacted)
    {
        var keys = new List<string>();
        if (alarm.IsUnplaced)
        {
            keys.Add(RecentKey);
            return keys;
        }

        if (alarm.DeviceId is { } device)
        {
            keys.Add(IncidentKeys.Device(device));
            keys.AddRange(_topology.Neighbourhood(device, _options.MaxHops).Select(near => IncidentKeys.Device(near.Device.Id)));
            // Further away, but on one path to the core: what cut this device off, or what this one cuts off.
            var paths = FailurePaths.Of(_topology);
            keys.AddRange(paths.Upstream(device).Select(IncidentKeys.Device));
            keys.AddRange(paths.Downstream(device).Take(MaxDownstreamKeys).Select(IncidentKeys.Device));
            keys.AddRange(paths.TowardCore(device).Select(IncidentKeys.Device));
            keys.AddRange(impacted.Select(IncidentKeys.Service));
        }

        if (alarm.SiteId is { } site)
        {
            keys.Add(IncidentKeys.Site(site));
        }

        if (alarm.ServiceId is { } named)
        {
            keys.Add(IncidentKeys.Service(named));
        }

        return [.. keys.Distinct(StringComparer.Ordinal)];
    }

    private static IncidentFacts Older(IncidentFacts a, IncidentFacts b) => b.OpenedAt < a.OpenedAt ? b : a;

    /// <summary>
    /// How far the alarm is from the incident's span of alarms: zero within it, else from its first alarm
    /// (an alarm decided late, after later ones of its fault) or from its last.
    /// </summary>
    private static TimeSpan Gap(DateTimeOffset time, IncidentFacts incident) =>
        time < incident.OpenedAt ? incident.OpenedAt - time
        : time > incident.LastSeen ? time - incident.LastSeen
        : TimeSpan.Zero;

    /// <summary>
    /// Whether deciding the alarm needs the incidents under its keys: not for a clear (it goes to the
    /// incident holding its condition, or changes nothing), nor for a repeat of a condition last seen
    /// within the window (<paramref name="heldLastSeen"/>: when the incident holding it last saw it).
    /// </summary>
    public static bool NeedsCandidates(AlarmFacts alarm, DateTimeOffset? heldLastSeen, ScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(options);
        return !alarm.IsClear && (heldLastSeen is not { } seen || (alarm.Time - seen).Duration() > options.Window);
    }

    /// <summary>
    /// Decides the alarm given the incident that holds its condition (if any, with when the condition
    /// was last seen) and the incidents found
    /// under its keys. Incidents quiet for longer than the window, or older than the join age, are not
    /// candidates.
    /// </summary>
    public Decision Decide(AlarmContext context, HeldCondition? held, IEnumerable<IncidentFacts> found)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(found);
        var facts = context.Facts;

        // A condition that keeps repeating stays with its incident; one that went quiet for longer than
        // the window is a new occurrence and is scored afresh. A clear always goes to the incident
        // holding its condition, however long the condition lasted.
        if (!NeedsCandidates(facts, held?.LastSeen, _options) && held is not null)
        {
            return new Decision(DecisionKind.Repeat, held.Incident, [], []);
        }

        if (facts.IsClear)
        {
            // A clear of a condition no open incident holds changes nothing: it must not open one.
            return new Decision(DecisionKind.Ignored, null, [], []);
        }

        var candidates = found
            .Where(i => Gap(facts.Time, i) <= _options.Window && facts.Time - i.OpenedAt <= _options.MaxJoinAge)
            .DistinctBy(i => i.Id)
            .ToList();
        var scored = candidates
            .Select(i => (Incident: i, Score: _scorer.Score(facts, i, _topology, context.Impacted)))
            .OrderByDescending(c => c.Score.Total)
            .ThenBy(c => c.Incident.OpenedAt)
            .ThenBy(c => c.Incident.Id, StringComparer.Ordinal)
            .ToList();
        var scores = scored.Select(c => new CandidateScore(c.Incident.Id, c.Score)).ToList();

        if (scored.Count == 0 || scored[0].Score.Total < _options.JoinThreshold)
        {
            return new Decision(DecisionKind.Opened, null, [], scores);
        }

        var best = scored[0].Incident;
        var tied = scored[0].Score.Total >= _options.MergeThreshold
            ? scored.Skip(1).Where(c => c.Score.Total >= _options.MergeThreshold).Select(c => c.Incident).ToList()
            : [];
        // The older of the two decides: once it has gone past the configured stage, people act on it as it is.
        var absorbed = tied.Where(other => Older(best, other).Stage <= _options.MergeUntil).ToList();
        var related = tied.Except(absorbed).ToList();
        return new Decision(absorbed.Count > 0 ? DecisionKind.Merged : DecisionKind.Joined, best, absorbed, scores, related);
    }
}

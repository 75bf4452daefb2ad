using Correlation.Contracts;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Engine;

/// <summary>
/// The scoring engine over a window held in memory, for replaying a recorded storm in time order
/// (`correlation evaluate`). Candidates are found through the alarm's place in the network (devices
/// within the hop limit, its site, the services involved), so the work per alarm depends on the size
/// of that neighbourhood, not on the size of the storm.
/// </summary>
public sealed class OfflineCorrelator
{
    private const int RecentForUnplaced = 64;
    private readonly NetworkTopology _topology;
    private readonly ScoringOptions _options;
    private readonly AlarmScorer _scorer;
    private readonly Dictionary<string, IncidentFacts> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Incident, DateTimeOffset LastSeen)> _byFingerprint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = new();
    private int _opened;

    public OfflineCorrelator(NetworkTopology topology, ScoringOptions options, TypeAffinity? affinity = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        _topology = topology;
        _options = options;
        _scorer = new AlarmScorer(options, affinity);
    }

    /// <summary>The incident an id ended up in after merges.</summary>
    public string FinalIncidentOf(string incidentId)
    {
        ArgumentNullException.ThrowIfNull(incidentId);
        var id = incidentId;
        while (_mergedInto.TryGetValue(id, out var into))
        {
            id = into;
        }

        return id;
    }

    /// <summary>Decides one alarm. Alarms must come in the order they were observed.</summary>
    public CorrelationDecision Correlate(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var facts = AlarmFacts.From(alarm, _topology);
        IReadOnlyList<string> impacted = facts.DeviceId is null
            ? []
            : [.. _topology.ServicesDependingOn(facts.DeviceId).Select(s => s.Id)];

        // A condition that keeps repeating stays with its incident; one that went quiet for longer than
        // the window is a new occurrence and is scored afresh.
        if (_byFingerprint.TryGetValue(facts.Fingerprint, out var held)
            && facts.Time - held.LastSeen <= _options.Window
            && _incidents.TryGetValue(FinalIncidentOf(held.Incident), out var holder))
        {
            Add(holder, facts, impacted);
            return new CorrelationDecision(DecisionKind.Repeat, holder.Id, [], [], _options.JoinThreshold);
        }

        var scored = Candidates(facts, impacted)
            .Select(i => new CandidateScore(i.Id, _scorer.Score(facts, i, _topology, impacted)))
            .OrderByDescending(c => c.Score.Total)
            .ThenBy(c => _incidents[c.IncidentId].OpenedAt)
            .ToList();

        if (scored.Count == 0 || scored[0].Score.Total < _options.JoinThreshold)
        {
            var opened = Open(facts, impacted);
            return new CorrelationDecision(DecisionKind.Opened, opened.Id, scored, [], _options.JoinThreshold);
        }

        var best = _incidents[scored[0].IncidentId];
        var merged = new List<string>();
        if (scored[0].Score.Total >= _options.MergeThreshold)
        {
            foreach (var other in scored.Skip(1).Where(c => c.Score.Total >= _options.MergeThreshold))
            {
                Merge(other.IncidentId, best);
                merged.Add(other.IncidentId);
            }
        }

        Add(best, facts, impacted);
        return new CorrelationDecision(merged.Count > 0 ? DecisionKind.Merged : DecisionKind.Joined, best.Id, scored, merged,
            _options.JoinThreshold);
    }

    private List<IncidentFacts> Candidates(AlarmFacts alarm, IReadOnlyList<string> impacted)
    {
        var found = new Dictionary<string, IncidentFacts>(StringComparer.Ordinal);
        if (alarm.IsUnplaced)
        {
            foreach (var id in _recent)
            {
                Consider(id, alarm, found);
            }

            return [.. found.Values];
        }

        if (alarm.DeviceId is { } device)
        {
            Lookup(IncidentKeys.Device(device), alarm, found);
            foreach (var near in _topology.Neighbourhood(device, _options.MaxHops))
            {
                Lookup(IncidentKeys.Device(near.Device.Id), alarm, found);
            }

            foreach (var service in impacted)
            {
                Lookup(IncidentKeys.Service(service), alarm, found);
            }
        }

        if (alarm.SiteId is { } site)
        {
            Lookup(IncidentKeys.Site(site), alarm, found);
        }

        if (alarm.ServiceId is { } named)
        {
            Lookup(IncidentKeys.Service(named), alarm, found);
        }

        return [.. found.Values];
    }

    private void Lookup(string key, AlarmFacts alarm, Dictionary<string, IncidentFacts> found)
    {
        if (!_index.TryGetValue(key, out var ids))
        {
            return;
        }

        // Alarms come in time order, so an incident that has gone quiet for longer than the window
        // never becomes a candidate again: drop it from the key as we pass.
        ids.RemoveAll(id => !Consider(id, alarm, found));
        if (ids.Count == 0)
        {
            _index.Remove(key);
        }
    }

    /// <returns>False when the incident is gone from the window (merged away or quiet too long).</returns>
    private bool Consider(string id, AlarmFacts alarm, Dictionary<string, IncidentFacts> found)
    {
        if (_mergedInto.ContainsKey(id) || !_incidents.TryGetValue(id, out var incident))
        {
            return false;
        }

        if (alarm.Time - incident.LastSeen > _options.Window)
        {
            return false;
        }

        if (alarm.Time - incident.OpenedAt > _options.MaxJoinAge)
        {
            // Still active through repeats, so kept under its keys, but closed to new members.
            return true;
        }

        found.TryAdd(id, incident);
        return true;
    }

    private IncidentFacts Open(AlarmFacts alarm, IReadOnlyList<string> impacted)
    {
        _opened++;
        var incident = new IncidentFacts($"incident-{_opened}", alarm.Time, _options.MaxDevicesPerIncident);
        _incidents[incident.Id] = incident;
        Add(incident, alarm, impacted);
        return incident;
    }

    private void Add(IncidentFacts incident, AlarmFacts alarm, IReadOnlyList<string> impacted)
    {
        foreach (var key in incident.Add(alarm, impacted))
        {
            if (!_index.TryGetValue(key, out var ids))
            {
                _index[key] = ids = [];
            }

            ids.Add(incident.Id);
        }

        _byFingerprint[alarm.Fingerprint] = (incident.Id, alarm.Time);
        _recent.Remove(incident.Id);
        _recent.AddFirst(incident.Id);
        if (_recent.Count > RecentForUnplaced)
        {
            _recent.RemoveLast();
        }
    }

    private void Merge(string absorbedId, IncidentFacts survivor)
    {
        var absorbed = _incidents[absorbedId];
        survivor.Absorb(absorbed);
        _incidents.Remove(absorbedId);
        _mergedInto[absorbedId] = survivor.Id;
        foreach (var key in absorbed.Devices.Keys.Select(IncidentKeys.Device)
                     .Concat(absorbed.Sites.Keys.Select(IncidentKeys.Site))
                     .Concat(absorbed.Services.Keys.Concat(absorbed.ImpactedServices.Keys).Select(IncidentKeys.Service)))
        {
            if (!_index.TryGetValue(key, out var ids))
            {
                _index[key] = ids = [];
            }

            if (!ids.Contains(survivor.Id))
            {
                ids.Add(survivor.Id);
            }
        }
    }
}

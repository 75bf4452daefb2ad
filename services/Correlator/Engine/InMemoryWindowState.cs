using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>
/// The correlation window in memory: the whole storm's when a recorded storm is replayed in time order,
/// or a batch's view of the shared window in Redis, seeded from it, in the live correlator. Incidents that go quiet for longer than the window are dropped
/// from their keys as lookups pass them.
/// </summary>
public sealed class InMemoryWindowState(ScoringOptions options) : IWindowState
{
    private const int RecentForUnplaced = 64;
    private readonly Dictionary<string, IncidentFacts> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Incident, DateTimeOffset LastSeen)> _byFingerprint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recent = new();

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

    /// <summary>
    /// Starts the window with an incident a shared store holds, findable under <paramref name="keys"/>
    /// (the live correlator decides a batch of alarms in memory on what it read from Redis).
    /// </summary>
    public void Seed(IncidentFacts incident, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(keys);
        _incidents[incident.Id] = incident;
        foreach (var key in keys)
        {
            if (key == Decider.RecentKey)
            {
                if (!_recent.Contains(incident.Id))
                {
                    _recent.AddLast(incident.Id);
                }
            }
            else
            {
                Index(incident, [key]);
            }
        }
    }

    /// <summary>Starts the window knowing which incident holds a condition, and when it was last seen.</summary>
    public void SeedCondition(string fingerprint, string incidentId, DateTimeOffset lastSeen) =>
        _byFingerprint[fingerprint] = (incidentId, lastSeen);

    /// <summary>An incident the window holds now (after merges, the survivor).</summary>
    public IncidentFacts? Incident(string id) => _incidents.GetValueOrDefault(FinalIncidentOf(id));

    public ValueTask<WindowView> ReadAsync(AlarmContext alarm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        HeldCondition? held = null;
        if (_byFingerprint.TryGetValue(alarm.Facts.Fingerprint, out var fingerprint)
            && _incidents.TryGetValue(FinalIncidentOf(fingerprint.Incident), out var holder))
        {
            held = new HeldCondition(holder, fingerprint.LastSeen);
        }

        var found = new List<IncidentFacts>();
        if (!Decider.NeedsCandidates(alarm.Facts, held?.LastSeen, options))
        {
            return ValueTask.FromResult(new WindowView(held, found));
        }

        foreach (var key in alarm.CandidateKeys)
        {
            if (key == Decider.RecentKey)
            {
                found.AddRange(_recent.Select(id => _incidents[id]));
            }
            else if (_index.TryGetValue(key, out var ids))
            {
                // Alarms come in time order, so an incident gone from the window never comes back to it.
                ids.RemoveAll(id => !Keep(id, alarm.Facts.Time, found));
                if (ids.Count == 0)
                {
                    _index.Remove(key);
                }
            }
        }

        return ValueTask.FromResult(new WindowView(held, found));
    }

    private bool Keep(string id, DateTimeOffset now, List<IncidentFacts> found)
    {
        if (!_incidents.TryGetValue(id, out var incident) || now - incident.LastSeen > options.Window)
        {
            return false;
        }

        found.Add(incident);
        return true;
    }

    public ValueTask<string?> CommitAsync(AlarmContext alarm, WindowView view, Decision decision, string newIncidentId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind == DecisionKind.Ignored)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var target = decision.Target;
        if (target is null)
        {
            target = new IncidentFacts(newIncidentId, alarm.Facts.Time, options.MaxDevicesPerIncident);
            _incidents.Add(target.Id, target);
        }

        foreach (var other in decision.Absorbed)
        {
            Absorb(other, target);
        }

        Index(target, target.Add(alarm.Facts, alarm.Impacted));
        _byFingerprint[alarm.Facts.Fingerprint] = (target.Id, alarm.Facts.Time);
        _recent.Remove(target.Id);
        _recent.AddFirst(target.Id);
        if (_recent.Count > RecentForUnplaced)
        {
            _recent.RemoveLast();
        }

        return ValueTask.FromResult<string?>(target.Id);
    }

    private void Absorb(IncidentFacts absorbed, IncidentFacts survivor)
    {
        survivor.Absorb(absorbed);
        _incidents.Remove(absorbed.Id);
        _recent.Remove(absorbed.Id);
        _mergedInto[absorbed.Id] = survivor.Id;
        Index(survivor, absorbed.Keys());
    }

    private void Index(IncidentFacts incident, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (!_index.TryGetValue(key, out var ids))
            {
                _index[key] = ids = [];
            }

            if (!ids.Contains(incident.Id, StringComparer.Ordinal))
            {
                ids.Add(incident.Id);
            }
        }
    }
}

using Correlation.Contracts;

namespace Correlation.Correlator.Live;

/// <summary>
/// Folds the incident events of one batch so that each incident's run of opened and updated events goes as
/// one message (its alarms listed, its snapshot the newest): every message costs the broker and each of its
/// consumers the same whatever it carries, and a storm's batch is mostly alarms of a few incidents. A merge
/// ends the runs of the incidents it touches, so each incident's events keep their order.
/// </summary>
public static class IncidentEventBatch
{
    public static IReadOnlyList<object> Fold(IReadOnlyList<object> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var folded = new List<object>(events.Count);
        var runs = new Dictionary<Guid, int>();
        foreach (var e in events)
        {
            switch (e)
            {
                case IncidentOpened or IncidentUpdated:
                    var (incident, alarm, earlier) = Parts(e);
                    if (runs.TryGetValue(incident.IncidentId, out var at))
                    {
                        var (_, before, beforeEarlier) = Parts(folded[at]);
                        List<Alarm> all = [.. beforeEarlier ?? [], before, .. earlier ?? []];
                        folded[at] = folded[at] is IncidentOpened ? new IncidentOpened(incident, alarm, all) : new IncidentUpdated(incident, alarm, all);
                    }
                    else
                    {
                        runs[incident.IncidentId] = folded.Count;
                        folded.Add(e);
                    }

                    break;
                case IncidentMerged merged:
                    runs.Remove(merged.Incident.IncidentId);
                    foreach (var absorbed in merged.Absorbed)
                    {
                        runs.Remove(absorbed.IncidentId);
                    }

                    folded.Add(e);
                    break;
                default:
                    folded.Add(e);
                    break;
            }
        }

        return folded;
    }

    /// <summary>Every alarm an opened or updated event carries, oldest first.</summary>
    public static IEnumerable<Alarm> Alarms(object incidentEvent) => incidentEvent switch
    {
        IncidentOpened e => [.. e.Earlier ?? [], e.Alarm],
        IncidentUpdated e => [.. e.Earlier ?? [], e.Alarm],
        IncidentMerged { Alarm: { } alarm } => [alarm],
        IncidentResolved { Alarm: { } alarm } => [alarm],
        _ => [],
    };

    private static (IncidentSnapshot Incident, Alarm Alarm, IReadOnlyList<Alarm>? Earlier) Parts(object e) => e switch
    {
        IncidentOpened o => (o.Incident, o.Alarm, o.Earlier),
        IncidentUpdated u => (u.Incident, u.Alarm, u.Earlier),
        _ => throw new ArgumentException($"not an opened or updated event: {e.GetType().Name}", nameof(e)),
    };
}

using Correlation.Contracts;

namespace Correlation.Triage.Priority;

/// <summary>Turns an incident change into a priority, and says so only when the priority moved.</summary>
public sealed class IncidentTriager(PriorityPolicy policy, TriageStore store, TimeProvider timeProvider)
{
    public async Task<IncidentTriaged?> TriageAsync(IncidentSnapshot incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var (priority, reason) = policy.Decide(incident);
        var (changed, previous) = await store.RecordAsync(incident.IncidentId, incident.Version, priority);
        return changed
            ? new IncidentTriaged(incident.IncidentId, incident.Version, priority, previous, reason, timeProvider.GetUtcNow(),
                IncidentCategory.Informational, new IncidentImpact([], [], [], [], [], []), incident.Site, null, [], false)
            : null;
    }
}

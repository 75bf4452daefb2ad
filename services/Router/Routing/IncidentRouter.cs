using Correlation.Contracts;

namespace Correlation.Router.Routing;

/// <summary>Records where a triaged incident goes, once per incident version.</summary>
public sealed class IncidentRouter(RoutingPolicy policy, RouteStore store, TimeProvider timeProvider)
{
    public async Task<IncidentRouted?> RouteAsync(IncidentTriaged triaged)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        var (destinations, reason) = policy.Route(triaged.Priority);
        return await store.RecordAsync(triaged.IncidentId, triaged.IncidentVersion, triaged.Priority.ToString(), destinations)
            ? new IncidentRouted(triaged.IncidentId, triaged.IncidentVersion, triaged.Priority, destinations, reason, timeProvider.GetUtcNow())
            : null;
    }
}

using Correlation.Contracts;

namespace Correlation.Router.Routing;

/// <summary>
/// The walking skeleton's placeholder: destinations by priority alone. Rules over service, site and
/// team, on-call rosters and outbound webhooks replace it in the router issue.
/// </summary>
public sealed class RoutingPolicy
{
    public (IReadOnlyList<string> Destinations, string Reason) Route(IncidentPriority priority) => priority switch
    {
        IncidentPriority.P1 => (["function:incident-coordinator", "function:network-infrastructure"], "P1 pages the coordinator and network infrastructure"),
        IncidentPriority.P2 => (["function:network-infrastructure"], "P2 pages network infrastructure"),
        IncidentPriority.P3 => (["queue:noc-medium"], "P3 goes to the NOC's working queue"),
        _ => (["queue:noc-low"], "P4 goes to the NOC's low-priority queue"),
    };
}

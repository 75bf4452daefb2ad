using Correlation.Contracts;
using Correlation.Router.Projection;
using Correlation.Topology;

namespace Correlation.Router.Maintenance;

/// <summary>What maintenance means for an incident now.</summary>
/// <param name="HeldBy">Set when every member is in the scope of an open window: expected work, not paged.</param>
/// <param name="OutOfScope">Members in no open window's scope, in an incident that has in-scope work: flagged.</param>
public sealed record MaintenanceVerdict(ActiveWindow? HeldBy, IReadOnlyList<(ActiveWindow Window, MemberResource Member)> OutOfScope)
{
    public static MaintenanceVerdict None { get; } = new(null, []);
}

/// <summary>
/// Answers "is this resource in the window's scope?" from the CMDB: a site covers its devices, a service the
/// devices it depends on (also through the services it depends on). Resources the CMDB does not know are
/// in scope when their alarm named a site or service in scope, or when the scope names them as a device.
/// </summary>
public sealed class MaintenanceScopes(TopologyProvider? topology)
{
    public MaintenanceVerdict Evaluate(IReadOnlyList<MemberResource> members, IReadOnlyList<ActiveWindow> active)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(active);
        if (members.Count == 0 || active.Count == 0)
        {
            return MaintenanceVerdict.None;
        }

        var network = topology?.Current ?? NetworkTopology.Empty;
        var covered = active.Select(w => (Window: w, Members: members.Where(m => Covers(network, w.Window.Scope, m)).ToList())).ToList();
        var touching = covered.Where(c => c.Members.Count > 0).ToList();
        if (touching.Count == 0)
        {
            return MaintenanceVerdict.None;
        }

        var outside = members.Where(m => touching.All(c => !c.Members.Contains(m))).ToList();
        if (outside.Count == 0)
        {
            // Every member is expected work; held until the first of the windows involved ends, then looked at again.
            var main = touching.OrderByDescending(c => c.Members.Count).First().Window;
            var end = touching.Min(c => c.Window.End);
            return new MaintenanceVerdict(main with { End = end }, []);
        }

        var flagging = touching.OrderByDescending(c => c.Members.Count).First().Window;
        return new MaintenanceVerdict(null, [.. outside.Select(m => (flagging, m))]);
    }

    public bool Covers(MaintenanceScope scope, MemberResource member) =>
        Covers(topology?.Current ?? NetworkTopology.Empty, scope, member);

    private static bool Covers(NetworkTopology network, MaintenanceScope scope, MemberResource member)
    {
        var device = network.Resolve(member.Resource);
        var site = device?.SiteId ?? member.Site;
        if (site is not null && scope.Sites.Contains(site, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (scope.Devices.Contains(device?.Id ?? member.Resource, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (member.Service is not null && scope.Services.Contains(member.Service, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return device is not null && scope.Services.Any(s => DevicesOf(network, s).Contains(device.Id));
    }

    private static HashSet<string> DevicesOf(NetworkTopology network, string serviceId)
    {
        var devices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([serviceId]);
        while (queue.TryDequeue(out var id))
        {
            if (!seen.Add(id) || network.FindService(id) is not { } service)
            {
                continue;
            }

            devices.UnionWith(service.DependsOnDevices);
            foreach (var dependency in service.DependsOnServices)
            {
                queue.Enqueue(dependency);
            }
        }

        return devices;
    }
}

using System.Collections.ObjectModel;

namespace Correlation.Topology;

public sealed partial class NetworkTopology
{
    private readonly ReadOnlyCollection<Service>?[] _impactOfDevice;
    private readonly ReadOnlyCollection<Service>?[] _impactOfService;

    /// <summary>
    /// Every service that needs the device, directly or through services that depend on services that
    /// need it; most critical first, then by id. Computed once per device, O(services + dependencies),
    /// then O(1).
    /// </summary>
    public IReadOnlyList<Service> ServicesDependingOn(string? deviceId)
    {
        var d = DeviceIndex(deviceId);
        if (d < 0)
        {
            return [];
        }
        return Volatile.Read(ref _impactOfDevice[d])
            ?? Cache(ref _impactOfDevice[d], Dependants(_servicesUsingDevice[d], exclude: -1));
    }

    /// <summary>
    /// Every service that needs the given service, directly or transitively (not the service itself);
    /// most critical first, then by id.
    /// </summary>
    public IReadOnlyList<Service> ServicesDependingOnService(string? serviceId)
    {
        if (serviceId is null || !_serviceIndex.TryGetValue(serviceId, out var s))
        {
            return [];
        }
        return Volatile.Read(ref _impactOfService[s])
            ?? Cache(ref _impactOfService[s], Dependants(_servicesUsingService[s], exclude: s));
    }

    private static ReadOnlyCollection<Service> Cache(ref ReadOnlyCollection<Service>? slot, ReadOnlyCollection<Service> value) =>
        Interlocked.CompareExchange(ref slot, value, null) ?? value;

    private ReadOnlyCollection<Service> Dependants(IEnumerable<int> direct, int exclude)
    {
        var found = new bool[_services.Length];
        var queue = new Queue<int>();
        foreach (var s in direct)
        {
            Enqueue(s);
        }
        while (queue.TryDequeue(out var s))
        {
            foreach (var dependant in _servicesUsingService[s])
            {
                Enqueue(dependant);
            }
        }
        return Ordered(found);

        void Enqueue(int s)
        {
            if (s != exclude && !found[s])
            {
                found[s] = true;
                queue.Enqueue(s);
            }
        }
    }

    private ReadOnlyCollection<Service> Ordered(bool[] selected) =>
        _services.Where((_, i) => selected[i])
            .OrderByDescending(s => s.Criticality)
            .ThenBy(s => s.Id, Ids)
            .ToList()
            .AsReadOnly();
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// Which devices lie on a device's only way to the core: the devices whose failure alone cuts it off
/// (by <see cref="NetworkTopology.AssessFailure"/>, anchored on the core routers). When one of them has
/// failed, everything behind it goes quiet, however many hops away: a branch reached through another
/// branch, the sites behind a microwave hop, the servers behind a site switch. Two devices either side of
/// a busy core router are not on each other's path, only near each other.
/// Answers are computed on first use and kept for the topology's lifetime: per device, one failure
/// assessment for each device nearer the core within <see cref="SearchHops"/>, each assessment O(network)
/// and shared by every device behind it.
/// </summary>
public sealed class FailurePaths
{
    /// <summary>How far towards the core a single point of failure is looked for.</summary>
    public const int SearchHops = 8;

    private static readonly ConditionalWeakTable<NetworkTopology, FailurePaths> ByTopology = [];

    private readonly NetworkTopology _topology;
    private readonly IReadOnlyList<string> _cores;
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _upstream = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _cutOffBy = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FailureImpact> _failure = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, FailureImpact> _linkFailure = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _towardCore = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _impact = new(StringComparer.OrdinalIgnoreCase);

    private FailurePaths(NetworkTopology topology)
    {
        _topology = topology;
        _cores = [.. topology.Devices.Where(d => d.Role == DeviceRole.CoreRouter).Select(d => d.Id)];
    }

    /// <summary>The paths of one topology (shared by every scorer using it).</summary>
    public static FailurePaths Of(NetworkTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return ByTopology.GetValue(topology, t => new FailurePaths(t));
    }

    /// <summary>The devices whose failure alone cuts <paramref name="deviceId"/> off from the core; empty when none or unknown.</summary>
    public IReadOnlySet<string> Upstream(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _upstream.GetOrAdd(deviceId, Compute);
    }

    /// <summary>The devices that the failure of <paramref name="deviceId"/> alone cuts off from the core.</summary>
    public IReadOnlySet<string> Downstream(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _topology.FindDevice(deviceId) is null || _cores.Count == 0 ? new HashSet<string>() : _cutOffBy.GetOrAdd(deviceId, CutOffBy);
    }

    /// <summary>
    /// The devices on the device's shortest ways to the core, core routers included: where the failures
    /// that could cut it off are (a dual-homed branch has no single one, but both its data centres are here).
    /// </summary>
    public IReadOnlySet<string> TowardCore(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _towardCore.GetOrAdd(deviceId, id =>
        {
            var own = _topology.FindDevice(id) is null ? null : DistanceToCore(id);
            var path = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (own is null or 0)
            {
                return path;
            }

            foreach (var near in _topology.Neighbourhood(id, own.Value))
            {
                if (DistanceToCore(near.Device.Id) is { } theirs && theirs + near.Hops == own)
                {
                    path.Add(near.Device.Id);
                }
            }

            return path;
        });
    }

    /// <summary>
    /// The services the device's failure would take down: those that run on it or on what it cuts off,
    /// and those that depend on them in turn (a directory server failing breaks every file share).
    /// </summary>
    public IReadOnlyList<string> Impact(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _impact.GetOrAdd(deviceId, id => _topology.FindDevice(id) is null
            ? []
            : [.. FailureOf(id).ImpactedServices.Select(s => s.Id)]);
    }

    /// <summary>
    /// Answers every device's and link's questions ahead of use, so that the first alarms about each do not pay for
    /// the failure assessments: a live correlator does this off the hot path when it takes up a topology.
    /// </summary>
    public void Warm(CancellationToken cancellationToken = default)
    {
        foreach (var device in _topology.Devices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Upstream(device.Id);
            Downstream(device.Id);
            TowardCore(device.Id);
            Impact(device.Id);
        }

        foreach (var link in _topology.Links)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FailureOfLink(link.Id);
        }
    }

    /// <summary>What the device's failure alone does, assessed once for the topology's lifetime.</summary>
    public FailureImpact FailureOf(string deviceId)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        return _failure.GetOrAdd(deviceId, id => _topology.AssessFailure(FailureSet.OfDevices(id)));
    }

    /// <summary>What the link's failure alone does, assessed once for the topology's lifetime.</summary>
    public FailureImpact FailureOfLink(string linkId)
    {
        ArgumentNullException.ThrowIfNull(linkId);
        return _linkFailure.GetOrAdd(linkId, id => _topology.AssessFailure(FailureSet.OfLinks(id)));
    }

    /// <summary>True when one of the two devices is on the other's only way to the core.</summary>
    public bool OnOnePath(string a, string b) => Upstream(a).Contains(b) || Upstream(b).Contains(a);

    private IReadOnlySet<string> Compute(string deviceId)
    {
        var device = _topology.FindDevice(deviceId);
        if (device is null || _cores.Count == 0 || device.Role == DeviceRole.CoreRouter)
        {
            return new HashSet<string>();
        }

        var own = DistanceToCore(device.Id);
        if (own is null)
        {
            return new HashSet<string>();
        }

        var upstream = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var near in _topology.Neighbourhood(device.Id, SearchHops))
        {
            if (near.Device.Role != DeviceRole.CoreRouter && DistanceToCore(near.Device.Id) < own
                && _cutOffBy.GetOrAdd(near.Device.Id, CutOffBy).Contains(device.Id))
            {
                upstream.Add(near.Device.Id);
            }
        }

        return upstream;
    }

    private IReadOnlySet<string> CutOffBy(string deviceId) =>
        FailureOf(deviceId).CutOffDevices.Select(d => d.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private int? DistanceToCore(string deviceId)
    {
        int? best = null;
        foreach (var core in _cores)
        {
            if (_topology.HopDistance(deviceId, core) is { } hops && (best is null || hops < best))
            {
                best = hops;
            }
        }

        return best;
    }
}

using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// What scoring needs to know about one alarm, resolved against the topology once: the device it is
/// about, its site and service (from the alarm, or from a resource that names a site or a service, as
/// user reports do), and the words of its summary.
/// <see cref="DeviceId"/> is where the alarm points in the network: a device reporting a link or a
/// neighbour down (its instance names a link of the device, or another device) points at the far end,
/// because that is where the fault is; a core router that reports ten sites lost is ten pointers, not
/// one device ten faults share.
/// <see cref="IsOutage"/> says the alarm reports its device gone (unreachable, down): such devices are
/// an incident's failed elements, and what they cut off is part of the same fault.
/// </summary>
public sealed record AlarmFacts(
    string Fingerprint,
    string? DeviceId,
    string? SiteId,
    string? ServiceId,
    string AlarmType,
    DateTimeOffset Time,
    bool IsClear,
    IReadOnlySet<string> Words,
    bool IsOutage = false)
{
    /// <summary>True when nothing places the alarm in the network.</summary>
    public bool IsUnplaced => DeviceId is null && SiteId is null && ServiceId is null;

    public static AlarmFacts From(Alarm alarm, NetworkTopology topology)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(topology);
        var device = topology.Resolve(alarm.Resource);
        var site = device?.SiteId ?? topology.FindSite(alarm.Site)?.Id ?? topology.FindSite(alarm.Resource)?.Id ?? alarm.Site;
        var service = topology.FindService(alarm.Service)?.Id ?? (device is null ? topology.FindService(alarm.Resource)?.Id : null);
        var pointsAt = device is null ? null : FarEnd(device.Id, alarm.Labels.GetValueOrDefault("instance"), topology) ?? device.Id;
        return new AlarmFacts(alarm.Fingerprint, pointsAt, site, service, alarm.AlarmType, alarm.ObservedAt,
            alarm.Status == AlarmStatus.Cleared, TextWords.Of(alarm.Summary, alarm.AlarmType));
    }

    private static string? FarEnd(string device, string? instance, NetworkTopology topology)
    {
        if (instance is null)
        {
            return null;
        }

        if (topology.FindLink(instance) is { } link
            && (string.Equals(link.A, device, StringComparison.OrdinalIgnoreCase) || string.Equals(link.B, device, StringComparison.OrdinalIgnoreCase)))
        {
            return link.OtherEnd(device);
        }

        return topology.Resolve(instance) is { } peer && !string.Equals(peer.Id, device, StringComparison.OrdinalIgnoreCase)
            ? peer.Id
            : null;
    }
}

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
/// <see cref="Signature"/> is the alarm's ML.NET signature cluster, when a signature model is loaded.
/// <see cref="LinkId"/> is the link the alarm names (its instance is a link of its device), the direct
/// evidence of a link fault that the probable cause looks for.
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
    bool IsOutage = false,
    string? LinkId = null,
    int? Signature = null)
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
        var instance = alarm.Labels.GetValueOrDefault("instance");
        var link = device is null ? null : LinkOf(device.Id, instance, topology);
        var pointsAt = device is null ? null : FarEnd(device.Id, link, instance, topology) ?? device.Id;
        return new AlarmFacts(alarm.Fingerprint, pointsAt, site, service, alarm.AlarmType, alarm.ObservedAt,
            alarm.Status == AlarmStatus.Cleared, TextWords.Of(alarm.Summary, alarm.AlarmType), LinkId: link?.Id);
    }

    /// <summary>The link the instance names, when it is one of the device's own.</summary>
    private static Link? LinkOf(string device, string? instance, NetworkTopology topology) =>
        topology.FindLink(instance) is { } link
        && (string.Equals(link.A, device, StringComparison.OrdinalIgnoreCase) || string.Equals(link.B, device, StringComparison.OrdinalIgnoreCase))
            ? link
            : null;

    private static string? FarEnd(string device, Link? link, string? instance, NetworkTopology topology)
    {
        if (link is not null)
        {
            return link.OtherEnd(device);
        }

        return instance is not null && topology.Resolve(instance) is { } peer && !string.Equals(peer.Id, device, StringComparison.OrdinalIgnoreCase)
            ? peer.Id
            : null;
    }
}

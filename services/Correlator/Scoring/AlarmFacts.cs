using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// What scoring needs to know about one alarm, resolved against the topology once: the device it is
/// about, its site and service (from the alarm, or from a resource that names a site or a service, as
/// user reports do), and the words of its summary.
/// </summary>
public sealed record AlarmFacts(
    string Fingerprint,
    string? DeviceId,
    string? SiteId,
    string? ServiceId,
    string AlarmType,
    DateTimeOffset Time,
    bool IsClear,
    IReadOnlySet<string> Words)
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
        return new AlarmFacts(alarm.Fingerprint, device?.Id, site, service, alarm.AlarmType, alarm.ObservedAt,
            alarm.Status == AlarmStatus.Cleared, TextWords.Of(alarm.Summary, alarm.AlarmType));
    }
}

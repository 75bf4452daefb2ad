using Correlation.Contracts;

namespace Correlation.Triage.Impact;

/// <summary>
/// One member alarm as triage keeps it: the latest state of its condition (fingerprint), enough to place
/// it in the network and to compare incidents.
/// </summary>
public sealed record MemberAlarm(
    string Fingerprint,
    string Resource,
    string? Site,
    string? Service,
    string AlarmType,
    AlarmSeverity Severity,
    bool Cleared,
    string? Instance,
    string Summary,
    DateTimeOffset ObservedAt)
{
    public static MemberAlarm From(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new MemberAlarm(alarm.Fingerprint, alarm.Resource, alarm.Site, alarm.Service, alarm.AlarmType, alarm.Severity,
            alarm.Status == AlarmStatus.Cleared, alarm.Labels.GetValueOrDefault("instance"), alarm.Summary, alarm.ObservedAt);
    }
}

/// <summary>Triage's view of an incident: its newest snapshot and every member alarm seen, raised or cleared.</summary>
public sealed record IncidentProjection(IncidentSnapshot Incident, IReadOnlyList<MemberAlarm> Members)
{
    public IEnumerable<MemberAlarm> Active => Members.Where(m => !m.Cleared);
}

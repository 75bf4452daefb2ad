using Correlation.Contracts;

namespace Correlation.Console.Projection;

/// <summary>An incident as the console shows it: the correlator's snapshot, triage's priority, the router's destinations.</summary>
public sealed record IncidentView(
    Guid Id,
    long Version,
    string Title,
    string? Site,
    IncidentState State,
    AlarmSeverity Severity,
    int AlarmCount,
    int MemberCount,
    int ActiveMemberCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    IncidentPriority? Priority,
    string? PriorityReason,
    IReadOnlyList<string> Destinations,
    string? RouteReason,
    string? ProbableCause = null);

/// <summary>One incident with the member alarms the console keeps for it.</summary>
public sealed record IncidentDetail(IncidentView Incident, IReadOnlyList<AlarmView> Alarms);

/// <summary>A member alarm as the console shows it.</summary>
public sealed record AlarmView(
    Guid Id,
    string Fingerprint,
    string Resource,
    string? Site,
    string AlarmType,
    AlarmSeverity Severity,
    AlarmStatus Status,
    string Summary,
    string SourceName,
    DateTimeOffset ObservedAt,
    DateTimeOffset ReceivedAt)
{
    public static AlarmView From(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new AlarmView(alarm.Id, alarm.Fingerprint, alarm.Resource, alarm.Site, alarm.AlarmType, alarm.Severity,
            alarm.Status, alarm.Summary, alarm.SourceName, alarm.ObservedAt, alarm.ReceivedAt);
    }
}

/// <summary>One entry of the incident event stream.</summary>
public sealed record IncidentStreamEntry(string Id, string Type, Guid IncidentId, string Data);

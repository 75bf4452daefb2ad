using System.Text.Json;
using Correlation.Contracts;

namespace Correlation.Console.Projection;

/// <summary>An incident as the console lists it: the correlator's snapshot, triage's priority and classification, the router's destinations.</summary>
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
    string? ProbableCause,
    IncidentCategory? Category,
    string? Region,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Services,
    bool Watched,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt);

/// <summary>One incident with everything the incident page shows but the timeline (which is paged on its own).</summary>
public sealed record IncidentDetail(
    IncidentView Incident,
    IReadOnlyList<AlarmView> Alarms,
    IncidentImpact? Impact,
    IncidentTeam Team,
    IncidentPlan Plan,
    IReadOnlyList<ChannelView> Channels,
    IReadOnlyList<PriorityChange> PriorityHistory,
    RootCauseView? RootCause);

/// <summary>A member condition as the console shows it: the latest alarm of its fingerprint.</summary>
public sealed record AlarmView(
    Guid Id,
    string Fingerprint,
    string Resource,
    string? Site,
    string? Service,
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
        return new AlarmView(alarm.Id, alarm.Fingerprint, alarm.Resource, alarm.Site, alarm.Service, alarm.AlarmType, alarm.Severity,
            alarm.Status, alarm.Summary, alarm.SourceName, alarm.ObservedAt, alarm.ReceivedAt);
    }
}

/// <summary>
/// Who is on an incident: the CMDB teams triage named, where the router sent it, and the people operators put in
/// the team's functions.
/// </summary>
public sealed record IncidentTeam(IReadOnlyList<string> OwningTeams, IReadOnlyList<string> Destinations, IReadOnlyList<FunctionAssignment> Functions);

/// <summary>A person in one of an incident's functions, and who put them there.</summary>
public sealed record FunctionAssignment(string Function, string? Assignee, string By, DateTimeOffset At);

/// <summary>Triage's action plan: the checklist and similar past incidents.</summary>
public sealed record IncidentPlan(string? Template, IReadOnlyList<ChecklistItem> Checklist, IReadOnlyList<SimilarIncident> Similar, DateTimeOffset? At);

/// <summary>A communication channel linked to the incident.</summary>
public sealed record ChannelView(ChannelKind Kind, string Reference, string? Label, string By, DateTimeOffset At);

/// <summary>One change of priority, as triage made it.</summary>
public sealed record PriorityChange(IncidentPriority Priority, IncidentPriority? Previous, string Reason, long IncidentVersion, DateTimeOffset At);

/// <summary>The recorded root cause, and who recorded it when.</summary>
public sealed record RootCauseView(RootCause RootCause, string By, DateTimeOffset At);

/// <summary>
/// One entry of an incident's timeline: any incident event (the correlator's, triage's, the router's, the console's
/// own, and the operators' requests), with a line for people and the event itself.
/// </summary>
public sealed record TimelineEntry(string Type, DateTimeOffset At, string? By, string Summary, JsonElement? Data);

/// <summary>One entry of the incident event stream.</summary>
public sealed record IncidentStreamEntry(string Id, string Type, Guid IncidentId, string Data, string Site, string Priority, string Teams);

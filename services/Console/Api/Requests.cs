namespace Correlation.Console.Api;

// Request bodies of the write actions. Every field is optional to the serializer so that the endpoint, not the
// framework, says which one is missing or wrong.

/// <summary>Resolve: <paramref name="Force"/> with a <paramref name="Reason"/> resolves while members still fire; a root cause may be recorded at once.</summary>
public sealed record ResolveRequest(bool? Force, string? Reason, RootCauseRequest? RootCause);

public sealed record ReopenRequest(string? Reason);

public sealed record NoteRequest(string? Text);

/// <summary>Put <paramref name="Assignee"/> in <paramref name="Function"/> ("incident-coordinator"); null leaves it empty.</summary>
public sealed record FunctionRequest(string? Function, string? Assignee);

/// <summary><paramref name="Kind"/> is chat, bridge or vendorTicket.</summary>
public sealed record ChannelRequest(string? Kind, string? Reference, string? Label);

/// <summary>The structured root cause: element, failure type and cause category are required.</summary>
public sealed record RootCauseRequest(string? Element, string? FailureType, string? CauseCategory, string? Description);

public sealed record WatchRequest(bool? Watch, string? Reason);

/// <summary><paramref name="Change"/> is tick, untick, drop (with <paramref name="ItemId"/>) or add (with <paramref name="Text"/>).</summary>
public sealed record ChecklistRequest(string? Change, string? ItemId, string? Text);

/// <summary>Merge the <paramref name="Sources"/> into the incident of the path.</summary>
public sealed record MergeRequest(IReadOnlyList<Guid>? Sources, string? Reason);

/// <summary>Take the conditions with these fingerprints out into a new incident.</summary>
public sealed record SplitRequest(IReadOnlyList<string>? Fingerprints, string? Reason);

/// <summary>Move the conditions with these fingerprints to the incident <paramref name="To"/>.</summary>
public sealed record MoveRequest(Guid? To, IReadOnlyList<string>? Fingerprints, string? Reason);

public sealed record ConfirmGroupingRequest(string? Reason);

/// <summary>A maintenance window to schedule (or replace, by id); see the router's MaintenanceWindow.</summary>
public sealed record MaintenanceRequest(
    string? Id,
    string? Name,
    string? ChangeReference,
    MaintenanceScopeRequest? Scope,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    MaintenanceRecurrenceRequest? Recurrence);

public sealed record MaintenanceScopeRequest(IReadOnlyList<string>? Sites, IReadOnlyList<string>? Devices, IReadOnlyList<string>? Services);

public sealed record MaintenanceRecurrenceRequest(string? TimeZone, IReadOnlyList<DayOfWeek>? Days, TimeSpan? StartTime, TimeSpan? Duration);

/// <summary>What a write action answers: it was taken (the services that carry it out answer on the stream).</summary>
public sealed record ActionAccepted(string Action, IReadOnlyList<Guid> Incidents, string By, DateTimeOffset At, string AuditId);

namespace Correlation.Contracts;

/// <summary>
/// Triage set or changed an incident's priority, as of <paramref name="IncidentVersion"/>.
/// <paramref name="PreviousPriority"/> is null the first time.
/// </summary>
public sealed record IncidentTriaged(
    Guid IncidentId,
    long IncidentVersion,
    IncidentPriority Priority,
    IncidentPriority? PreviousPriority,
    string Reason,
    DateTimeOffset TriagedAt);

namespace Correlation.Contracts;

/// <summary>
/// Triage classified an incident and set or changed its priority, as of <paramref name="IncidentVersion"/>.
/// Published when the priority, the category or the impact changed; <paramref name="PreviousPriority"/> is
/// null the first time, and equal to <paramref name="Priority"/> when only the category or impact moved.
/// <paramref name="Reason"/> says in words why the priority is what it is (every factor that moved it).
/// <paramref name="Teams"/> are the CMDB teams owning the failed elements and impacted services;
/// <paramref name="Watched"/> is true when the incident is on the watch list (named by configuration or by
/// an operator's <see cref="WatchIncident"/>).
/// <paramref name="Revision"/> counts triage's decisions for the incident (1 for the first, one more with every
/// IncidentTriaged): an operator's watch or a policy change re-triages without a new incident version, so
/// consumers that keep the newest decision order by it rather than by <paramref name="IncidentVersion"/>.
/// </summary>
public sealed record IncidentTriaged(
    Guid IncidentId,
    long IncidentVersion,
    IncidentPriority Priority,
    IncidentPriority? PreviousPriority,
    string Reason,
    DateTimeOffset TriagedAt,
    IncidentCategory Category,
    IncidentImpact Impact,
    string? Site,
    string? Region,
    IReadOnlyList<string> Teams,
    bool Watched,
    long Revision = 0);

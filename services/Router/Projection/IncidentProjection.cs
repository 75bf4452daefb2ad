using Correlation.Contracts;

namespace Correlation.Router.Projection;

/// <summary>A resource that alarmed in the incident, with the site and service its alarm named.</summary>
public sealed record MemberResource(string Resource, string? Site, string? Service);

/// <summary>What the router last decided for an incident.</summary>
public sealed record RouteRecord(
    long IncidentVersion,
    long TriagedAtMs,
    IncidentPriority Priority,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Rules,
    string Reason,
    DateTimeOffset RoutedAt,
    MaintenanceWindowMatch? Maintenance)
{
    public bool Suppressed => Maintenance is not null;
}

/// <summary>The router's view of one incident, read from its key space at one moment.</summary>
public sealed record IncidentProjection(
    Guid IncidentId,
    IncidentSnapshot? Snapshot,
    IncidentTriaged? Triage,
    RouteRecord? Route,
    DateTimeOffset? FirstPagedAt,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? LastProgressAt,
    IReadOnlyList<MemberResource> Members,
    IReadOnlyList<TeamMember> Team,
    string? TeamTemplate,
    IReadOnlyDictionary<EscalationReason, int> Levels,
    int? GrowthMembers,
    int? GrowthServices)
{
    public bool IsOpen => Snapshot is null || Snapshot.State == IncidentState.Open;

    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>The later of the acknowledgement and the last progress: when someone last moved it.</summary>
    public DateTimeOffset? LastActivity => (AcknowledgedAt, LastProgressAt) switch
    {
        (null, var p) => p,
        (var a, null) => a,
        (var a, var p) => a > p ? a : p,
    };
}

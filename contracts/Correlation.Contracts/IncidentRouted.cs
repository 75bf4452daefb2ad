namespace Correlation.Contracts;

/// <summary>The router decided where an incident goes, for the priority it had at <paramref name="IncidentVersion"/>.</summary>
public sealed record IncidentRouted(
    Guid IncidentId,
    long IncidentVersion,
    IncidentPriority Priority,
    IReadOnlyList<string> Destinations,
    string Reason,
    DateTimeOffset RoutedAt);

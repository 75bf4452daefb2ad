namespace Correlation.Contracts;

/// <summary>
/// The router decided where an incident goes, for the triage it had at <paramref name="IncidentVersion"/>.
/// <paramref name="Destinations"/> are what the routing rules chose ("function:incident-coordinator",
/// "queue:noc-medium", "webhook:noc-slack"); <paramref name="Recipients"/> are the people the on-call roster
/// put behind the functions at <paramref name="RoutedAt"/>; <paramref name="Rules"/> names the rules that
/// matched. When <paramref name="Suppressed"/> is true the incident is expected work of the maintenance
/// window in <paramref name="Maintenance"/> and nobody was paged; when the window ends, what still fails is
/// routed again (same <paramref name="IncidentVersion"/>, later <paramref name="RoutedAt"/>).
/// </summary>
public sealed record IncidentRouted(
    Guid IncidentId,
    long IncidentVersion,
    IncidentPriority Priority,
    IReadOnlyList<string> Destinations,
    string Reason,
    DateTimeOffset RoutedAt,
    IReadOnlyList<OnCallRecipient> Recipients,
    IReadOnlyList<string> Rules,
    bool Suppressed,
    MaintenanceWindowMatch? Maintenance);

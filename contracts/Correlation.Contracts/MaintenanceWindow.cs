namespace Correlation.Contracts;

/// <summary>
/// A maintenance window: alarms from equipment in <paramref name="Scope"/> while it is open are expected and
/// do not page. One-shot from <paramref name="StartsAt"/> to <paramref name="EndsAt"/>; or, with a
/// <paramref name="Recurrence"/>, every occurrence between them (either may then be null for an open end).
/// <paramref name="ChangeReference"/> names the change ticket, when there is one.
/// </summary>
public sealed record MaintenanceWindow(
    string Id,
    string Name,
    string? ChangeReference,
    MaintenanceScope Scope,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    MaintenanceRecurrence? Recurrence);

namespace Correlation.Contracts;

/// <summary>
/// The maintenance window an incident falls under: its <paramref name="WindowId"/>, name and change
/// reference, and when the current occurrence ends.
/// </summary>
public sealed record MaintenanceWindowMatch(string WindowId, string Name, string? ChangeReference, DateTimeOffset EndsAt);

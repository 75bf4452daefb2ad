namespace Correlation.Contracts;

/// <summary>
/// During the maintenance window <paramref name="WindowId"/>, an alarm on <paramref name="Resource"/>, outside
/// the window's declared scope, joined an incident with in-scope work: the work may have hit more than it
/// declared. The incident is then routed normally, not suppressed.
/// </summary>
public sealed record MaintenanceScopeExceeded(
    Guid IncidentId,
    string WindowId,
    string WindowName,
    string? ChangeReference,
    string Resource,
    string? Site,
    DateTimeOffset At);

namespace Correlation.Contracts;

/// <summary>An operator reopened a resolved incident (<see cref="ReopenIncident"/>).</summary>
public sealed record IncidentReopened(IncidentSnapshot Incident, string By, string? Reason, DateTimeOffset At);

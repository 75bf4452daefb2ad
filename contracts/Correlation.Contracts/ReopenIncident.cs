namespace Correlation.Contracts;

/// <summary>An operator reopens a resolved incident; the correlator answers with <see cref="IncidentUpdated"/>.</summary>
public sealed record ReopenIncident(Guid IncidentId, string By, string? Reason, DateTimeOffset At);

namespace Correlation.Contracts;

/// <summary>Someone recorded the root cause of an incident (normally at closure).</summary>
public sealed record IncidentRootCauseRecorded(Guid IncidentId, RootCause RootCause, string By, DateTimeOffset At);

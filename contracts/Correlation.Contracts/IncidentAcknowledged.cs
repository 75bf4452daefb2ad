namespace Correlation.Contracts;

/// <summary>Someone took ownership of an incident.</summary>
public sealed record IncidentAcknowledged(Guid IncidentId, string By, DateTimeOffset At);

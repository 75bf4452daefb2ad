namespace Correlation.Contracts;

/// <summary>An operator confirms an incident's grouping is right: recorded as "correct" feedback.</summary>
public sealed record ConfirmGrouping(Guid IncidentId, string By, DateTimeOffset At);

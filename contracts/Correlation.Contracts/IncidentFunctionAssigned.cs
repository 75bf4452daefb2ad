namespace Correlation.Contracts;

/// <summary>
/// Someone put <paramref name="Assignee"/> in the <paramref name="Function"/> of an incident's team
/// ("incident-coordinator", "communications", "technical-lead"); a null assignee leaves the function empty.
/// </summary>
public sealed record IncidentFunctionAssigned(Guid IncidentId, string Function, string? Assignee, string By, DateTimeOffset At);

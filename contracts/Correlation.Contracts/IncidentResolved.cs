namespace Correlation.Contracts;

/// <summary>Every member of the incident has cleared; <paramref name="Alarm"/> is the last clear.</summary>
public sealed record IncidentResolved(IncidentSnapshot Incident, Alarm Alarm);

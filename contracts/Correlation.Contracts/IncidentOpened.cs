namespace Correlation.Contracts;

/// <summary>A new incident, opened by its first alarm.</summary>
public sealed record IncidentOpened(IncidentSnapshot Incident, Alarm Alarm);

namespace Correlation.Contracts;

/// <summary>An incident changed because of <paramref name="Alarm"/> (a new member, a repeat or a clear).</summary>
public sealed record IncidentUpdated(IncidentSnapshot Incident, Alarm Alarm);

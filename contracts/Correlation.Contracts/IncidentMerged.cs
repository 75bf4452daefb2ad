namespace Correlation.Contracts;

/// <summary>
/// <paramref name="Alarm"/> tied several open incidents strongly enough to show they are one fault: the
/// <paramref name="Absorbed"/> incidents (now in state Merged, with their last version) were merged into
/// <paramref name="Incident"/>, which took their members.
/// </summary>
public sealed record IncidentMerged(IncidentSnapshot Incident, IReadOnlyList<IncidentSnapshot> Absorbed, Alarm Alarm);

namespace Correlation.Contracts;

/// <summary>
/// <paramref name="Alarm"/> tied several open incidents strongly enough to show they are one fault: the
/// <paramref name="Absorbed"/> incidents (now in state Merged, with their last version) were merged into
/// <paramref name="Incident"/>, which took their members. <paramref name="Alarm"/> is null when an operator
/// merged them (<see cref="MergeIncidents"/>); <paramref name="By"/> then names the operator.
/// </summary>
public sealed record IncidentMerged(IncidentSnapshot Incident, IReadOnlyList<IncidentSnapshot> Absorbed, Alarm? Alarm, string? By = null);

namespace Correlation.Contracts;

/// <summary>
/// An operator found alarms that do not belong to an incident: take the conditions with these
/// <paramref name="Fingerprints"/> out of <paramref name="IncidentId"/> into a new incident of their own.
/// The correlator answers with <see cref="AlarmsMoved"/> (to the new incident) and records "false merge" feedback.
/// </summary>
public sealed record SplitIncident(Guid IncidentId, IReadOnlyList<string> Fingerprints, string By, string? Reason, DateTimeOffset At);

namespace Correlation.Contracts;

/// <summary>
/// An operator found alarms in the wrong incident: move the conditions with these <paramref name="Fingerprints"/>
/// from <paramref name="FromIncidentId"/> to <paramref name="ToIncidentId"/>. The correlator answers with
/// <see cref="AlarmsMoved"/> and records "false merge" (from) and "missed merge" (to) feedback.
/// </summary>
public sealed record MoveAlarms(Guid FromIncidentId, Guid ToIncidentId, IReadOnlyList<string> Fingerprints, string By, string? Reason, DateTimeOffset At);

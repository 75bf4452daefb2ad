namespace Correlation.Contracts;

/// <summary>
/// An incident changed because of <paramref name="Alarm"/> (a new member, a repeat or a clear). When the
/// correlator decided several alarms of the incident in one batch, they travel in this one message:
/// <paramref name="Earlier"/> holds, oldest first, the alarms before <paramref name="Alarm"/>, the newest, which
/// <paramref name="Incident"/> is current with.
/// </summary>
public sealed record IncidentUpdated(IncidentSnapshot Incident, Alarm Alarm, IReadOnlyList<Alarm>? Earlier = null);

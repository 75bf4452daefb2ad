namespace Correlation.Contracts;

/// <summary>
/// A new incident, opened by its first alarm. When the correlator decided further alarms of the incident in
/// the same batch, they travel in this one message: <paramref name="Earlier"/> holds, oldest first, the alarms
/// before <paramref name="Alarm"/> (the first of them opened it), and <paramref name="Alarm"/> is the newest,
/// the one <paramref name="Incident"/> is current with.
/// </summary>
public sealed record IncidentOpened(IncidentSnapshot Incident, Alarm Alarm, IReadOnlyList<Alarm>? Earlier = null);

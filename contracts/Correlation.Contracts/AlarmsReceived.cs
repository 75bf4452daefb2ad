namespace Correlation.Contracts;

/// <summary>
/// Alarms accepted by ingest together (one request, one batch of traps or syslog lines) and confirmed by
/// the broker as one message. Many alarms travel in one message because the broker's and MassTransit's cost
/// is per message: one message an alarm would cap ingest near the broker's message rate. A single alarm is
/// a list of one. The alarms are independent: the correlator decides each on its own, by observed time.
/// </summary>
public sealed record AlarmsReceived(IReadOnlyList<Alarm> Alarms);

namespace Correlation.Contracts;

/// <summary>
/// Conditions were moved by an operator (a split or a move) from <paramref name="From"/> to <paramref name="To"/>
/// (a new incident for a split). <paramref name="Alarms"/> is the latest alarm of each moved condition. Both
/// snapshots are current as of the move; consumers that keep member lists move these members across.
/// </summary>
public sealed record AlarmsMoved(IncidentSnapshot From, IncidentSnapshot To, IReadOnlyList<Alarm> Alarms, string By, DateTimeOffset At);

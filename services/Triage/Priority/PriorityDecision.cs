using Correlation.Contracts;

namespace Correlation.Triage.Priority;

/// <summary>An operator's watch on an incident (from <see cref="WatchIncident"/>).</summary>
public sealed record OperatorWatch(string By, string Reason, DateTimeOffset At);

/// <summary>A priority and every factor that set it, in words; <paramref name="Watched"/> when the watch list or an operator watches it.</summary>
public sealed record PriorityDecision(IncidentPriority Priority, string Reason, bool Watched);

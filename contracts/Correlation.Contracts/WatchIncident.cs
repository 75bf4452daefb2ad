namespace Correlation.Contracts;

/// <summary>
/// Put an incident on the watch list (for example, a customer's CEO called about it): triage raises its
/// priority and says so. <paramref name="Watch"/> false takes it off again.
/// </summary>
public sealed record WatchIncident(Guid IncidentId, bool Watch, string By, string Reason, DateTimeOffset At);

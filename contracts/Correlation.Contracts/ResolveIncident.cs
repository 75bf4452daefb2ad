namespace Correlation.Contracts;

/// <summary>
/// An operator resolves an incident. Refused while members still fire unless <paramref name="Force"/> is set,
/// in which case <paramref name="Reason"/> is required. The correlator answers with <see cref="IncidentResolved"/>.
/// </summary>
public sealed record ResolveIncident(Guid IncidentId, bool Force, string By, string? Reason, DateTimeOffset At);

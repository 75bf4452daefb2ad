namespace Correlation.Contracts;

/// <summary>
/// Every member of the incident has cleared and the hold-down passed; <paramref name="Alarm"/> is the last clear.
/// When an operator resolved it (<see cref="ResolveIncident"/>), <paramref name="Alarm"/> is null and
/// <paramref name="By"/> and <paramref name="Reason"/> say who and why (members may still fire when forced).
/// When the correlator expired it (no alarm for its dedup horizon, Correlator:DedupHorizon), <paramref name="Alarm"/>
/// and <paramref name="By"/> are null and <paramref name="Reason"/> starts "expired:" (members may still fire).
/// </summary>
public sealed record IncidentResolved(IncidentSnapshot Incident, Alarm? Alarm, string? By = null, string? Reason = null)
{
    /// <summary>
    /// Why it resolved when not because every member cleared: "resolved by {By}: {Reason}", or the correlator's reason
    /// (its expiry); null when every member cleared. (A method, so that it is not part of the message.)
    /// </summary>
    public string? Resolution() => By is not null ? $"resolved by {By}" + (Reason is null ? "" : $": {Reason}") : Reason;
}

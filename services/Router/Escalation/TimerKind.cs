namespace Correlation.Router.Escalation;

/// <summary>What a router timer wakes up to check. Timers are wake-ups; the projection says what is true.</summary>
public enum TimerKind
{
    /// <summary>Acknowledged yet? Escalates when not, and again every acknowledge period.</summary>
    Acknowledge = 1,

    /// <summary>Any state change, note or root cause since the last activity?</summary>
    Progress = 2,

    /// <summary>Has the member count or the blast radius grown since the last check?</summary>
    Growth = 3,

    /// <summary>Is the resolution deadline at risk, or gone?</summary>
    Deadline = 4,

    /// <summary>The mandatory follow-up of a critical incident.</summary>
    FollowUp = 5,

    /// <summary>A team member's shift ends: hand over to whoever is on call now.</summary>
    Handover = 6,

    /// <summary>The maintenance window holding the incident back ends (or was cancelled): route what still fails.</summary>
    MaintenanceEnd = 7,
}

/// <summary>One router timer, due at <paramref name="Due"/> (its original due time, not its claim lease).</summary>
public sealed record RouterTimer(Guid IncidentId, TimerKind Kind, DateTimeOffset Due, Claimed Claim);

namespace Correlation.Contracts;

/// <summary>Why the router escalated an incident that is not progressing.</summary>
public enum EscalationReason
{
    /// <summary>Nobody acknowledged it within the time its priority allows.</summary>
    NotAcknowledged = 1,

    /// <summary>Acknowledged, but no state change, note or root cause within the time its priority allows.</summary>
    NoProgress = 2,

    /// <summary>Its member count or blast radius (impacted services) is still growing.</summary>
    Growing = 3,

    /// <summary>Most of the time allowed to resolve it has gone.</summary>
    DeadlineAtRisk = 4,

    /// <summary>The time allowed to resolve it has gone.</summary>
    DeadlineMissed = 5,

    /// <summary>The mandatory periodic follow-up of a critical incident, until it is resolved.</summary>
    FollowUp = 6,
}

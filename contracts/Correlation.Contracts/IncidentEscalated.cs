namespace Correlation.Contracts;

/// <summary>
/// The router escalated an incident because it is not progressing. <paramref name="Incident"/> is the
/// incident's state when the escalation fired (never the payload it was first routed with), with the
/// router's view of its priority, category, acknowledgement and last progress at that moment.
/// <paramref name="EscalationId"/> is the same for every delivery of one escalation, so that receivers can
/// drop repeats; <paramref name="Level"/> counts escalations of this reason for the incident (1, 2, ...).
/// <paramref name="Destinations"/> and <paramref name="Recipients"/> are who it was sent to.
/// </summary>
public sealed record IncidentEscalated(
    Guid IncidentId,
    string EscalationId,
    EscalationReason Reason,
    int Level,
    string Detail,
    IncidentSnapshot Incident,
    IncidentPriority Priority,
    IncidentCategory? Category,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<OnCallRecipient> Recipients,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? LastProgressAt,
    DateTimeOffset EscalatedAt);

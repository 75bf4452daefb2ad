using Correlation.Contracts;

namespace Correlation.Router.Delivery;

public enum NoticeKind
{
    /// <summary>The incident was routed: whoever is paged should look at it.</summary>
    Routed = 1,

    /// <summary>The incident escalated because it is not progressing.</summary>
    Escalated = 2,

    /// <summary>The incident resolved: paging services close their alert.</summary>
    Resolved = 3,
}

/// <summary>
/// What the router tells a webhook, in one shape for every format: the generic format sends it as JSON,
/// the Slack, Teams and PagerDuty formats are made from it.
/// </summary>
public sealed record Notice(
    NoticeKind Kind,
    Guid IncidentId,
    long IncidentVersion,
    string Title,
    IncidentState State,
    IncidentPriority Priority,
    IncidentCategory? Category,
    string? Site,
    string? Region,
    int MemberCount,
    int ActiveMemberCount,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Customers,
    string Reason,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<OnCallRecipient> Recipients,
    EscalationReason? Escalation,
    int? Level,
    string? AcknowledgedBy,
    DateTimeOffset At);

/// <summary>
/// One notification to one channel (a webhook or a queue), kept in the outbox until it is delivered.
/// <paramref name="Key"/> is unique per incident version (or escalation) and channel: the Idempotency-Key
/// of the request, and the delivered marker that stops it being sent twice.
/// </summary>
public sealed record ChannelDelivery(string Key, string Channel, Guid IncidentId, Notice Notice, string? MessageType, string? MessageJson);

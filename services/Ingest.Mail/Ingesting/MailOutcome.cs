using Correlation.Contracts;

namespace Correlation.Ingest.Mail.Ingesting;

public enum MailOutcomeKind
{
    /// <summary>The broker confirmed the alarm: the mail may be acknowledged (250, flagged, moved).</summary>
    Accepted,

    /// <summary>The mail can never become an alarm (malformed, injection): refuse it for good.</summary>
    Rejected,

    /// <summary>The broker did not confirm: the mail must be offered again (4xx, left unflagged).</summary>
    PublishFailed,
}

/// <summary>What became of one mail; <see cref="Problem"/> says why for a rejection.</summary>
public sealed record MailOutcome(MailOutcomeKind Kind, Alarm? Alarm, string? Reason = null, string? Problem = null);

namespace Correlation.Ingest.Mail.Parsing;

/// <summary>
/// What ingest needs of one mail, with every text checked and bounded: the sender, the subject, the
/// ids that tie a thread together, the body as plain text and what was attached.
/// </summary>
/// <param name="From">The sender (From, else the SMTP envelope's MAIL FROM).</param>
/// <param name="MessageId">The Message-ID without its angle brackets; null when the mail has none.</param>
/// <param name="InReplyTo">The mail this one answers.</param>
/// <param name="References">The thread's earlier mails, oldest first.</param>
/// <param name="Date">The Date header, when there is a readable one.</param>
/// <param name="Text">The body as plain text (HTML reduced), lines ending in '\n', at most <see cref="MailParser.MaxTextChars"/>.</param>
/// <param name="TextTruncated">The body was longer than what <paramref name="Text"/> keeps.</param>
/// <param name="Attachments">What was attached (never read further).</param>
/// <param name="Recipients">The envelope's RCPT TO addresses, else the To and Cc headers.</param>
/// <param name="ContentHash">SHA-256 of the raw message: the idempotency key of a mail without Message-ID.</param>
public sealed record ParsedMail(
    MailSender From,
    string Subject,
    string? MessageId,
    string? InReplyTo,
    IReadOnlyList<string> References,
    DateTimeOffset? Date,
    string Text,
    bool TextTruncated,
    IReadOnlyList<MailAttachment> Attachments,
    IReadOnlyList<string> Recipients,
    string ContentHash)
{
    /// <summary>The first mail of the thread this one belongs to (itself when it starts one).</summary>
    public string ThreadRoot => References.Count > 0 ? References[0] : InReplyTo ?? MessageId ?? ContentHash;
}

/// <summary>A sender: the address (never empty; "unknown" when the mail names none), the display name and the address's domain.</summary>
public sealed record MailSender(string Address, string Name, string Domain);

/// <summary>An attached part, noted by name, media type and encoded size; its content is never read.</summary>
public sealed record MailAttachment(string Name, string ContentType, long EncodedBytes);

using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Correlation.Ingest.Mail.Parsing;

/// <summary>
/// Reads a raw mail (RFC 5322 with MIME) with MimeKit into a <see cref="ParsedMail"/>. Nothing in a mail
/// makes this throw: MIME that cannot be read and control characters smuggled into addresses, ids or the
/// subject (through encoded words, say) come back as a rejection with the reason, and every text is
/// bounded, so that no header value can break a log line, a label or a later mail someone builds from it.
/// </summary>
public static class MailParser
{
    /// <summary>Body text kept for rules and excerpts: enough for any notification, bounded for a mail bomb.</summary>
    public const int MaxTextChars = 64 * 1024;

    public const int MaxSubjectChars = 998;

    public const int MaxIdChars = 250;

    public const int MaxReferences = 50;

    public const int MaxAttachmentsNoted = 20;

    private static readonly ParserOptions Options = new() { MaxMimeDepth = 16, MaxAddressGroupDepth = 2 };

    public static MailParseResult Parse(ArraySegment<byte> raw, MailEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw.Array ?? [], raw.Offset, raw.Count, writable: false);
            message = MimeMessage.Load(Options, stream);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return MailParseResult.Rejected(MailRejection.MalformedMime, $"the message cannot be read as MIME: {ex.Message}");
        }

        using (message)
        {
            return Read(message, raw, envelope);
        }
    }

    private static MailParseResult Read(MimeMessage message, ArraySegment<byte> raw, MailEnvelope envelope)
    {
        if (message.Headers.Count == 0)
        {
            return MailParseResult.Rejected(MailRejection.MalformedMime, "the message has no header fields");
        }

        var problems = new List<string>();
        var from = Sender(message, envelope, problems);
        var subject = Clean(message.Subject ?? "", "Subject", MaxSubjectChars, problems, allowSpaces: true);
        var messageId = Id(message.MessageId, "Message-ID", problems);
        var inReplyTo = Id(message.InReplyTo, "In-Reply-To", problems);
        var references = message.References.Take(MaxReferences).Select(r => Id(r, "References", problems)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            return MailParseResult.Rejected(MailRejection.HeaderInjection, string.Join("; ", problems));
        }

        var (text, truncated) = BodyText(message);
        var recipients = envelope.Recipients.Count > 0
            ? envelope.Recipients
            : [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => Printable(m.Address)).Take(50)];
        return MailParseResult.Ok(new ParsedMail(
            from,
            subject,
            messageId,
            inReplyTo,
            references,
            message.Date == DateTimeOffset.MinValue ? null : message.Date,
            text,
            truncated,
            Attachments(message),
            recipients,
            Convert.ToHexStringLower(SHA256.HashData(raw))));
    }

    private static MailSender Sender(MimeMessage message, MailEnvelope envelope, List<string> problems)
    {
        var mailbox = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var address = mailbox?.Address is { Length: > 0 } a ? a : envelope.Sender;
        address = Clean(address, "From", 320, problems, allowSpaces: false);
        var name = Clean(mailbox?.Name ?? "", "From", 200, problems, allowSpaces: true);
        if (address.Length == 0)
        {
            address = "unknown";
        }

        var at = address.LastIndexOf('@');
        return new MailSender(address, name, at > 0 ? address[(at + 1)..].ToLowerInvariant() : "");
    }

    /// <returns>The id, null when absent or absurdly long (the mail is then keyed by its content).</returns>
    private static string? Id(string? id, string header, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        id = Clean(id.Trim().Trim('<', '>'), header, int.MaxValue, problems, allowSpaces: false);
        return id.Length is 0 or > MaxIdChars ? null : id;
    }

    /// <summary>
    /// A header value as decoded. Any control character in it (CR and LF above all: header injection)
    /// is a problem; spaces only where the header may hold them. Long values are cut.
    /// </summary>
    private static string Clean(string value, string header, int maxChars, List<string> problems, bool allowSpaces)
    {
        foreach (var c in value)
        {
            if ((char.IsControl(c) && !(allowSpaces && c == '\t')) || (!allowSpaces && char.IsWhiteSpace(c)))
            {
                problems.Add($"{header} holds {(c is '\r' or '\n' ? "a line break" : $"the character U+{(int)c:X4}")}");
                return "";
            }
        }

        value = value.Replace('\t', ' ').Trim();
        return value.Length > maxChars ? value[..maxChars] : value;
    }

    private static string Printable(string text) => new([.. text.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).Take(320)]);

    private static string FileName(string? name) =>
        name is null ? "(unnamed)" : new([.. name.Where(c => !char.IsControl(c)).Take(200)]);

    private static (string Text, bool Truncated) BodyText(MimeMessage message)
    {
        var text = message.TextBody;
        if (text is null && message.HtmlBody is { } html)
        {
            text = HtmlText.ToText(html, MaxTextChars + 1);
        }

        if (string.IsNullOrEmpty(text))
        {
            return ("", false);
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxTextChars));
        foreach (var c in text)
        {
            if (clean.Length == MaxTextChars)
            {
                return (clean.ToString(), true);
            }

            if (c == '\n' || c == '\t' || !char.IsControl(c))
            {
                clean.Append(c);
            }
        }

        return (clean.ToString().Trim(), false);
    }

    private static List<MailAttachment> Attachments(MimeMessage message) =>
    [
        .. message.Attachments.Take(MaxAttachmentsNoted).Select(entity => entity switch
        {
            MimePart part => new MailAttachment(FileName(part.FileName ?? part.ContentType.Name), part.ContentType.MimeType,
                part.Content?.Stream is { CanSeek: true } content ? content.Length : 0),
            _ => new MailAttachment(FileName(entity.ContentDisposition?.FileName), entity.ContentType.MimeType, 0),
        }),
    ];
}

namespace Correlation.Ingest.Mail.Parsing;

/// <summary>What the SMTP dialogue said about a mail: MAIL FROM (empty for the null sender) and the RCPT TO addresses.</summary>
public sealed record MailEnvelope(string Sender, IReadOnlyList<string> Recipients)
{
    public static MailEnvelope None { get; } = new("", []);
}

namespace Correlation.Ingest.Mail.Parsing;

/// <summary>A parsed mail, or the rejection reason (a <see cref="MailRejection"/> value) with what was wrong, for the log and the SMTP reply.</summary>
public sealed record MailParseResult(ParsedMail? Mail, string? Reason, string? Problem)
{
    public static MailParseResult Ok(ParsedMail mail) => new(mail, null, null);

    public static MailParseResult Rejected(string reason, string problem) => new(null, reason, problem);
}

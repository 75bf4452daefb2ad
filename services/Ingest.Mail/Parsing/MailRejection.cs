namespace Correlation.Ingest.Mail.Parsing;

/// <summary>Why a mail is refused: the "reason" tag of correlation.ingest.requests.rejected.</summary>
public static class MailRejection
{
    /// <summary>MIME that cannot be read, or no header at all.</summary>
    public const string MalformedMime = "malformed_mime";

    /// <summary>A control character (CR, LF, NUL ...) hidden in an address, an id or the subject.</summary>
    public const string HeaderInjection = "header_injection";

    public const string TooLarge = "too_large";

    public const string InternalError = "internal_error";
}

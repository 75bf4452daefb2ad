namespace Correlation.Ingest.Nms.Syslog;

/// <summary>Why a syslog message or frame was not accepted: the "reason" of the rejected counter.</summary>
public static class SyslogRejection
{
    public const string Empty = "empty";
    public const string BadPri = "bad_pri";
    public const string BadVersion = "bad_version";
    public const string BadTimestamp = "bad_timestamp";
    public const string BadHeader = "bad_header";
    public const string BadStructuredData = "bad_structured_data";
    public const string TooLong = "too_long";
    public const string BadFrame = "bad_frame";
    public const string TooManyConnections = "too_many_connections";
    public const string SourceNotAllowed = "source_not_allowed";
}

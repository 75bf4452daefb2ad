namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// One parsed syslog message. Facility and severity are the numbers of RFC 5424 6.2.1. Fields a sender
/// left out ("-" in RFC 5424, no header in RFC 3164) are null. For RFC 3164, <see cref="AppName"/> is
/// the TAG and <see cref="ProcId"/> the number in brackets after it.
/// </summary>
public sealed record SyslogMessage(
    SyslogFormat Format,
    int Facility,
    int Severity,
    DateTimeOffset? Timestamp,
    string? Hostname,
    string? AppName,
    string? ProcId,
    string? MsgId,
    string? StructuredData,
    string Message);

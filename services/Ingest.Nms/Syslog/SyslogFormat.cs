namespace Correlation.Ingest.Nms.Syslog;

public enum SyslogFormat
{
    Rfc5424,
    Rfc3164,
}

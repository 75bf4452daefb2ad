using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>The eight syslog severities (RFC 5424 6.2.1); a smaller number is more severe.</summary>
public enum SyslogSeverity
{
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

/// <summary>Syslog severities and facilities as alarms and rules name them.</summary>
public static class SyslogNames
{
    private static readonly string[] Facilities =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp", "ntp",
        "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    public static string Facility(int facility) => facility >= 0 && facility < Facilities.Length ? Facilities[facility] : "unknown";

    public static bool IsFacility(string name) => Facilities.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>emerg, alert and crit are critical; err major; warning warning; notice and below info.</summary>
    public static AlarmSeverity AlarmSeverityOf(int severity) => severity switch
    {
        <= 2 => AlarmSeverity.Critical,
        3 => AlarmSeverity.Major,
        4 => AlarmSeverity.Warning,
        _ => AlarmSeverity.Info,
    };
}

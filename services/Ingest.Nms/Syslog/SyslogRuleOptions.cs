using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// One syslog mapping rule, as configured ("Nms:Syslog:Rules:N"). A message is taken when it passes the
/// filters and <see cref="Pattern"/> or <see cref="ClearPattern"/> matches its text. Templates resolve
/// {host}, {source}, {app}, {facility}, {severity}, {msgid}, {procid}, {message} and the patterns'
/// named groups ({interface} for "(?&lt;interface&gt;...)").
/// </summary>
public sealed class SyslogRuleOptions
{
    /// <summary>Only messages from this APP-NAME (RFC 5424) or TAG (RFC 3164), any case; empty: any.</summary>
    public string AppName { get; set; } = "";

    /// <summary>Only these facilities (kern, daemon, local0, ...); empty: any.</summary>
    public List<string> Facilities { get; set; } = [];

    /// <summary>Only messages at least this severe; empty: any.</summary>
    public SyslogSeverity? MinimumSeverity { get; set; }

    /// <summary>A .NET regular expression (run without backtracking, so in linear time) that raises.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>A regular expression that clears the same condition (same resource, type and instance).</summary>
    public string ClearPattern { get; set; } = "";

    public string AlarmType { get; set; } = "";

    /// <summary>The alarm's severity; empty: from the syslog severity.</summary>
    public AlarmSeverity? Severity { get; set; }

    public string Resource { get; set; } = "{host}";

    public string Instance { get; set; } = "";

    public string Summary { get; set; } = "{message}";
}

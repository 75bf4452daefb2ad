using Correlation.Contracts;

namespace Correlation.Ingest.Feeds;

/// <summary>
/// The default severity tables (documented in the README). Configuration adds to or overrides entries,
/// e.g. "Ingest:Prometheus:Severity:p1=Critical".
/// </summary>
public static class SeverityDefaults
{
    /// <summary>The Prometheus family's usual `severity` label values (Alertmanager, Prometheus, Grafana).</summary>
    public static Dictionary<string, AlarmSeverity> Prometheus() => Table(
        ("critical", AlarmSeverity.Critical), ("page", AlarmSeverity.Critical), ("emergency", AlarmSeverity.Critical),
        ("error", AlarmSeverity.Major), ("major", AlarmSeverity.Major), ("high", AlarmSeverity.Major),
        ("minor", AlarmSeverity.Minor), ("medium", AlarmSeverity.Minor),
        ("warning", AlarmSeverity.Warning), ("warn", AlarmSeverity.Warning), ("low", AlarmSeverity.Warning),
        ("info", AlarmSeverity.Info), ("informational", AlarmSeverity.Info), ("none", AlarmSeverity.Info));

    /// <summary>PagerDuty's four payload severities; anything else is refused, as PagerDuty does.</summary>
    public static Dictionary<string, AlarmSeverity> PagerDuty() => Table(
        ("critical", AlarmSeverity.Critical), ("error", AlarmSeverity.Major),
        ("warning", AlarmSeverity.Warning), ("info", AlarmSeverity.Info));

    /// <summary>
    /// Names the generic alarm accepts beside its own (critical, major, minor, warning, info, clear):
    /// Zabbix's trigger severities, which Zabbix webhooks pass through as they are.
    /// </summary>
    public static Dictionary<string, AlarmSeverity> Generic() => Table(
        ("disaster", AlarmSeverity.Critical), ("high", AlarmSeverity.Major), ("average", AlarmSeverity.Minor),
        ("information", AlarmSeverity.Info), ("not classified", AlarmSeverity.Info));

    private static Dictionary<string, AlarmSeverity> Table(params (string Name, AlarmSeverity Severity)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Severity, StringComparer.OrdinalIgnoreCase);
}

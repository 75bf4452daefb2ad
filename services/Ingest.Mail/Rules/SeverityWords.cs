using Correlation.Contracts;

namespace Correlation.Ingest.Mail.Rules;

/// <summary>
/// What monitoring tools write for a severity or a state, read as an alarm severity, and which of their
/// words say a condition has ended. Nagios/Icinga states, Zabbix severities and our own names.
/// </summary>
public static class SeverityWords
{
    private static readonly Dictionary<string, AlarmSeverity> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["critical"] = AlarmSeverity.Critical,
        ["crit"] = AlarmSeverity.Critical,
        ["disaster"] = AlarmSeverity.Critical,
        ["down"] = AlarmSeverity.Critical,
        ["emergency"] = AlarmSeverity.Critical,
        ["major"] = AlarmSeverity.Major,
        ["high"] = AlarmSeverity.Major,
        ["error"] = AlarmSeverity.Major,
        ["unreachable"] = AlarmSeverity.Major,
        ["minor"] = AlarmSeverity.Minor,
        ["average"] = AlarmSeverity.Minor,
        ["unknown"] = AlarmSeverity.Minor,
        ["warning"] = AlarmSeverity.Warning,
        ["warn"] = AlarmSeverity.Warning,
        ["info"] = AlarmSeverity.Info,
        ["information"] = AlarmSeverity.Info,
        ["informational"] = AlarmSeverity.Info,
        ["not classified"] = AlarmSeverity.Info,
        ["ok"] = AlarmSeverity.Info,
        ["up"] = AlarmSeverity.Info,
    };

    private static readonly HashSet<string> ClearWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "recovery", "resolved", "ok", "up", "clear", "cleared",
    };

    public static bool TryParse(string? text, out AlarmSeverity severity) =>
        Words.TryGetValue(text?.Trim() ?? "", out severity);

    public static bool IsClear(string? text) => ClearWords.Contains(text?.Trim() ?? "");
}

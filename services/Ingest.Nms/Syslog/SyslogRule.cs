using System.Text.RegularExpressions;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Mapping;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>A syslog mapping rule ready to match: filters, compiled patterns and parsed templates.</summary>
public sealed record SyslogRule(
    string? AppName,
    IReadOnlySet<string> Facilities,
    int MaxSeverity,
    Regex? Pattern,
    Regex? ClearPattern,
    string AlarmType,
    AlarmSeverity? Severity,
    AlarmTemplate Resource,
    AlarmTemplate Instance,
    AlarmTemplate Summary)
{
    // NonBacktracking: a line from the network can never make a pattern run for long.
    private const RegexOptions PatternOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public bool Accepts(SyslogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Severity <= MaxSeverity
            && (AppName is null || string.Equals(AppName, message.AppName, StringComparison.OrdinalIgnoreCase))
            && (Facilities.Count == 0 || Facilities.Contains(SyslogNames.Facility(message.Facility)));
    }

    /// <returns>The rule, or null with the reason.</returns>
    public static SyslogRule? Compile(SyslogRuleOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = "";
        if (string.IsNullOrWhiteSpace(options.AlarmType))
        {
            error = "AlarmType is required";
            return null;
        }

        if (options.Pattern.Length == 0 && options.ClearPattern.Length == 0)
        {
            error = "Pattern or ClearPattern is required";
            return null;
        }

        if (options.Facilities.FirstOrDefault(f => !SyslogNames.IsFacility(f)) is { } unknown)
        {
            error = $"'{unknown}' is not a syslog facility";
            return null;
        }

        if (!TryRegex(options.Pattern, out var pattern, ref error) || !TryRegex(options.ClearPattern, out var clear, ref error)
            || !AlarmTemplate.TryParse(options.Resource, out var resource, out error)
            || !AlarmTemplate.TryParse(options.Instance, out var instance, out error)
            || !AlarmTemplate.TryParse(options.Summary, out var summary, out error))
        {
            return null;
        }

        return new SyslogRule(options.AppName.Length > 0 ? options.AppName : null,
            options.Facilities.ToHashSet(StringComparer.OrdinalIgnoreCase), (int)(options.MinimumSeverity ?? SyslogSeverity.Debug),
            pattern, clear, options.AlarmType, options.Severity, resource, instance, summary);
    }

    private static bool TryRegex(string text, out Regex? regex, ref string error)
    {
        regex = null;
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            regex = new Regex(text, PatternOptions, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            error = $"pattern \"{text}\": {ex.Message}";
            return false;
        }
    }
}

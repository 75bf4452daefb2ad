using Correlation.Contracts;
using Correlation.Ingest.Nms.Mapping;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>A trap mapping rule ready to match: its pattern and templates parsed.</summary>
public sealed record TrapRule(
    OidPattern Trap,
    string AlarmType,
    AlarmSeverity Severity,
    bool Clear,
    AlarmTemplate Resource,
    AlarmTemplate Instance,
    AlarmTemplate Summary)
{
    /// <returns>The rule, or null with the reason.</returns>
    public static TrapRule? Compile(TrapRuleOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        error = "";
        if (!OidPattern.TryParse(options.Trap, out var pattern))
        {
            error = $"Trap '{options.Trap}' is not an OID pattern (arcs of digits, '*' for any one arc, '*' last for any rest)";
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.AlarmType))
        {
            error = "AlarmType is required";
            return null;
        }

        if (!AlarmTemplate.TryParse(options.Resource, out var resource, out error)
            || !AlarmTemplate.TryParse(options.Instance, out var instance, out error)
            || !AlarmTemplate.TryParse(options.Summary, out var summary, out error))
        {
            return null;
        }

        return resource.IsEmpty
            ? Fail("Resource may not be empty", out error)
            : new TrapRule(pattern!, options.AlarmType, options.Severity, options.Clear, resource, instance, summary);
    }

    private static TrapRule? Fail(string reason, out string error)
    {
        error = reason;
        return null;
    }
}

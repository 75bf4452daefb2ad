using System.Globalization;
using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Mapping;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// Turns a syslog message into an Alarm by the first rule whose filters and pattern (or clear pattern)
/// match. A message no rule takes becomes a "syslog" alarm (instance: the app name) when it is at least
/// as severe as the unmatched threshold, and is ignored otherwise.
/// </summary>
public sealed class SyslogAlarmMapper(IReadOnlyList<SyslogRule> rules, SyslogSeverity? unmatchedThreshold, TimeProvider time)
{
    public const string SourceName = "syslog";
    public const string UnmatchedAlarmType = "syslog";

    /// <returns>The alarm, or null when the message is ignored.</returns>
    public Alarm? Map(SyslogMessage message, IPAddress source, ReadOnlySpan<byte> line)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        var sender = (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString();
        foreach (var rule in rules)
        {
            if (!rule.Accepts(message))
            {
                continue;
            }

            var clear = rule.ClearPattern?.Match(message.Message) is { Success: true } cleared ? cleared : null;
            var match = clear ?? (rule.Pattern?.Match(message.Message) is { Success: true } raised ? raised : null);
            if (match is not null)
            {
                string? Resolve(string name) => match.Groups.TryGetValue(name, out var group) && group.Success
                    ? group.Value
                    : Field(name, message, sender);
                return Create(message, sender, source, line, rule.AlarmType, rule.Severity ?? SyslogNames.AlarmSeverityOf(message.Severity),
                    clear is not null, rule.Resource.Render(Resolve), rule.Instance.Render(Resolve), rule.Summary.Render(Resolve));
            }
        }

        if (unmatchedThreshold is null || message.Severity > (int)unmatchedThreshold)
        {
            return null;
        }

        return Create(message, sender, source, line, UnmatchedAlarmType, SyslogNames.AlarmSeverityOf(message.Severity), false,
            message.Hostname ?? sender, message.AppName ?? "", message.Message);
    }

    private Alarm Create(SyslogMessage message, string sender, IPAddress source, ReadOnlySpan<byte> line, string alarmType,
        AlarmSeverity severity, bool clear, string resource, string instance, string summary)
    {
        resource = resource.Length > 0 ? resource : message.Hostname ?? sender;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = message.Hostname ?? sender,
            ["sourceAddress"] = sender,
            ["facility"] = SyslogNames.Facility(message.Facility),
        };
        if (instance.Length > 0)
        {
            labels["instance"] = instance;
        }

        if (message.AppName is not null)
        {
            labels["app"] = message.AppName;
        }

        var now = time.GetUtcNow();
        return new Alarm(
            Guid.NewGuid(),
            AlarmKeys.Idempotency(SourceName, source, line),
            Correlation.Ingest.AlarmFingerprint.Compute(resource, alarmType, instance.Length > 0 ? instance : null),
            SourceKind.Syslog,
            SourceName,
            resource,
            null,
            null,
            alarmType,
            severity,
            clear ? AlarmStatus.Cleared : AlarmStatus.Raised,
            summary.Length > 0 ? summary : message.Message,
            labels,
            Details(message),
            message.Format == SyslogFormat.Rfc5424 && message.Timestamp is { } timestamp ? timestamp : now,
            now);
    }

    private static Dictionary<string, string> Details(SyslogMessage message)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = message.Format == SyslogFormat.Rfc5424 ? "rfc5424" : "rfc3164",
            ["severity"] = ((SyslogSeverity)message.Severity).ToString().ToLowerInvariant(),
            ["message"] = message.Message,
        };
        Add(details, "timestamp", message.Timestamp?.ToString("O", CultureInfo.InvariantCulture));
        Add(details, "procId", message.ProcId);
        Add(details, "msgId", message.MsgId);
        Add(details, "structuredData", message.StructuredData);
        return details;
    }

    private static void Add(Dictionary<string, string> details, string key, string? value)
    {
        if (value is not null)
        {
            details[key] = value;
        }
    }

    private static string? Field(string name, SyslogMessage message, string sender) => name switch
    {
        "host" => message.Hostname ?? sender,
        "source" => sender,
        "app" => message.AppName,
        "facility" => SyslogNames.Facility(message.Facility),
        "severity" => ((SyslogSeverity)message.Severity).ToString().ToLowerInvariant(),
        "msgid" => message.MsgId,
        "procid" => message.ProcId,
        "message" => message.Message,
        _ => null,
    };

    /// <returns>The rules (configured, then built-in), or null with the first problem as "Rules:N: reason".</returns>
    public static IReadOnlyList<SyslogRule>? CompileRules(IReadOnlyList<SyslogRuleOptions> configured, bool withBuiltIns, out string error) =>
        RuleList.Compile<SyslogRuleOptions, SyslogRule>(configured, withBuiltIns ? BuiltInSyslogRules.All : [], SyslogRule.Compile, out error);
}

using System.ComponentModel.DataAnnotations;
using System.Net;
using Correlation.Ingest.Admission;
using Correlation.Ingest.Nms.Syslog;
using Correlation.Ingest.Nms.Traps;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Nms;

/// <summary>
/// Checks what data annotations cannot: the nested sections, the address, every rule (patterns,
/// templates, regular expressions) and every source network, naming the setting that is wrong.
/// </summary>
public sealed class NmsOptionsValidator : IValidateOptions<NmsOptions>
{
    public ValidateOptionsResult Validate(string? name, NmsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Annotations(options.Snmp, "Nms:Snmp", failures);
        Annotations(options.Syslog, "Nms:Syslog", failures);
        Annotations(options.Publish, "Nms:Publish", failures);
        if (!IPAddress.TryParse(options.Address, out _))
        {
            failures.Add($"Nms:Address: '{options.Address}' is not an IP address");
        }

        if (TrapRuleSet.Compile(options.Snmp.Rules, false, out var trapError) is null)
        {
            failures.Add($"Nms:Snmp:{trapError}");
        }

        if (CommunityPolicy.Create(options.Snmp.Sources, out var sourceError) is null)
        {
            failures.Add($"Nms:Snmp:{sourceError}");
        }

        if (SenderNetworks.Parse(options.Syslog.AllowedNetworks, out var networkError) is null)
        {
            failures.Add($"Nms:Syslog:AllowedNetworks:{networkError}");
        }

        if (SyslogAlarmMapper.CompileRules(options.Syslog.Rules, false, out var syslogError) is null)
        {
            failures.Add($"Nms:Syslog:{syslogError}");
        }

        failures.AddRange(options.Snmp.Names.Where(n => !OidPattern.TryParse(n.Value, out _) || n.Value.Contains('*', StringComparison.Ordinal))
            .Select(n => $"Nms:Snmp:Names:{n.Key}: '{n.Value}' is not an OID"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotations(object section, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}

using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// One trap mapping rule, as configured ("Nms:Snmp:Rules:N"). Templates resolve {agent}, {source},
/// {trapOid}, {trapName}, {enterprise}, {generic}, {specific}, {uptime}, {$N} (the Nth varbind after
/// the standard two), a varbind by name or OID ({ifDescr}, {1.3.6.1.2.1.2.2.1.2}) and the index part
/// of its OID ({ifOperStatus.index}); "a|b" takes the first with a value.
/// </summary>
public sealed class TrapRuleOptions
{
    /// <summary>The trap OID (v2 form) this rule takes, with "*" wildcards; see <see cref="OidPattern"/>.</summary>
    public string Trap { get; set; } = "";

    public string AlarmType { get; set; } = "";

    public AlarmSeverity Severity { get; set; } = AlarmSeverity.Warning;

    /// <summary>The trap ends the condition <see cref="AlarmType"/> (linkUp clears link_down for the same instance).</summary>
    public bool Clear { get; set; }

    public string Resource { get; set; } = "{agent}";

    /// <summary>What tells one instance of the condition from another on the resource (an ifIndex); part of the fingerprint.</summary>
    public string Instance { get; set; } = "";

    public string Summary { get; set; } = "{trapName} from {agent}";
}

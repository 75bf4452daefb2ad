using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// The rules every receiver has after the configured ones: the generic traps of RFC 1157/3418, IF-MIB
/// link traps, ENTITY-MIB and ENTITY-STATE-MIB, BGP4-MIB (both the RFC 1657 and RFC 4273 OIDs), and a
/// last rule that turns any other trap into an "snmp_trap" alarm per agent and trap OID.
/// </summary>
public static class BuiltInTrapRules
{
    private const string Interface = "{ifName|ifDescr|ifIndex|ifOperStatus.index}";
    private const string InterfaceIndex = "{ifIndex|ifOperStatus.index|ifAdminStatus.index}";

    public static IReadOnlyList<TrapRuleOptions> All { get; } =
    [
        Rule("1.3.6.1.6.3.1.1.5.1", "cold_start", AlarmSeverity.Warning, "{agent} restarted (cold start)"),
        Rule("1.3.6.1.6.3.1.1.5.2", "warm_start", AlarmSeverity.Info, "{agent} restarted (warm start)"),
        Rule("1.3.6.1.6.3.1.1.5.3", "link_down", AlarmSeverity.Major, $"Link down on {{agent}} interface {Interface}", InterfaceIndex),
        Rule("1.3.6.1.6.3.1.1.5.4", "link_down", AlarmSeverity.Major, $"Link up on {{agent}} interface {Interface}", InterfaceIndex, clear: true),
        Rule("1.3.6.1.6.3.1.1.5.5", "snmp_auth_failure", AlarmSeverity.Warning, "SNMP authentication failure on {agent}"),
        Rule("1.3.6.1.2.1.47.2.0.1", "entity_config_change", AlarmSeverity.Info, "Physical entity configuration changed on {agent}"),
        Rule("1.3.6.1.2.1.131.0.2", "entity_disabled", AlarmSeverity.Major,
            "Entity {entPhysicalName|entStateOper.index} disabled on {agent}", "{entStateOper.index|entStateAdmin.index}"),
        Rule("1.3.6.1.2.1.131.0.1", "entity_disabled", AlarmSeverity.Major,
            "Entity {entPhysicalName|entStateOper.index} enabled on {agent}", "{entStateOper.index|entStateAdmin.index}", clear: true),
        Rule("1.3.6.1.2.1.15.*.2", "bgp_session_down", AlarmSeverity.Major,
            "BGP session to {bgpPeerState.index|bgpPeerLastError.index} left Established on {agent}", "{bgpPeerState.index|bgpPeerLastError.index}"),
        Rule("1.3.6.1.2.1.15.*.1", "bgp_session_down", AlarmSeverity.Major,
            "BGP session to {bgpPeerState.index|bgpPeerLastError.index} established on {agent}", "{bgpPeerState.index|bgpPeerLastError.index}", clear: true),
        Rule("*", "snmp_trap", AlarmSeverity.Warning, "SNMP trap {trapName} from {agent}", "{trapOid}"),
    ];

    private static TrapRuleOptions Rule(string trap, string alarmType, AlarmSeverity severity, string summary, string instance = "", bool clear = false) =>
        new() { Trap = trap, AlarmType = alarmType, Severity = severity, Summary = summary, Instance = instance, Clear = clear };
}

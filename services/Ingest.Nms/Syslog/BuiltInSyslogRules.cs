using Correlation.Contracts;

namespace Correlation.Ingest.Nms.Syslog;

/// <summary>
/// The rules every receiver has after the configured ones: the interface, line protocol, BGP and OSPF
/// messages of Cisco IOS/IOS-XE/NX-OS and Juniper Junos, each with the message that clears it.
/// </summary>
public static class BuiltInSyslogRules
{
    public static IReadOnlyList<SyslogRuleOptions> All { get; } =
    [
        Rule("link_down", AlarmSeverity.Major, "{interface}",
            @"%(?:ETHPORT|LINK)-\d+-(?:UPDOWN|IF_DOWN_LINK_FAILURE): Interface (?<interface>[^\s,]+),? (?:changed state to down|is down)",
            @"%(?:ETHPORT|LINK)-\d+-(?:UPDOWN|IF_UP): Interface (?<interface>[^\s,]+),? (?:changed state to up|is up)"),
        Rule("line_protocol_down", AlarmSeverity.Minor, "{interface}",
            @"%LINEPROTO-\d+-UPDOWN: Line protocol on Interface (?<interface>[^\s,]+), changed state to down",
            @"%LINEPROTO-\d+-UPDOWN: Line protocol on Interface (?<interface>[^\s,]+), changed state to up"),
        Rule("link_down", AlarmSeverity.Major, "{interface}",
            @"SNMP_TRAP_LINK_DOWN: ifIndex \d+, ifAdminStatus up\(1\), ifOperStatus down\(2\), ifName (?<interface>\S+)",
            @"SNMP_TRAP_LINK_UP: ifIndex \d+, ifAdminStatus up\(1\), ifOperStatus up\(1\), ifName (?<interface>\S+)"),
        Rule("bgp_session_down", AlarmSeverity.Major, "{peer}",
            @"%BGP-\d+-ADJCHANGE: neighbor (?<peer>\S+)(?: vpn vrf \S+)? Down",
            @"%BGP-\d+-ADJCHANGE: neighbor (?<peer>\S+)(?: vpn vrf \S+)? Up"),
        Rule("ospf_adjacency_down", AlarmSeverity.Major, "{peer}",
            @"%OSPF-\d+-ADJCHG: Process \d+, Nbr (?<peer>\S+) on \S+ from \S+ to DOWN",
            @"%OSPF-\d+-ADJCHG: Process \d+, Nbr (?<peer>\S+) on \S+ from \S+ to FULL"),
    ];

    private static SyslogRuleOptions Rule(string alarmType, AlarmSeverity severity, string instance, string pattern, string clearPattern) =>
        new() { AlarmType = alarmType, Severity = severity, Instance = instance, Pattern = pattern, ClearPattern = clearPattern };
}

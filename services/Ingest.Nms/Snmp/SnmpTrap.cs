namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// A decoded SNMPv1 Trap-PDU, SNMPv2-Trap-PDU or InformRequest. <see cref="TrapOid"/> is always the
/// v2 form: a v1 trap is translated as RFC 3584 section 3.1 says (generic traps onto snmpTraps.N,
/// enterprise-specific ones onto enterprise.0.specific).
/// </summary>
/// <param name="Varbinds">The bindings after sysUpTime.0 and snmpTrapOID.0 (v2c); all of them for v1.</param>
/// <param name="VarbindList">Where the encoded VarBindList lies in the datagram (an inform's response echoes it).</param>
public sealed record SnmpTrap(
    SnmpVersion Version,
    string Community,
    SnmpPduKind Kind,
    int RequestId,
    string TrapOid,
    uint Uptime,
    string? Enterprise,
    string? AgentAddress,
    int? GenericTrap,
    int? SpecificTrap,
    IReadOnlyList<SnmpVarbind> Varbinds,
    Range VarbindList);

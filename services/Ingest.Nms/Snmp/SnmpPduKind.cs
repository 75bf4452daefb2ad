namespace Correlation.Ingest.Nms.Snmp;

/// <summary>The notification PDUs the receiver accepts.</summary>
public enum SnmpPduKind
{
    /// <summary>SNMPv1 Trap-PDU.</summary>
    TrapV1,

    /// <summary>SNMPv2-Trap-PDU.</summary>
    TrapV2,

    /// <summary>InformRequest-PDU: the sender waits for a Response.</summary>
    Inform,
}

namespace Correlation.Ingest.Nms.Snmp;

/// <summary>The type of a varbind's value, as the agent encoded it.</summary>
public enum SnmpType
{
    Integer32,
    OctetString,
    Null,
    ObjectIdentifier,
    IpAddress,
    Counter32,
    Gauge32,
    TimeTicks,
    Opaque,
    Counter64,
    NoSuchObject,
    NoSuchInstance,
    EndOfMibView,
}

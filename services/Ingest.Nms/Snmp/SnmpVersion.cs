namespace Correlation.Ingest.Nms.Snmp;

/// <summary>The message versions accepted; the values are the ones on the wire.</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
}

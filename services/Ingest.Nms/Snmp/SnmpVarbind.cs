namespace Correlation.Ingest.Nms.Snmp;

/// <summary>
/// One variable binding: its OID, its type and its value as text (numbers in decimal, IP addresses
/// dotted, OIDs dotted, printable strings as they are and other octet strings as 0x-prefixed hex).
/// </summary>
public sealed record SnmpVarbind(string Oid, SnmpType Type, string Value);

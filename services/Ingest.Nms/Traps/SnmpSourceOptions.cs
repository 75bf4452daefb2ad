namespace Correlation.Ingest.Nms.Traps;

/// <summary>Which communities a network of senders may use ("Nms:Snmp:Sources:N").</summary>
public sealed class SnmpSourceOptions
{
    /// <summary>An address or CIDR network, IPv4 or IPv6: "10.20.0.0/16", "192.0.2.7", "0.0.0.0/0".</summary>
    public string Network { get; set; } = "";

    public List<string> Communities { get; set; } = [];
}

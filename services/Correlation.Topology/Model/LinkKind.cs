namespace Correlation.Topology;

/// <summary>The medium or service a link runs over, written in kebab case in the CMDB.</summary>
public enum LinkKind
{
    Ethernet = 0,
    Fibre,
    Microwave,
    Mpls,
    Vpn,
    Broadband,
    Cellular,
    Satellite,
    Other,
}

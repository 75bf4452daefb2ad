namespace Correlation.Topology;

/// <summary>
/// What a device does in the network. Written in the CMDB in kebab case ("core-router"); a closed set so
/// that a misspelt role is reported instead of silently becoming a role nothing recognises.
/// </summary>
public enum DeviceRole
{
    /// <summary>Anything the other roles do not describe; also the role of devices built from bare edge lists.</summary>
    Other = 0,
    CoreRouter,
    Router,
    DistributionSwitch,
    AccessSwitch,
    Firewall,
    LoadBalancer,
    MicrowaveRadio,
    WirelessController,
    AccessPoint,
    Server,
    Storage,
    Pbx,
    Ups,
}

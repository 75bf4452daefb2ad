namespace Correlation.Topology;

/// <summary>A managed device: a router, switch, radio, server, UPS and so on.</summary>
public sealed record Device
{
    public required string Id { get; init; }

    /// <summary>For people; the id when not given. Alarms may name a device by it.</summary>
    public string Name { get => field ?? Id; init; }

    public DeviceRole Role { get; init; }

    /// <summary>Null for topologies without sites, such as a bare edge list.</summary>
    public string? SiteId { get; init; }

    /// <summary>
    /// Other names alarms use for the device: hostnames, FQDNs, management addresses, NMS object names.
    /// </summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The team that owns the device, if any.</summary>
    public string? TeamId { get; init; }
}

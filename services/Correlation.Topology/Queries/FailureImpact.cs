namespace Correlation.Topology;

/// <summary>What a set of failures does to the network, as <see cref="NetworkTopology.AssessFailure"/> found it.</summary>
/// <param name="CutOffDevices">Devices that are up but have lost every path to the anchors (by default the core routers).</param>
/// <param name="DownLinks">Links that are down: named as failed, or with a failed device at either end.</param>
/// <param name="ImpactedServices">
/// Services that need a failed or cut-off device, directly or through other services; most critical first.
/// </param>
/// <param name="ExhaustedRedundancyGroups">Redundancy groups whose every link is down.</param>
/// <param name="DegradedRedundancyGroups">Redundancy groups with some links down and at least one still up.</param>
public sealed record FailureImpact(
    IReadOnlyList<Device> CutOffDevices,
    IReadOnlyList<Link> DownLinks,
    IReadOnlyList<Service> ImpactedServices,
    IReadOnlyList<string> ExhaustedRedundancyGroups,
    IReadOnlyList<string> DegradedRedundancyGroups)
{
    /// <summary>
    /// True when the spares did their job: nothing that is up lost its way to the core, and no redundancy
    /// group is wholly down. The failed elements themselves, and the services that need them, are still
    /// impacted; see <see cref="ImpactedServices"/>.
    /// </summary>
    public bool RedundancyHeld => CutOffDevices.Count == 0 && ExhaustedRedundancyGroups.Count == 0;
}

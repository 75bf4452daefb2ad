namespace Correlation.Topology;

/// <summary>A device and how many links away it is.</summary>
public readonly record struct DeviceAtHops(Device Device, int Hops);

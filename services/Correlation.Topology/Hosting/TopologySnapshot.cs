namespace Correlation.Topology;

/// <summary>
/// The topology in force, with a version that increases by one with every successful reload that changed
/// something, so that a consumer caching derived data can tell cheaply whether it is stale.
/// </summary>
public sealed record TopologySnapshot(NetworkTopology Topology, long Version, DateTimeOffset LoadedAt, string CmdbPath);

namespace Correlation.Topology;

/// <summary>A loaded topology, or null with the errors that prevented it; warnings either way.</summary>
public sealed record CmdbLoadResult(NetworkTopology? Topology, IReadOnlyList<TopologyProblem> Problems)
{
    public bool Succeeded => Topology is not null;
}

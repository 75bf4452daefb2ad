using Correlation.Cli.Datasets;
using Correlation.Topology;

namespace Correlation.Cli.Tests.Support;

/// <summary>Hop distances over a bare link list, through the shared topology library.</summary>
internal sealed class LinkGraph
{
    private readonly NetworkTopology _topology;

    public LinkGraph(IEnumerable<(string A, string B)> links)
    {
        Assert.That(LinkTopology.TryBuild(links, out var topology, out var problems), Is.True, string.Join("; ", problems));
        _topology = topology!;
    }

    public int? Hops(string from, string to) => _topology.HopDistance(from, to);
}

using Correlation.Topology;

namespace Correlation.Cli.Datasets;

/// <summary>A topology made from a bare list of links, for datasets that know no more than that.</summary>
public static class LinkTopology
{
    public static bool TryBuild(IEnumerable<(string A, string B)> links, out NetworkTopology? topology, out IReadOnlyList<TopologyProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(links);
        var list = links.ToList();
        var builder = new TopologyBuilder();
        foreach (var device in list.SelectMany(l => new[] { l.A, l.B }).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            builder.AddDevice(new Device { Id = device, Role = DeviceRole.Other });
        }

        foreach (var (a, b) in list)
        {
            builder.AddLink(new Link { A = a, B = b, Kind = LinkKind.Other });
        }

        return builder.TryBuild(out topology, out problems);
    }
}

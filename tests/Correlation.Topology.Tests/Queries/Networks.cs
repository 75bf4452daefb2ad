using System.Globalization;

namespace Correlation.Topology.Tests.Queries;

/// <summary>Generated networks of a few thousand devices, as the storm generator and CLI build them.</summary>
internal static class Networks
{
    public static string Id(int i) => "n" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Devices n0..n(size-1), each linked to the next and the last to the first.</summary>
    public static NetworkTopology Ring(int size)
    {
        var builder = new TopologyBuilder();
        for (var i = 0; i < size; i++)
        {
            builder.AddDevice(new Device { Id = Id(i) });
        }
        for (var i = 0; i < size; i++)
        {
            builder.AddLink(new Link { A = Id(i), B = Id((i + 1) % size) });
        }
        return builder.Build();
    }

    /// <summary>A complete binary tree: device i's parent is (i - 1) / 2; n0 is the root and a core router.</summary>
    public static NetworkTopology BinaryTree(int size)
    {
        var builder = new TopologyBuilder();
        for (var i = 0; i < size; i++)
        {
            builder.AddDevice(new Device { Id = Id(i), Role = i == 0 ? DeviceRole.CoreRouter : DeviceRole.AccessSwitch });
        }
        for (var i = 1; i < size; i++)
        {
            builder.AddLink(new Link { A = Id((i - 1) / 2), B = Id(i) });
        }
        return builder.Build();
    }

    public static int TreeDepth(int i)
    {
        var depth = 0;
        for (; i > 0; i = (i - 1) / 2)
        {
            depth++;
        }
        return depth;
    }

    public static int TreeDistance(int a, int b)
    {
        var hops = 0;
        while (a != b)
        {
            // In heap numbering the larger index is never the shallower, so stepping it up meets the common ancestor.
            if (a > b)
            {
                a = (a - 1) / 2;
            }
            else
            {
                b = (b - 1) / 2;
            }
            hops++;
        }
        return hops;
    }
}

namespace Correlation.Topology;

public sealed partial class NetworkTopology
{
    // A row is one int per device: 4 bytes x devices. Rows are kept until this budget is spent (all rows
    // for any network up to ~4,000 devices); past it, distances are still right, each uncached query just
    // pays its own O(devices + links) search.
    private const long DistanceCacheBytes = 64L * 1024 * 1024;
    private const int MinCachedRows = 16;

    private readonly int[]?[] _distanceRows;
    private readonly int _maxCachedRows;
    private int _cachedRows;

    /// <summary>
    /// The number of links on a shortest path between two devices; 0 for a device and itself; null when
    /// either is unknown or no path joins them. The first query from a device runs one breadth-first
    /// search, O(devices + links), and keeps its result; every later query touching either device is
    /// O(1). Links are undirected, so a row from either end answers.
    /// </summary>
    public int? HopDistance(string? from, string? to)
    {
        int a = DeviceIndex(from), b = DeviceIndex(to);
        if (a < 0 || b < 0)
        {
            return null;
        }
        if (a == b)
        {
            return 0;
        }
        var hops = Volatile.Read(ref _distanceRows[a]) is { } fromA ? fromA[b]
            : Volatile.Read(ref _distanceRows[b]) is { } fromB ? fromB[a]
            : DistancesFrom(a)[b];
        return hops < 0 ? null : hops;
    }

    /// <summary>
    /// Every device within <paramref name="maxHops"/> links of the device, nearest first (not the device
    /// itself). A search bounded by the answer: O(devices found + their links), not O(network).
    /// </summary>
    public IReadOnlyList<DeviceAtHops> Neighbourhood(string? deviceId, int maxHops)
    {
        var start = DeviceIndex(deviceId);
        if (start < 0 || maxHops <= 0)
        {
            return [];
        }
        var found = new List<DeviceAtHops>();
        var seen = new HashSet<int> { start };
        var frontier = new List<int> { start };
        for (var hops = 1; hops <= maxHops && frontier.Count > 0; hops++)
        {
            var next = new List<int>();
            foreach (var d in frontier)
            {
                for (var e = _adjacencyStart[d]; e < _adjacencyStart[d + 1]; e++)
                {
                    var n = _adjacentDevice[e];
                    if (seen.Add(n))
                    {
                        next.Add(n);
                        found.Add(new DeviceAtHops(_devices[n], hops));
                    }
                }
            }
            frontier = next;
        }
        return found;
    }

    private int[] DistancesFrom(int source)
    {
        var row = Bfs(source, deviceDown: null, linkDown: null);
        // Two threads may compute the same row at once; both answers are equal, the first stored wins.
        if (Interlocked.Increment(ref _cachedRows) <= _maxCachedRows)
        {
            var stored = Interlocked.CompareExchange(ref _distanceRows[source], row, null);
            if (stored is not null)
            {
                Interlocked.Decrement(ref _cachedRows);
                return stored;
            }
        }
        else
        {
            Interlocked.Decrement(ref _cachedRows);
        }
        return row;
    }

    /// <summary>Hops from the source to every device (-1 when unreachable), skipping what is down. O(devices + links).</summary>
    private int[] Bfs(int source, bool[]? deviceDown, bool[]? linkDown)
    {
        var distance = new int[_devices.Length];
        Array.Fill(distance, -1);
        if (deviceDown?[source] == true)
        {
            return distance;
        }
        var queue = new int[_devices.Length];
        int head = 0, tail = 0;
        queue[tail++] = source;
        distance[source] = 0;
        while (head < tail)
        {
            var d = queue[head++];
            for (var e = _adjacencyStart[d]; e < _adjacencyStart[d + 1]; e++)
            {
                var n = _adjacentDevice[e];
                if (distance[n] >= 0 || deviceDown?[n] == true || linkDown?[_adjacentLink[e]] == true)
                {
                    continue;
                }
                distance[n] = distance[d] + 1;
                queue[tail++] = n;
            }
        }
        return distance;
    }
}

namespace Correlation.Topology;

public sealed partial class NetworkTopology
{
    /// <summary>
    /// Whether a path of working devices and links still joins the two devices. False when either is
    /// unknown or itself failed. Without failures this is the cached <see cref="HopDistance"/>; with them,
    /// one breadth-first search, O(devices + links).
    /// </summary>
    public bool AreConnected(string? a, string? b, FailureSet? failures = null)
    {
        int from = DeviceIndex(a), to = DeviceIndex(b);
        if (from < 0 || to < 0)
        {
            return false;
        }
        if (failures is null || failures.IsEmpty)
        {
            return HopDistance(a, b) is not null;
        }
        var (deviceDown, linkDown) = Mask(failures);
        return Bfs(from, deviceDown, linkDown)[to] >= 0;
    }

    /// <summary>
    /// Whether the failure of all of <paramref name="failedDevices"/> together cuts the device off from
    /// every core router, the question <see cref="AssessFailure"/> answers for the whole network, asked for
    /// one device: a search outwards from it over working devices that stops at the first working core
    /// router, so its cost is the device's neighbourhood up to the nearest core, not the network. False for
    /// an unknown, failed or core device, and in a topology without core routers (nothing to be cut off from).
    /// </summary>
    public bool IsCutOff(string? deviceId, IReadOnlyCollection<string> failedDevices)
    {
        ArgumentNullException.ThrowIfNull(failedDevices);
        var from = DeviceIndex(deviceId);
        if (from < 0 || _coreCount == 0 || _devices[from].Role == DeviceRole.CoreRouter)
        {
            return false;
        }

        var down = new HashSet<int>(failedDevices.Count);
        foreach (var id in failedDevices)
        {
            if (_deviceIndex.TryGetValue(id, out var d))
            {
                down.Add(d);
            }
        }

        if (down.Count == 0 || down.Contains(from))
        {
            return false;
        }

        var visited = new HashSet<int> { from };
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.TryDequeue(out var d))
        {
            for (var e = _adjacencyStart[d]; e < _adjacencyStart[d + 1]; e++)
            {
                var n = _adjacentDevice[e];
                if (down.Contains(n) || !visited.Add(n))
                {
                    continue;
                }

                if (_devices[n].Role == DeviceRole.CoreRouter)
                {
                    return false;
                }

                queue.Enqueue(n);
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no spare is left for the link: it and every other link of its redundancy group are down
    /// (a link without a group has no spare, so this is just whether it is down). Put the alarmed link
    /// itself in <paramref name="failures"/>. False for an unknown link. O(group size).
    /// </summary>
    public bool IsRedundancyExhausted(string? linkId, FailureSet failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var link = FindLink(linkId);
        if (link is null)
        {
            return false;
        }
        var group = link.RedundancyGroup is { } id ? _redundancyGroups[id] : (IReadOnlyList<Link>)[link];
        return group.All(l => IsDown(l, failures));
    }

    /// <summary>
    /// What the failures cut off and which services they hit. Anchors are the devices that count as "the
    /// network" (by default every core router): a working device with no path to any working anchor is
    /// cut off. A topology with no core routers and no anchors given reports nothing cut off, because
    /// there is nothing to be cut off from. One multi-source search plus one pass over services and
    /// groups, O(devices + links + services + dependencies).
    /// </summary>
    public FailureImpact AssessFailure(FailureSet failures, IEnumerable<string>? anchors = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        var (deviceDown, linkDown) = Mask(failures);

        var anchorIndexes = anchors is null
            ? Enumerable.Range(0, _devices.Length).Where(d => _devices[d].Role == DeviceRole.CoreRouter).ToList()
            : [.. anchors.Select(DeviceIndex).Where(d => d >= 0).Distinct()];
        var cutOff = new List<Device>();
        if (anchorIndexes.Count > 0)
        {
            var reached = Reach(anchorIndexes.Where(d => !deviceDown[d]), deviceDown, linkDown);
            for (var d = 0; d < _devices.Length; d++)
            {
                if (!deviceDown[d] && !reached[d])
                {
                    cutOff.Add(_devices[d]);
                }
            }
        }

        var lost = (bool[])deviceDown.Clone();
        foreach (var device in cutOff)
        {
            lost[_deviceIndex[device.Id]] = true;
        }
        var impacted = Dependants(
            Enumerable.Range(0, _devices.Length).Where(d => lost[d]).SelectMany(d => _servicesUsingDevice[d]),
            exclude: -1);

        var exhausted = new List<string>();
        var degraded = new List<string>();
        foreach (var (group, links) in _redundancyGroups)
        {
            var down = links.Count(l => linkDown[_linkIndex[l.Id]]);
            if (down == links.Count)
            {
                exhausted.Add(group);
            }
            else if (down > 0)
            {
                degraded.Add(group);
            }
        }
        exhausted.Sort(Ids);
        degraded.Sort(Ids);

        var downLinks = _links.Where((_, l) => linkDown[l]).ToArray();
        return new FailureImpact(cutOff, downLinks, impacted, exhausted, degraded);
    }

    private static bool IsDown(Link link, FailureSet failures) =>
        failures.Links.Contains(link.Id) || failures.Devices.Contains(link.A) || failures.Devices.Contains(link.B);

    /// <summary>Failure flags by device and link number; a link is down with either of its ends.</summary>
    private (bool[] DeviceDown, bool[] LinkDown) Mask(FailureSet failures)
    {
        var deviceDown = new bool[_devices.Length];
        foreach (var id in failures.Devices)
        {
            if (_deviceIndex.TryGetValue(id, out var d))
            {
                deviceDown[d] = true;
            }
        }
        var linkDown = new bool[_links.Length];
        for (var l = 0; l < _links.Length; l++)
        {
            linkDown[l] = deviceDown[_linkA[l]] || deviceDown[_linkB[l]] || failures.Links.Contains(_links[l].Id);
        }
        return (deviceDown, linkDown);
    }

    private bool[] Reach(IEnumerable<int> sources, bool[] deviceDown, bool[] linkDown)
    {
        var reached = new bool[_devices.Length];
        var queue = new Queue<int>();
        foreach (var s in sources)
        {
            reached[s] = true;
            queue.Enqueue(s);
        }
        while (queue.TryDequeue(out var d))
        {
            for (var e = _adjacencyStart[d]; e < _adjacencyStart[d + 1]; e++)
            {
                var n = _adjacentDevice[e];
                if (!reached[n] && !deviceDown[n] && !linkDown[_adjacentLink[e]])
                {
                    reached[n] = true;
                    queue.Enqueue(n);
                }
            }
        }
        return reached;
    }
}

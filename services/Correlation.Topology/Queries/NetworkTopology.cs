using System.Collections.ObjectModel;
using System.Net;

namespace Correlation.Topology;

/// <summary>
/// One immutable, validated snapshot of the network: sites, devices, links, services and teams, with the
/// lookups and graph queries that correlation, triage and routing ask on their hot paths. Made by
/// <see cref="TopologyBuilder"/> or <see cref="CmdbLoader"/>; safe to share between threads, including
/// its lazily filled caches. Ids are compared case-insensitively. Queries about an unknown id answer
/// "nothing" (null, empty, false) rather than throw, because alarms name things the CMDB does not know.
/// Internally devices, links and services are numbered and the graph is held as compressed adjacency
/// arrays, so a lookup is one dictionary probe and a traversal touches only arrays.
/// </summary>
public sealed partial class NetworkTopology
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    private readonly Site[] _sites;
    private readonly Device[] _devices;
    private readonly Link[] _links;
    private readonly Service[] _services;
    private readonly Team[] _teams;

    private readonly Dictionary<string, int> _siteIndex;
    private readonly Dictionary<string, int> _deviceIndex;
    private readonly Dictionary<string, int> _linkIndex;
    private readonly Dictionary<string, int> _serviceIndex;
    private readonly Dictionary<string, int> _teamIndex;

    // Every id, name and alias of a device; the span view lets Resolve try the host part of an FQDN
    // without allocating.
    private readonly Dictionary<string, int> _names;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _namesBySpan;

    // Undirected graph in compressed sparse row form: the neighbours of device d are
    // _adjacentDevice[_adjacencyStart[d] .. _adjacencyStart[d + 1]], reached over _adjacentLink[same].
    private readonly int[] _adjacencyStart;
    private readonly int[] _adjacentDevice;
    private readonly int[] _adjacentLink;
    private readonly int[] _linkA;
    private readonly int[] _linkB;

    private readonly int[] _siteOfDevice;
    private readonly ReadOnlyCollection<Device>[] _devicesAtSite;
    private readonly ReadOnlyCollection<Link>[] _linksOfDevice;
    private readonly int[][] _servicesUsingDevice;
    private readonly int[][] _servicesUsingService;
    private readonly Dictionary<string, ReadOnlyCollection<Link>> _redundancyGroups;
    private readonly int _coreCount;

    internal NetworkTopology(Site[] sites, Device[] devices, Link[] links, Service[] services, Team[] teams,
        IReadOnlyList<TopologyProblem> warnings)
    {
        _sites = sites;
        _devices = devices;
        _links = links;
        _services = services;
        _teams = teams;
        _coreCount = devices.Count(d => d.Role == DeviceRole.CoreRouter);
        Warnings = warnings;
        Sites = sites.AsReadOnly();
        Devices = devices.AsReadOnly();
        Links = links.AsReadOnly();
        Services = services.AsReadOnly();
        Teams = teams.AsReadOnly();

        _siteIndex = IndexOf(sites, s => s.Id);
        _deviceIndex = IndexOf(devices, d => d.Id);
        _linkIndex = IndexOf(links, l => l.Id);
        _serviceIndex = IndexOf(services, s => s.Id);
        _teamIndex = IndexOf(teams, t => t.Id);

        _names = new Dictionary<string, int>(_deviceIndex, Ids);
        for (var d = 0; d < devices.Length; d++)
        {
            _names.TryAdd(devices[d].Name, d);
            foreach (var alias in devices[d].Aliases)
            {
                _names.TryAdd(alias, d);
            }
        }
        _namesBySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();

        _linkA = new int[links.Length];
        _linkB = new int[links.Length];
        var degree = new int[devices.Length];
        for (var l = 0; l < links.Length; l++)
        {
            _linkA[l] = _deviceIndex[links[l].A];
            _linkB[l] = _deviceIndex[links[l].B];
            degree[_linkA[l]]++;
            degree[_linkB[l]]++;
        }
        _adjacencyStart = new int[devices.Length + 1];
        for (var d = 0; d < devices.Length; d++)
        {
            _adjacencyStart[d + 1] = _adjacencyStart[d] + degree[d];
        }
        _adjacentDevice = new int[_adjacencyStart[^1]];
        _adjacentLink = new int[_adjacencyStart[^1]];
        var fill = _adjacencyStart[..^1];
        for (var l = 0; l < links.Length; l++)
        {
            int a = _linkA[l], b = _linkB[l];
            (_adjacentDevice[fill[a]], _adjacentLink[fill[a]++]) = (b, l);
            (_adjacentDevice[fill[b]], _adjacentLink[fill[b]++]) = (a, l);
        }
        _linksOfDevice = new ReadOnlyCollection<Link>[devices.Length];
        for (var d = 0; d < devices.Length; d++)
        {
            _linksOfDevice[d] = Array.AsReadOnly(_adjacentLink[_adjacencyStart[d].._adjacencyStart[d + 1]]
                .Distinct().Select(l => links[l]).ToArray());
        }

        _siteOfDevice = new int[devices.Length];
        var atSite = sites.Select(_ => new List<Device>()).ToArray();
        for (var d = 0; d < devices.Length; d++)
        {
            _siteOfDevice[d] = devices[d].SiteId is { } site ? _siteIndex[site] : -1;
            if (_siteOfDevice[d] >= 0)
            {
                atSite[_siteOfDevice[d]].Add(devices[d]);
            }
        }
        _devicesAtSite = [.. atSite.Select(list => list.AsReadOnly())];

        var usingDevice = devices.Select(_ => new List<int>()).ToArray();
        var usingService = services.Select(_ => new List<int>()).ToArray();
        for (var s = 0; s < services.Length; s++)
        {
            foreach (var device in services[s].DependsOnDevices)
            {
                usingDevice[_deviceIndex[device]].Add(s);
            }
            foreach (var dependency in services[s].DependsOnServices)
            {
                usingService[_serviceIndex[dependency]].Add(s);
            }
        }
        _servicesUsingDevice = [.. usingDevice.Select(list => list.ToArray())];
        _servicesUsingService = [.. usingService.Select(list => list.ToArray())];

        _redundancyGroups = links
            .Where(l => l.RedundancyGroup is not null)
            .GroupBy(l => l.RedundancyGroup!, Ids)
            .ToDictionary(g => g.Key, g => g.ToList().AsReadOnly(), Ids);

        _distanceRows = new int[devices.Length][];
        _maxCachedRows = Math.Max(MinCachedRows, (int)Math.Min(int.MaxValue, DistanceCacheBytes / (4L * Math.Max(1, devices.Length))));
        _impactOfDevice = new ReadOnlyCollection<Service>[devices.Length];
        _impactOfService = new ReadOnlyCollection<Service>[services.Length];
    }

    /// <summary>A topology with nothing in it.</summary>
    public static NetworkTopology Empty { get; } = new([], [], [], [], [], []);

    public IReadOnlyList<Site> Sites { get; }

    public IReadOnlyList<Device> Devices { get; }

    public IReadOnlyList<Link> Links { get; }

    public IReadOnlyList<Service> Services { get; }

    public IReadOnlyList<Team> Teams { get; }

    /// <summary>Problems that did not stop the build, e.g. a redundancy group with a single link.</summary>
    public IReadOnlyList<TopologyProblem> Warnings { get; }

    public Site? FindSite(string? id) => Find(_siteIndex, _sites, id);

    /// <summary>By id only; <see cref="Resolve"/> also accepts names and aliases.</summary>
    public Device? FindDevice(string? id) => Find(_deviceIndex, _devices, id);

    public Link? FindLink(string? id) => Find(_linkIndex, _links, id);

    public Service? FindService(string? id) => Find(_serviceIndex, _services, id);

    public Team? FindTeam(string? id) => Find(_teamIndex, _teams, id);

    /// <summary>
    /// The device an alarm's resource string names: its id, name or an alias, case-insensitively; failing
    /// that, the host part of a fully qualified name ("leeds-asw-01.net.example.com" finds "leeds-asw-01"),
    /// never for an IP address. One or two dictionary probes, no allocation.
    /// </summary>
    public Device? Resolve(string? resource)
    {
        if (resource is null)
        {
            return null;
        }
        var name = resource.AsSpan().Trim();
        if (name.IsEmpty)
        {
            return null;
        }
        if (_namesBySpan.TryGetValue(name, out var d))
        {
            return _devices[d];
        }
        var dot = name.IndexOf('.');
        if (dot > 0 && !IPAddress.IsValid(name) && _namesBySpan.TryGetValue(name[..dot], out d))
        {
            return _devices[d];
        }
        return null;
    }

    /// <summary>Null when the device is unknown or has no site.</summary>
    public Site? SiteOf(string? deviceId) =>
        DeviceIndex(deviceId) is var d and >= 0 && _siteOfDevice[d] >= 0 ? _sites[_siteOfDevice[d]] : null;

    public IReadOnlyList<Device> DevicesAt(string? siteId) =>
        siteId is not null && _siteIndex.TryGetValue(siteId, out var s) ? _devicesAtSite[s] : [];

    /// <summary>Every link with the device at one end.</summary>
    public IReadOnlyList<Link> LinksOf(string? deviceId) =>
        DeviceIndex(deviceId) is var d and >= 0 ? _linksOfDevice[d] : [];

    /// <summary>The links of a redundancy group, empty when there is no such group.</summary>
    public IReadOnlyList<Link> RedundancyGroup(string? groupId) =>
        groupId is not null && _redundancyGroups.TryGetValue(groupId, out var links) ? links : [];

    /// <summary>The other links of the link's redundancy group: the ones that carry its traffic when it is down.</summary>
    public IReadOnlyList<Link> RedundancyTwins(string? linkId)
    {
        var link = FindLink(linkId);
        return link?.RedundancyGroup is { } group
            ? [.. _redundancyGroups[group].Where(l => !ReferenceEquals(l, link))]
            : [];
    }

    private int DeviceIndex(string? id) => id is not null && _deviceIndex.TryGetValue(id, out var d) ? d : -1;

    private static T? Find<T>(Dictionary<string, int> index, T[] values, string? id) where T : class =>
        id is not null && index.TryGetValue(id, out var i) ? values[i] : null;

    private static Dictionary<string, int> IndexOf<T>(T[] values, Func<T, string> id)
    {
        var index = new Dictionary<string, int>(values.Length, Ids);
        for (var i = 0; i < values.Length; i++)
        {
            index.Add(id(values[i]), i);
        }
        return index;
    }
}

using System.Globalization;
using Correlation.Topology;

namespace Correlation.Cli.Generation;

/// <summary>
/// Builds a plausible enterprise network from a seed and a number of sites: regions, two or more data
/// centres with redundant core routers and backbone, branch sites that are dual-homed, single-homed,
/// reached over microwave or daisy-chained through another branch, services on specific devices that
/// depend on each other, and teams. The same seed and size always give the same network.
/// </summary>
/// <remarks>
/// Devices carry aliases (an NMS object name and a management address) so that generated alarms can name
/// them the way real feeds do and resolution is exercised.
/// </remarks>
public static class NetworkGenerator
{
    public const int MinSites = 3;
    public const int MaxSites = 500;

    private static readonly string[] RegionNames =
        ["north", "south", "east", "west", "central", "midlands", "coast", "highlands", "valley", "metro", "islands", "borders"];

    private static readonly string[] Teams = ["network-infrastructure", "server-operations", "voice", "security", "applications"];

    public static NetworkTopology Generate(int seed, int sites)
    {
        if (sites is < MinSites or > MaxSites)
        {
            throw new ArgumentOutOfRangeException(nameof(sites), sites, $"between {MinSites} and {MaxSites} sites");
        }
        return new Plan(new Random(seed), sites).Build();
    }

    public static string SiteId(int site) => "s" + site.ToString("000", CultureInfo.InvariantCulture);

    private sealed class Plan(Random random, int siteCount)
    {
        private readonly TopologyBuilder _builder = new();
        private readonly List<(string Site, string Router)> _dataCentres = [];
        private readonly List<(string Site, string Router)> _branches = [];
        private readonly List<Service> _services = [];
        private readonly HashSet<string> _radios = [];
        private int _address;

        public NetworkTopology Build()
        {
            foreach (var team in Teams)
            {
                _builder.AddTeam(new Team { Id = team, Name = string.Join(' ', team.Split('-').Select(Capitalise)) });
            }

            var regionCount = Math.Clamp(siteCount / 12 + 2, 2, RegionNames.Length);
            var dataCentreCount = Math.Clamp(siteCount / 40 + 2, 2, 6);
            for (var s = 0; s < siteCount; s++)
            {
                var site = SiteId(s);
                // Data centres are spread over the regions first, so every region has one nearby when possible.
                var region = RegionNames[s < dataCentreCount ? s % regionCount : random.Next(regionCount)];
                var isDataCentre = s < dataCentreCount;
                _builder.AddSite(new Site
                {
                    Id = site,
                    Name = isDataCentre ? $"Data centre {s + 1} ({region})" : $"Branch {s:000} ({region})",
                    Region = region,
                });
                if (isDataCentre)
                {
                    AddDataCentre(site);
                }
                else
                {
                    AddBranch(site, s);
                }
            }
            AddBackbone();
            AddSharedServices();
            foreach (var service in _services)
            {
                _builder.AddService(service);
            }
            return _builder.Build();
        }

        private void AddDataCentre(string site)
        {
            var cr1 = Device(site, "cr", 1, DeviceRole.CoreRouter);
            var cr2 = Device(site, "cr", 2, DeviceRole.CoreRouter);
            Link($"{site}-core-a", cr1, cr2, LinkKind.Fibre, $"{site}-core");
            Link($"{site}-core-b", cr1, cr2, LinkKind.Fibre, $"{site}-core");
            var fw = Device(site, "fw", 1, DeviceRole.Firewall, "security");
            Link($"{site}-fw-uplink-1", fw, cr1, LinkKind.Ethernet, $"{site}-fw-uplink");
            Link($"{site}-fw-uplink-2", fw, cr2, LinkKind.Ethernet, $"{site}-fw-uplink");
            var dsw = Device(site, "dsw", 1, DeviceRole.DistributionSwitch);
            Link($"{site}-dsw-uplink-1", dsw, cr1, LinkKind.Fibre, $"{site}-dsw-uplink");
            Link($"{site}-dsw-uplink-2", dsw, cr2, LinkKind.Fibre, $"{site}-dsw-uplink");
            var accessSwitches = AccessSwitches(site, dsw, random.Next(2, 5));
            var servers = new List<string>();
            var serverCount = random.Next(3, 7);
            for (var i = 1; i <= serverCount; i++)
            {
                var server = Device(site, "srv", i, DeviceRole.Server, "server-operations");
                Link(null, accessSwitches[i % accessSwitches.Count], server, LinkKind.Ethernet);
                servers.Add(server);
            }
            var storage = Device(site, "san", 1, DeviceRole.Storage, "server-operations");
            Link(null, accessSwitches[0], storage, LinkKind.Ethernet);
            Ups(site, accessSwitches, 2);
            _dataCentres.Add((site, cr1));

            // The first data centre is the internet edge; every data centre hosts some applications.
            var index = _dataCentres.Count;
            if (index == 1)
            {
                _services.Add(Service("internet-access", "Internet access", Criticality.Critical, "security", [fw], [], ["all-staff"]));
                _services.Add(Service("email", "Email", Criticality.High, "server-operations", [servers[0]], ["internet-access"], ["all-staff"]));
                _services.Add(Service("payments", "Card payments", Criticality.Critical, "applications", [servers[1], storage], ["internet-access"], ["retail-partners"]));
                _services.Add(Service("directory", "Directory and sign-on", Criticality.Critical, "server-operations", [servers[2]], [], ["all-staff"]));
            }
            else
            {
                _services.Add(Service($"web-portal-{index}", $"Web portal {index}", Criticality.High, "applications",
                    [servers[0], storage], ["directory", "internet-access"], ["customers"]));
                _services.Add(Service($"erp-{index}", $"ERP {index}", Criticality.Medium, "applications",
                    [.. servers.Skip(1).Take(2)], ["directory"], ["finance", "operations"]));
            }
        }

        private void AddBranch(string site, int s)
        {
            var rtr = Device(site, "rtr", 1, DeviceRole.Router);
            var roll = random.NextDouble();
            var dc = _dataCentres[random.Next(_dataCentres.Count)];
            if (roll < 0.42 || _branches.Count == 0 && roll < 0.7)
            {
                // Dual-homed: one circuit to each core router of a data centre, or to two data centres.
                var other = random.NextDouble() < 0.5 ? (dc.Site, Router: $"{dc.Site}-cr-02") : _dataCentres[(_dataCentres.IndexOf(dc) + 1) % _dataCentres.Count];
                Link($"{site}-uplink-1", rtr, dc.Router, LinkKind.Mpls, $"{site}-uplink");
                Link($"{site}-uplink-2", rtr, other.Router, random.NextDouble() < 0.6 ? LinkKind.Vpn : LinkKind.Mpls, $"{site}-uplink");
            }
            else if (roll < 0.72 || _branches.Count == 0)
            {
                Link($"{site}-uplink", rtr, dc.Router, random.NextDouble() < 0.8 ? LinkKind.Mpls : LinkKind.Broadband);
            }
            else if (roll < 0.84)
            {
                // A microwave hop from a radio at a data centre or a larger branch.
                var parent = random.NextDouble() < 0.5 ? dc : _branches[random.Next(_branches.Count)];
                var far = Device(parent.Site, "mw", NextRadio(parent.Site), DeviceRole.MicrowaveRadio);
                Link(null, parent.Router, far, LinkKind.Ethernet);
                var near = Device(site, "mw", 1, DeviceRole.MicrowaveRadio);
                Link($"{site}-microwave", far, near, LinkKind.Microwave);
                Link(null, near, rtr, LinkKind.Ethernet);
            }
            else
            {
                // Daisy chain: this site is reached only through another branch.
                var parent = _branches[random.Next(_branches.Count)];
                Link($"{site}-chain", rtr, parent.Router, random.NextDouble() < 0.5 ? LinkKind.Fibre : LinkKind.Mpls);
            }
            _branches.Add((site, rtr));

            var dsw = Device(site, "dsw", 1, DeviceRole.DistributionSwitch);
            Link(null, rtr, dsw, LinkKind.Ethernet);
            var accessSwitches = AccessSwitches(site, dsw, random.Next(1, 5));
            Ups(site, accessSwitches, random.Next(1, 3));
            if (random.NextDouble() < 0.45)
            {
                var fs = Device(site, "fs", 1, DeviceRole.Server, "server-operations");
                Link(null, accessSwitches[^1], fs, LinkKind.Ethernet);
                _services.Add(Service($"file-shares-{site}", $"File shares at {site}", Criticality.Medium, "server-operations", [fs], ["directory"], [$"staff at {site}"]));
            }
            if (random.NextDouble() < 0.35)
            {
                var pbx = Device(site, "pbx", 1, DeviceRole.Pbx, "voice");
                Link(null, accessSwitches[0], pbx, LinkKind.Ethernet);
                _services.Add(Service($"voip-{site}", $"Telephony at {site}", s % 5 == 0 ? Criticality.Critical : Criticality.High, "voice", [pbx], ["internet-access"], ["contact-centre"]));
            }
            if (random.NextDouble() < 0.2)
            {
                var ap = Device(site, "wlc", 1, DeviceRole.WirelessController);
                Link(null, dsw, ap, LinkKind.Ethernet);
            }
        }

        private int NextRadio(string site)
        {
            var n = 1;
            while (_radios.Contains($"{site}-mw-{n:00}"))
            {
                n++;
            }
            return n;
        }

        private void AddBackbone()
        {
            // A ring of diverse circuit pairs between data centres: core 1 to core 1, core 2 to core 2.
            for (var i = 0; i < _dataCentres.Count; i++)
            {
                var (a, b) = (_dataCentres[i].Site, _dataCentres[(i + 1) % _dataCentres.Count].Site);
                if (_dataCentres.Count == 2 && i == 1)
                {
                    break;
                }
                var group = $"backbone-{a}-{b}";
                Link($"{group}-1", $"{a}-cr-01", $"{b}-cr-01", LinkKind.Fibre, group);
                Link($"{group}-2", $"{a}-cr-02", $"{b}-cr-02", LinkKind.Fibre, group);
            }
        }

        private void AddSharedServices()
        {
            var voip = _services.Where(s => s.Id.StartsWith("voip-", StringComparison.Ordinal)).Select(s => s.Id).ToArray();
            if (voip.Length > 0)
            {
                _services.Add(Service("contact-centre", "Contact centre", Criticality.Critical, "applications",
                    [$"{_dataCentres[0].Site}-srv-03"], [.. voip.Take(3), "directory"], ["customers"]));
            }
        }

        private List<string> AccessSwitches(string site, string dsw, int count)
        {
            var switches = new List<string>(count);
            for (var i = 1; i <= count; i++)
            {
                var asw = Device(site, "asw", i, DeviceRole.AccessSwitch);
                Link(null, dsw, asw, LinkKind.Ethernet);
                switches.Add(asw);
            }
            return switches;
        }

        private void Ups(string site, List<string> accessSwitches, int count)
        {
            for (var i = 1; i <= count; i++)
            {
                var ups = Device(site, "ups", i, DeviceRole.Ups);
                Link(null, accessSwitches[(i - 1) % accessSwitches.Count], ups, LinkKind.Ethernet);
            }
        }

        private string Device(string site, string kind, int n, DeviceRole role, string team = "network-infrastructure")
        {
            var id = $"{site}-{kind}-{n:00}";
            if (kind == "mw")
            {
                _radios.Add(id);
            }
            _address++;
            // The NMS object name and management address that feeds use instead of the hostname.
            var nms = $"{site.ToUpperInvariant()}_{kind.ToUpperInvariant()}{n}";
            var ip = $"10.{_address / 65536 % 256}.{_address / 256 % 256}.{_address % 256}";
            _builder.AddDevice(new Device { Id = id, Role = role, SiteId = site, TeamId = team, Aliases = [nms, ip] });
            return id;
        }

        private void Link(string? id, string a, string b, LinkKind kind, string? group = null)
        {
            var link = new Topology.Link { A = a, B = b, Kind = kind, RedundancyGroup = group };
            _builder.AddLink(id is null ? link : link with { Id = id });
        }

        private static Service Service(string id, string name, Criticality criticality, string team,
            IReadOnlyList<string> devices, IReadOnlyList<string> services, IReadOnlyList<string> customers) =>
            new()
            {
                Id = id,
                Name = name,
                Criticality = criticality,
                TeamId = team,
                DependsOnDevices = devices,
                DependsOnServices = services,
                Customers = customers,
            };

        private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
    }
}

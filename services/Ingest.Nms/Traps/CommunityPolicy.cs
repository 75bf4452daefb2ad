using System.Net;

namespace Correlation.Ingest.Nms.Traps;

/// <summary>
/// The communities each sender may use: the most specific configured network that holds the sender's
/// address decides. A sender in no configured network is refused. With nothing configured, senders on
/// this machine (loopback) may use "public", net-snmp's default, and nobody else may send: a receiver bound
/// to a wider address takes no trap until Nms:Snmp:Sources says who may send which community.
/// </summary>
public sealed class CommunityPolicy
{
    public const string DefaultCommunity = "public";

    private readonly (IPNetwork Network, HashSet<string> Communities)[] _sources;

    private CommunityPolicy((IPNetwork, HashSet<string>)[] sources) => _sources = sources;

    /// <summary>True when no source is configured and only loopback senders are taken.</summary>
    public bool IsLoopbackOnly { get; private init; }

    public static CommunityPolicy? Create(IReadOnlyList<SnmpSourceOptions> sources, out string error)
    {
        ArgumentNullException.ThrowIfNull(sources);
        error = "";
        if (sources.Count == 0)
        {
            return new CommunityPolicy([(IPNetwork.Parse("127.0.0.0/8"), [DefaultCommunity]), (IPNetwork.Parse("::1/128"), [DefaultCommunity])]) { IsLoopbackOnly = true };
        }

        var compiled = new List<(IPNetwork, HashSet<string>)>();
        for (var i = 0; i < sources.Count; i++)
        {
            var text = sources[i].Network.Contains('/', StringComparison.Ordinal) ? sources[i].Network : HostNetwork(sources[i].Network);
            if (!IPNetwork.TryParse(text, out var network))
            {
                error = $"Sources:{i}: '{sources[i].Network}' is not an address or CIDR network";
                return null;
            }

            if (sources[i].Communities.Count == 0)
            {
                error = $"Sources:{i}: no Communities for {sources[i].Network}";
                return null;
            }

            compiled.Add((network, sources[i].Communities.ToHashSet(StringComparer.Ordinal)));
        }

        return new CommunityPolicy([.. compiled.OrderByDescending(s => s.Item1.PrefixLength)]);
    }

    public bool Allows(IPAddress source, string community)
    {
        ArgumentNullException.ThrowIfNull(source);
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        foreach (var (network, communities) in _sources)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return communities.Contains(community);
            }
        }

        return false;
    }

    private static string HostNetwork(string address) =>
        IPAddress.TryParse(address, out var ip) ? $"{address}/{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}" : address;
}

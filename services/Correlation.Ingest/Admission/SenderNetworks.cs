using System.Net;
using System.Net.Sockets;

namespace Correlation.Ingest.Admission;

/// <summary>
/// The networks a listener takes input from, for sources that carry no credential of their own (syslog) or only a
/// weak one (an SNMP community, an SMTP client). Nothing configured means this machine only (loopback): a receiver
/// bound to a wider address does not silently take input from anyone until someone says who may send.
/// "0.0.0.0/0" and "::/0" say "anyone" explicitly.
/// </summary>
public sealed class SenderNetworks
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly IPNetwork[] _networks;

    private SenderNetworks(IPNetwork[] networks, bool loopbackOnly)
    {
        _networks = networks;
        IsLoopbackOnly = loopbackOnly;
    }

    /// <summary>This machine only: what an empty list means.</summary>
    public static SenderNetworks LoopbackOnly { get; } = new(Loopback, loopbackOnly: true);

    /// <summary>True when nothing was configured and only loopback senders are taken.</summary>
    public bool IsLoopbackOnly { get; }

    /// <summary>The networks, or null with <paramref name="error"/> naming the first entry that is not an address or CIDR network.</summary>
    public static SenderNetworks? Parse(IReadOnlyList<string> networks, out string error)
    {
        ArgumentNullException.ThrowIfNull(networks);
        error = "";
        if (networks.Count == 0)
        {
            return LoopbackOnly;
        }

        var parsed = new IPNetwork[networks.Count];
        for (var i = 0; i < networks.Count; i++)
        {
            if (TryParseNetwork(networks[i], out var network))
            {
                parsed[i] = network;
                continue;
            }

            error = $"{i}: '{networks[i]}' is not an IP address or CIDR network";
            return null;
        }

        return new SenderNetworks(parsed, loopbackOnly: false);
    }

    /// <summary>An address ("192.0.2.7", a host network) or a CIDR network ("10.0.0.0/8", "2001:db8::/32").</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(text, out network);
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        address = Normalise(address);
        foreach (var network in _networks)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6.</summary>
    public static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(Normalise(address));

    /// <summary>True when a listener bound to <paramref name="bound"/> can be reached only from this machine.</summary>
    public static bool IsLoopbackBinding(string bound) => IPAddress.TryParse(bound, out var address) && IPAddress.IsLoopback(address);

    private static IPAddress Normalise(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

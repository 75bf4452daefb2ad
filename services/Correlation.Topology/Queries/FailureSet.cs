namespace Correlation.Topology;

/// <summary>
/// Devices and links known (or assumed) to be down, by id. A link also counts as down when either of its
/// devices is. Ids the topology does not know are ignored by the queries.
/// </summary>
public sealed class FailureSet
{
    public FailureSet(IEnumerable<string>? devices = null, IEnumerable<string>? links = null)
    {
        Devices = new HashSet<string>(devices ?? [], StringComparer.OrdinalIgnoreCase);
        Links = new HashSet<string>(links ?? [], StringComparer.OrdinalIgnoreCase);
    }

    public static FailureSet None { get; } = new();

    public IReadOnlySet<string> Devices { get; }

    public IReadOnlySet<string> Links { get; }

    public bool IsEmpty => Devices.Count == 0 && Links.Count == 0;

    public static FailureSet OfDevices(params IEnumerable<string> devices) => new(devices: devices);

    public static FailureSet OfLinks(params IEnumerable<string> links) => new(links: links);
}

namespace Correlation.Correlator.Scoring;

/// <summary>
/// What scoring remembers of one incident: when it was last active, where it is in the network
/// (devices up to a cap, sites, services named by its alarms, services its devices carry) and the
/// words of its alarms. Detail beyond the caps is counted, not kept, so a storm of any size costs the
/// same per alarm.
/// </summary>
public sealed class IncidentFacts
{
    private const int MaxWords = 128;
    private readonly int _maxDevices;

    public IncidentFacts(string id, DateTimeOffset openedAt, int maxDevices)
    {
        Id = id;
        OpenedAt = openedAt;
        LastSeen = openedAt;
        _maxDevices = maxDevices;
    }

    public string Id { get; }

    public DateTimeOffset OpenedAt { get; }

    public DateTimeOffset LastSeen { get; private set; }

    public int AlarmCount { get; private set; }

    public HashSet<string> Devices { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Sites { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Services that alarms of the incident named (application alarms, user reports).</summary>
    public HashSet<string> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Services that depend on the incident's devices.</summary>
    public HashSet<string> ImpactedServices { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> AlarmTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds an alarm; returns the keys (device, site, service) under which the incident is newly findable.</summary>
    public IReadOnlyList<string> Add(AlarmFacts alarm, IEnumerable<string> impactedServices)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(impactedServices);
        var keys = new List<string>();
        AlarmCount++;
        if (alarm.Time > LastSeen)
        {
            LastSeen = alarm.Time;
        }

        if (alarm.DeviceId is { } device && Devices.Count < _maxDevices && Devices.Add(device))
        {
            keys.Add(IncidentKeys.Device(device));
            foreach (var service in impactedServices)
            {
                if (ImpactedServices.Add(service))
                {
                    keys.Add(IncidentKeys.Service(service));
                }
            }
        }

        if (alarm.SiteId is { } site && Sites.Add(site))
        {
            keys.Add(IncidentKeys.Site(site));
        }

        if (alarm.ServiceId is { } named && Services.Add(named) && !ImpactedServices.Contains(named))
        {
            keys.Add(IncidentKeys.Service(named));
        }

        foreach (var word in alarm.Words)
        {
            if (Words.Count >= MaxWords)
            {
                break;
            }

            Words.Add(word);
        }

        AlarmTypes[alarm.AlarmType] = AlarmTypes.GetValueOrDefault(alarm.AlarmType) + 1;
        return keys;
    }

    /// <summary>Takes in everything another incident knew, when the two turn out to be one fault.</summary>
    public void Absorb(IncidentFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        AlarmCount += other.AlarmCount;
        if (other.LastSeen > LastSeen)
        {
            LastSeen = other.LastSeen;
        }

        foreach (var device in other.Devices.Take(Math.Max(0, _maxDevices - Devices.Count)))
        {
            Devices.Add(device);
        }

        Sites.UnionWith(other.Sites);
        Services.UnionWith(other.Services);
        ImpactedServices.UnionWith(other.ImpactedServices);
        Words.UnionWith(other.Words.Take(Math.Max(0, MaxWords - Words.Count)));
        foreach (var (type, count) in other.AlarmTypes)
        {
            AlarmTypes[type] = AlarmTypes.GetValueOrDefault(type) + count;
        }
    }
}

/// <summary>The keys under which incidents are found from an alarm's place in the network.</summary>
public static class IncidentKeys
{
    public static string Device(string id) => "d:" + id.ToUpperInvariant();

    public static string Site(string id) => "s:" + id.ToUpperInvariant();

    public static string Service(string id) => "v:" + id.ToUpperInvariant();
}

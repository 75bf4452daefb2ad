using System.Text.Json.Serialization;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// What scoring remembers of one incident: where it is in the network (devices up to a cap, sites,
/// services named by its alarms, services its devices carry), each with when it last raised an alarm,
/// and the words of its alarms. Scoring measures time from the related member, not from the incident
/// as a whole: a large incident is always recent somewhere, and measuring from its last alarm anywhere
/// would let it pull in every later fault near any of its members. Detail beyond the caps is counted,
/// not kept, so a storm of any size costs the same per alarm.
/// The live correlator keeps these facts in Redis as JSON: every piece of state is a public property
/// (collections are filled in place, through a private constructor), so that what is stored is all that scoring knew.
/// </summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class IncidentFacts
{
    private const int MaxWords = 128;

    public IncidentFacts(string id, DateTimeOffset openedAt, int maxDevices)
    {
        Id = id;
        OpenedAt = openedAt;
        LastSeen = openedAt;
        MaxDevices = maxDevices;
    }

    [JsonConstructor]
    private IncidentFacts() => Id = "";

    [JsonInclude]
    public string Id { get; private set; }

    [JsonInclude]
    public DateTimeOffset OpenedAt { get; private set; }

    [JsonInclude]
    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>How many distinct devices are remembered (the storm limit); later ones are counted only.</summary>
    [JsonInclude]
    public int MaxDevices { get; private set; }

    /// <summary>How far the incident has gone (from the incident's state in the live window, not stored with the facts).</summary>
    [JsonIgnore]
    public IncidentStage Stage { get; set; }

    /// <summary>Member devices and when each last raised an alarm.</summary>
    public Dictionary<string, DateTimeOffset> Devices { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Member devices reported down (outage alarms), and when: the incident's failed elements. A device
    /// that these cut off from the core belongs to the same fault, however far away it is.
    /// </summary>
    public Dictionary<string, DateTimeOffset> Down { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Links that alarms named (a link-down on one of its ends), and when: candidates for the cause.</summary>
    public Dictionary<string, DateTimeOffset> Links { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sites named by alarms without a device (user reports, site checks), and when.</summary>
    public Dictionary<string, DateTimeOffset> Sites { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Services that alarms of the incident named (application alarms, user reports), and when.</summary>
    public Dictionary<string, DateTimeOffset> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Services that depend on the incident's devices, and when such a device last alarmed.</summary>
    public Dictionary<string, DateTimeOffset> ImpactedServices { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> AlarmTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>The ML.NET signatures of the incident's alarms (when a signature model is loaded), and how many of each.</summary>
    public Dictionary<int, int> Signatures { get; } = [];

    /// <summary>Adds an alarm; returns the keys (device, site, service) under which the incident is newly findable.</summary>
    public IReadOnlyList<string> Add(AlarmFacts alarm, IEnumerable<string> impactedServices)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(impactedServices);
        var keys = new List<string>();
        if (alarm.Time > LastSeen)
        {
            LastSeen = alarm.Time;
        }

        // An alarm decided after later ones of its fault moves the incident's start back to it.
        if (alarm.Time < OpenedAt)
        {
            OpenedAt = alarm.Time;
        }

        if (alarm.DeviceId is { } device && (Devices.ContainsKey(device) || Devices.Count < MaxDevices))
        {
            if (Touch(Devices, device, alarm.Time))
            {
                keys.Add(IncidentKeys.Device(device));
            }

            if (alarm.IsOutage)
            {
                Touch(Down, device, alarm.Time);
            }

            if (alarm.LinkId is { } link && (Links.ContainsKey(link) || Links.Count < MaxDevices))
            {
                Touch(Links, link, alarm.Time);
            }

            foreach (var service in impactedServices)
            {
                if (Touch(ImpactedServices, service, alarm.Time) && !Services.ContainsKey(service))
                {
                    keys.Add(IncidentKeys.Service(service));
                }
            }
        }

        if (alarm.SiteId is { } site && Touch(Sites, site, alarm.Time))
        {
            keys.Add(IncidentKeys.Site(site));
        }

        if (alarm.ServiceId is { } named && Touch(Services, named, alarm.Time) && !ImpactedServices.ContainsKey(named))
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
        if (alarm.Signature is { } signature)
        {
            Signatures[signature] = Signatures.GetValueOrDefault(signature) + 1;
        }
        return keys;
    }

    /// <summary>A copy to change without touching this one (cheaper than a trip through JSON).</summary>
    public IncidentFacts Clone()
    {
        var copy = new IncidentFacts(Id, OpenedAt, MaxDevices) { LastSeen = LastSeen, Stage = Stage };
        Copy(Devices, copy.Devices);
        Copy(Down, copy.Down);
        Copy(Links, copy.Links);
        Copy(Sites, copy.Sites);
        Copy(Services, copy.Services);
        Copy(ImpactedServices, copy.ImpactedServices);
        copy.Words.UnionWith(Words);
        Copy(AlarmTypes, copy.AlarmTypes);
        Copy(Signatures, copy.Signatures);
        return copy;

        static void Copy<TKey, TValue>(Dictionary<TKey, TValue> from, Dictionary<TKey, TValue> to)
            where TKey : notnull
        {
            foreach (var (key, value) in from)
            {
                to[key] = value;
            }
        }
    }

    /// <summary>Every key under which the incident is findable.</summary>
    public IEnumerable<string> Keys() =>
        Devices.Keys.Select(IncidentKeys.Device)
            .Concat(Sites.Keys.Select(IncidentKeys.Site))
            .Concat(Services.Keys.Concat(ImpactedServices.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Select(IncidentKeys.Service));

    /// <summary>Takes in everything another incident knew, when the two turn out to be one fault.</summary>
    public void Absorb(IncidentFacts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.LastSeen > LastSeen)
        {
            LastSeen = other.LastSeen;
        }

        if (other.OpenedAt < OpenedAt)
        {
            OpenedAt = other.OpenedAt;
        }

        foreach (var (device, seen) in other.Devices)
        {
            if (Devices.ContainsKey(device) || Devices.Count < MaxDevices)
            {
                Touch(Devices, device, seen);
            }
        }

        foreach (var (device, seen) in other.Down)
        {
            if (Devices.ContainsKey(device))
            {
                Touch(Down, device, seen);
            }
        }

        foreach (var (link, seen) in other.Links)
        {
            if (Links.ContainsKey(link) || Links.Count < MaxDevices)
            {
                Touch(Links, link, seen);
            }
        }

        foreach (var (site, seen) in other.Sites)
        {
            Touch(Sites, site, seen);
        }

        foreach (var (service, seen) in other.Services)
        {
            Touch(Services, service, seen);
        }

        foreach (var (service, seen) in other.ImpactedServices)
        {
            Touch(ImpactedServices, service, seen);
        }

        Words.UnionWith(other.Words.Take(Math.Max(0, MaxWords - Words.Count)));
        foreach (var (type, count) in other.AlarmTypes)
        {
            AlarmTypes[type] = AlarmTypes.GetValueOrDefault(type) + count;
        }

        foreach (var (signature, count) in other.Signatures)
        {
            Signatures[signature] = Signatures.GetValueOrDefault(signature) + count;
        }
    }

    /// <returns>True when <paramref name="key"/> is new.</returns>
    private static bool Touch(Dictionary<string, DateTimeOffset> seen, string key, DateTimeOffset time)
    {
        if (seen.TryGetValue(key, out var last))
        {
            if (time > last)
            {
                seen[key] = time;
            }

            return false;
        }

        seen[key] = time;
        return true;
    }
}

/// <summary>The keys under which incidents are found from an alarm's place in the network.</summary>
public static class IncidentKeys
{
    public static string Device(string id) => "d:" + id.ToUpperInvariant();

    public static string Site(string id) => "s:" + id.ToUpperInvariant();

    public static string Service(string id) => "v:" + id.ToUpperInvariant();
}

using System.Globalization;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;
using Correlation.Ingest;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// Collects the alarms of one fault (one true incident): picks how each device is named in alarms, stamps
/// times with jitter and computes fingerprints and idempotency keys exactly as ingest does.
/// </summary>
public sealed class FaultBuilder
{
    private readonly NetworkTopology _topology;
    private readonly DateTimeOffset _start;
    private readonly Dictionary<string, (string Name, bool SendsSite)> _resourceNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StormAlarm> _alarms = [];

    public FaultBuilder(NetworkTopology topology, Random random, string shape, string group, DateTimeOffset start)
    {
        _topology = topology;
        Random = random;
        Shape = shape;
        Group = group;
        _start = start;
    }

    public Random Random { get; }

    public NetworkTopology Topology => _topology;

    public string Shape { get; }

    public string Group { get; }

    public IReadOnlyList<StormAlarm> Alarms => _alarms;

    /// <summary>A condition on a device, named the way this fault's feeds name it.</summary>
    public Condition OnDevice(Device device, string alarmType, AlarmSeverity severity, string summary,
        string? instance = null, string? service = null, SourceKind kind = SourceKind.SnmpTrap, string source = "nms")
    {
        ArgumentNullException.ThrowIfNull(device);
        var (name, sendsSite) = ResourceName(device);
        return new Condition(name, sendsSite ? device.SiteId : null, service, alarmType, severity, summary, instance, kind, source);
    }

    /// <summary>A person reporting a problem by chat or email: they name a site or a service, not a device.</summary>
    public Condition UserReport(string resource, string? site, string? service, string summary, AlarmSeverity severity)
    {
        var byChat = Random.NextDouble() < 0.6;
        // Each message is its own condition: the chat or mail integration keys it by message id, so two
        // people reporting the same site are not deduplicated into one.
        var message = $"{(byChat ? "chat" : "mail")}-{Random.Next():x8}";
        return new Condition(resource, site, service, "user_report", severity, summary, message,
            byChat ? SourceKind.Chat : SourceKind.Email, byChat ? "chat" : "email");
    }

    public void Raise(Condition condition, double seconds) => Add(condition, seconds, AlarmStatus.Raised);

    public void Clear(Condition condition, double seconds) => Add(condition, seconds, AlarmStatus.Cleared);

    /// <summary>Raise, clear a few seconds later, raise again: a flapping interface or session.</summary>
    public double Flap(Condition condition, double seconds)
    {
        Raise(condition, seconds);
        var cleared = seconds + Between(3, 30);
        Clear(condition, cleared);
        var again = cleared + Between(2, 45);
        Raise(condition, again);
        return again;
    }

    /// <summary>The same condition re-sent (a poller or trap repeated) a few times after the first raise.</summary>
    public void Repeats(Condition condition, double firstSeconds, int count, double everyMin, double everyMax)
    {
        var at = firstSeconds;
        for (var i = 0; i < count; i++)
        {
            at += Between(everyMin, everyMax);
            Raise(condition, at);
        }
    }

    public double Between(double min, double max) => min + Random.NextDouble() * (max - min);

    public bool Chance(double p) => Random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    private (string Name, bool SendsSite) ResourceName(Device device)
    {
        if (_resourceNames.TryGetValue(device.Id, out var known))
        {
            return known;
        }
        // Most feeds use the hostname; some use the NMS object name, the management address or the FQDN,
        // which the CMDB resolves through aliases or the first label.
        var roll = Random.NextDouble();
        var name = roll switch
        {
            < 0.72 => device.Id,
            < 0.82 when device.Aliases.Count > 0 => device.Aliases[0],
            < 0.90 when device.Aliases.Count > 1 => device.Aliases[1],
            _ => $"{device.Id}.net.example.com",
        };
        // Many feeds (SNMP traps, pollers) do not know the site: the correlator has to find it from the CMDB.
        var chosen = (name, Random.NextDouble() < 0.65);
        _resourceNames.Add(device.Id, chosen);
        return chosen;
    }

    private void Add(Condition c, double seconds, AlarmStatus status)
    {
        // Whole milliseconds, the precision of the idempotency key, so that the file says exactly what the key does.
        var exact = _start.AddSeconds(Math.Max(0, seconds));
        var at = new DateTimeOffset(exact.UtcTicks - exact.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var fingerprint = AlarmFingerprint.Compute(c.Resource, c.AlarmType, c.Instance);
        var key = $"{fingerprint}:{status}:{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        var labels = c.Instance is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["instance"] = c.Instance };
        var bytes = new byte[16];
        Random.NextBytes(bytes);
        var summary = status == AlarmStatus.Cleared ? $"cleared: {c.Summary}" : c.Summary;
        var alarm = new Alarm(new Guid(bytes), key, fingerprint, c.Kind, c.SourceName, c.Resource, c.Site, c.Service,
            c.AlarmType, c.Severity, status, summary, labels, new Dictionary<string, string>(), at, at);
        _alarms.Add(new StormAlarm(alarm, Group, 0));
    }
}

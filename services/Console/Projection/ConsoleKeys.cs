using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Console.Projection;

/// <summary>The console's key space in Redis, in one place. Everything lives under "&lt;prefix&gt;console:".</summary>
public sealed class ConsoleKeys(IOptions<RedisOptions> redis)
{
    private readonly string _root = (redis ?? throw new ArgumentNullException(nameof(redis))).Value.KeyPrefix + "console:";

    /// <summary>The bounded stream of incident events that the live stream serves and resumes from.</summary>
    public RedisKey Stream => _root + "events";

    /// <summary>Sorted set of incident ids by opening time (ms).</summary>
    public RedisKey Index => _root + "incidents";

    /// <summary>Set of the ids of open incidents.</summary>
    public RedisKey Open => _root + "open";

    /// <summary>Sorted set of resolved incident ids by resolution time (ms), for the patterns report.</summary>
    public RedisKey Closures => _root + "closures";

    /// <summary>Hash of incident id to its closure (what was resolved, where, when).</summary>
    public RedisKey ClosureRecords => _root + "closures:records";

    /// <summary>Hash of incident id to its recorded root cause; outlives the incident's view.</summary>
    public RedisKey RootCauses => _root + "root-causes";

    /// <summary>The audit trail of every write action.</summary>
    public RedisKey Audit => _root + "audit";

    /// <summary>Hash of maintenance window id to the window as scheduled through the console.</summary>
    public RedisKey Maintenance => _root + "maintenance";

    /// <summary>Per-minute throughput counters.</summary>
    public RedisKey Throughput(DateTimeOffset minute) => _root + "throughput:" + minute.ToUnixTimeSeconds() / 60;

    public RedisKey View(Guid id) => Incident(id, "");

    public RedisKey Applied(Guid id) => Incident(id, ":applied");

    public RedisKey Members(Guid id) => Incident(id, ":alarms");

    public RedisKey Timeline(Guid id) => Incident(id, ":timeline");

    public RedisKey Priorities(Guid id) => Incident(id, ":priorities");

    public RedisKey Functions(Guid id) => Incident(id, ":functions");

    public RedisKey Channels(Guid id) => Incident(id, ":channels");

    public RedisKey Services(Guid id) => Incident(id, ":services");

    public RedisKey IncidentAudit(Guid id) => Incident(id, ":audit");

    private RedisKey Incident(Guid id, string suffix) => _root + "incident:" + id.ToString("D") + suffix;
}

using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Router;

/// <summary>
/// The router's key space in Redis, all under {Redis:KeyPrefix}router:. Per incident: its projection hash,
/// its member resources and the out-of-scope alarms already flagged. Shared: the escalation timers, the
/// delivery outbox with its delivered markers, and the maintenance windows scheduled by command.
/// </summary>
public sealed class RouterKeys(IOptions<RedisOptions> options)
{
    private readonly string _root = (options ?? throw new ArgumentNullException(nameof(options))).Value.KeyPrefix + "router:";

    public RedisKey Incident(Guid id) => _root + "incident:" + id.ToString("D");

    public RedisKey Members(Guid id) => _root + "incident:" + id.ToString("D") + ":members";

    public RedisKey Flags(Guid id) => _root + "incident:" + id.ToString("D") + ":flags";

    /// <summary>Sorted set: "{incident}:{kind}" by due time (ms since the epoch).</summary>
    public RedisKey Timers => _root + "timers";

    /// <summary>Hash: timer or delivery being worked on → the claim token of whoever claimed it.</summary>
    public RedisKey TimerClaims => _root + "timers:claims";

    /// <summary>Sorted set: delivery key by when to try it next.</summary>
    public RedisKey Outbox => _root + "outbox";

    public RedisKey OutboxClaims => _root + "outbox:claims";

    public RedisKey OutboxItem(string key) => _root + "outbox:item:" + key;

    public RedisKey Delivered(string key) => _root + "delivered:" + key;

    /// <summary>Hash: window id → the window (JSON), for windows scheduled by command.</summary>
    public RedisKey Maintenance => _root + "maintenance";

    /// <summary>Set: ids of cancelled windows (configured ones cannot be deleted from the file at run time).</summary>
    public RedisKey MaintenanceCancelled => _root + "maintenance:cancelled";

    /// <summary>Set: incidents a window is holding back, re-evaluated at once when it is cancelled.</summary>
    public RedisKey WindowIncidents(string windowId) => _root + "maintenance:incidents:" + windowId;
}

using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Router.Routing;

/// <summary>The router's key space: where each incident was last sent, and for which version.</summary>
public sealed class RouteStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    // Keeps the newest version only, so a late or repeated triage decision does not route twice.
    private const string RecordScript = """
        local version = redis.call('HGET', KEYS[1], 'version')
        if version and tonumber(version) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'priority', ARGV[2], 'destinations', ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return 1
        """;

    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly string _prefix = options.Value.KeyPrefix + "router:incident:";

    public async Task<bool> RecordAsync(Guid incidentId, long version, string priority, IReadOnlyList<string> destinations)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var recorded = await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [(RedisKey)(_prefix + incidentId.ToString("D"))],
            [version, priority, string.Join(' ', destinations), (long)Retention.TotalMilliseconds]);
        return (int)recorded == 1;
    }
}

using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Triage.Priority;

/// <summary>Triage's key space: the priority each incident last had, and the version it was decided at.</summary>
public sealed class TriageStore(IConnectionMultiplexer redis, IOptions<RedisOptions> options)
{
    // Keeps the newest version only, so events that arrive late or twice change nothing.
    private const string RecordScript = """
        local current = redis.call('HMGET', KEYS[1], 'version', 'priority')
        if current[1] and tonumber(current[1]) >= tonumber(ARGV[1]) then return {'stale'} end
        redis.call('HSET', KEYS[1], 'version', ARGV[1], 'priority', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        if current[2] == ARGV[2] then return {'same'} end
        return {'changed', current[2] or ''}
        """;

    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly string _prefix = options.Value.KeyPrefix + "triage:incident:";

    /// <returns>Whether the priority changed as of this version, and what it was before.</returns>
    public async Task<(bool Changed, IncidentPriority? Previous)> RecordAsync(Guid incidentId, long version, IncidentPriority priority)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RecordScript,
            [(RedisKey)(_prefix + incidentId.ToString("D"))],
            [version, priority.ToString(), (long)Retention.TotalMilliseconds]))!;
        if ((string)result[0]! != "changed")
        {
            return (false, null);
        }

        var previous = (string)result[1]!;
        return (true, previous.Length == 0 ? null : Enum.Parse<IncidentPriority>(previous));
    }
}

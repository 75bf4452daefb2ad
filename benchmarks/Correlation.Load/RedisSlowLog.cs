using StackExchange.Redis;

namespace Correlation.Load;

/// <summary>
/// Redis' SLOWLOG (commands that ran at least slowlog-log-slower-than, 10 ms by default, inside Redis, which
/// runs one command at a time): the entries naming this run's key prefix are the pipeline's own Lua scripts and
/// calls that held Redis that long. Read before and after each step; only new entries count (the log keeps the
/// last 128 by default, so a step with more reports at least that many).
/// </summary>
internal static class RedisSlowLog
{
    public sealed record Entry(long Id, double Ms);

    public static async Task<IReadOnlyList<Entry>> ReadAsync(IConnectionMultiplexer redis, string prefix)
    {
        try
        {
            var server = redis.GetServers()[0];
            var entries = await server.SlowlogGetAsync(128);
            return [.. entries.Where(e => e.Arguments.Any(a => a.ToString()?.Contains(prefix, StringComparison.Ordinal) == true))
                .Select(e => new Entry(e.UniqueId, e.Duration.TotalMilliseconds))];
        }
        catch (RedisException)
        {
            return [];
        }
    }

    /// <summary>Count, total and longest ms of the entries in <paramref name="after"/> that were not in <paramref name="before"/>.</summary>
    public static (int Count, double TotalMs, double MaxMs) Since(IReadOnlyList<Entry> before, IReadOnlyList<Entry> after)
    {
        var last = before.Count == 0 ? -1 : before.Max(e => e.Id);
        var fresh = after.Where(e => e.Id > last).ToList();
        return (fresh.Count, fresh.Sum(e => e.Ms), fresh.Count == 0 ? 0 : fresh.Max(e => e.Ms));
    }
}

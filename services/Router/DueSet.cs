using System.Globalization;
using StackExchange.Redis;

namespace Correlation.Router;

/// <summary>An entry of a due set taken by one claimer: its member, its due time, and the claim token.</summary>
public sealed record Claimed(string Member, DateTimeOffset Due, string Token);

/// <summary>
/// A sorted set of things due at a time (ms since the epoch), taken by whoever claims them first: claiming
/// moves a due entry to the end of a lease and records the claimer's token, so a second router instance does
/// not take it too; finishing (removing or rescheduling) only applies while the token is still the claimer's,
/// so a claimer that took too long never undoes what someone else did since. An entry whose claimer died is
/// taken again when its lease runs out. Scheduling clears any claim, so a new schedule always wins.
/// </summary>
internal static class DueSet
{
    private const string ClaimScript = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
        for i = 1, #due, 2 do
          redis.call('ZADD', KEYS[1], ARGV[2], due[i])
          redis.call('HSET', KEYS[2], due[i], ARGV[4])
        end
        return due
        """;

    private const string FinishScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        if ARGV[3] == '' then redis.call('ZREM', KEYS[1], ARGV[1]) else redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) end
        return 1
        """;

    // mode '' sets the time; 'NX' only adds; 'LT' adds or moves earlier.
    private const string ScheduleScript = """
        local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if held and ARGV[3] == 'NX' then return 0 end
        if held and ARGV[3] == 'LT' and tonumber(held) <= tonumber(ARGV[2]) and redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        redis.call('HDEL', KEYS[2], ARGV[1])
        return 1
        """;

    private const string RemoveScript = """
        for i = 1, #ARGV do
          redis.call('ZREM', KEYS[1], ARGV[i])
          redis.call('HDEL', KEYS[2], ARGV[i])
        end
        return 1
        """;

    public static async Task<IReadOnlyList<Claimed>> ClaimAsync(IDatabase db, RedisKey set, RedisKey claims, DateTimeOffset now, TimeSpan lease, int limit)
    {
        var token = Guid.NewGuid().ToString("N");
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(ClaimScript, [set, claims],
            [now.ToUnixTimeMilliseconds(), (now + lease).ToUnixTimeMilliseconds(), limit, token]))!;
        var claimed = new List<Claimed>(result.Length / 2);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            var due = (long)double.Parse((string)result[i + 1]!, CultureInfo.InvariantCulture);
            claimed.Add(new Claimed((string)result[i]!, DateTimeOffset.FromUnixTimeMilliseconds(due), token));
        }

        return claimed;
    }

    /// <returns>False when the claim was lost (the lease ran out and another took it, or it was rescheduled).</returns>
    public static async Task<bool> FinishAsync(IDatabase db, RedisKey set, RedisKey claims, Claimed claimed, DateTimeOffset? next) =>
        (int)await db.ScriptEvaluateAsync(FinishScript, [set, claims],
            [claimed.Member, claimed.Token, next is { } n ? n.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : ""]) == 1;

    public static async Task<bool> ScheduleAsync(IDatabase db, RedisKey set, RedisKey claims, string member, DateTimeOffset due, string mode) =>
        (int)await db.ScriptEvaluateAsync(ScheduleScript, [set, claims], [member, due.ToUnixTimeMilliseconds(), mode]) == 1;

    public static Task RemoveAsync(IDatabase db, RedisKey set, RedisKey claims, IEnumerable<string> members) =>
        db.ScriptEvaluateAsync(RemoveScript, [set, claims], [.. members.Select(m => (RedisValue)m)]);

    public static async Task<DateTimeOffset?> DueAsync(IDatabase db, RedisKey set, string member) =>
        await db.SortedSetScoreAsync(set, member) is { } score ? DateTimeOffset.FromUnixTimeMilliseconds((long)score) : null;
}

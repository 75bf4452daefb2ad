using System.Text.Json;
using Correlation.Router.Projection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Router.Delivery;

/// <summary>A delivery claimed from the outbox, with how many attempts it has had.</summary>
public sealed record ClaimedDelivery(ChannelDelivery Delivery, int Attempts, Claimed Claim);

/// <summary>
/// Deliveries waiting to go out, in Redis so none is lost when a send fails or the router stops: each waits
/// in a sorted set by when to try it next; a delivered one leaves a marker (kept as long as the incident's
/// keys) so that the same notification, enqueued again by a redelivered message, is not sent twice.
/// </summary>
public sealed class DeliveryOutbox(IConnectionMultiplexer redis, RouterKeys keys, DeliverySignal signal, IOptions<RouterOptions> options)
{
    private const string EnqueueScript = """
        if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
        redis.call('HSET', KEYS[2], 'delivery', ARGV[3], 'attempts', 0, 'created', ARGV[2])
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
        return 1
        """;

    private const string SucceededScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('ZREM', KEYS[1], ARGV[1])
        redis.call('DEL', KEYS[3])
        redis.call('SET', KEYS[4], '1', 'PX', ARGV[3])
        return 1
        """;

    private const string FailedScript = """
        if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
        redis.call('HDEL', KEYS[2], ARGV[1])
        redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
        redis.call('HINCRBY', KEYS[3], 'attempts', 1)
        redis.call('HSET', KEYS[3], 'lastError', ARGV[4])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <returns>False when the same delivery is waiting already or was delivered.</returns>
    public async Task<bool> EnqueueAsync(ChannelDelivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var added = (int)await Db.ScriptEvaluateAsync(EnqueueScript,
            [keys.Outbox, keys.OutboxItem(delivery.Key), keys.Delivered(delivery.Key)],
            [delivery.Key, now.ToUnixTimeMilliseconds(), JsonSerializer.Serialize(delivery, IncidentProjectionStore.Json)]) == 1;
        if (added)
        {
            signal.Pulse();
        }

        return added;
    }

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit)
    {
        var db = Db;
        var claimed = await DueSet.ClaimAsync(db, keys.Outbox, keys.OutboxClaims, now, lease, limit);
        var result = new List<ClaimedDelivery>(claimed.Count);
        foreach (var claim in claimed)
        {
            var fields = await db.HashGetAsync(keys.OutboxItem(claim.Member), ["delivery", "attempts"]);
            if (fields[0].HasValue)
            {
                result.Add(new ClaimedDelivery(JsonSerializer.Deserialize<ChannelDelivery>((string)fields[0]!, IncidentProjectionStore.Json)!,
                    (int)fields[1], claim));
            }
            else
            {
                await DueSet.FinishAsync(db, keys.Outbox, keys.OutboxClaims, claim, null);
            }
        }

        return result;
    }

    public Task SucceededAsync(ClaimedDelivery claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var key = claimed.Delivery.Key;
        return Db.ScriptEvaluateAsync(SucceededScript, [keys.Outbox, keys.OutboxClaims, keys.OutboxItem(key), keys.Delivered(key)],
            [key, claimed.Claim.Token, (long)options.Value.Retention.TotalMilliseconds]);
    }

    public Task FailedAsync(ClaimedDelivery claimed, DateTimeOffset retryAt, string error)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var key = claimed.Delivery.Key;
        return Db.ScriptEvaluateAsync(FailedScript, [keys.Outbox, keys.OutboxClaims, keys.OutboxItem(key)],
            [key, claimed.Claim.Token, retryAt.ToUnixTimeMilliseconds(), error]);
    }

    /// <summary>Deliveries still waiting: key, attempts so far and when the next is due.</summary>
    public async Task<IReadOnlyList<(string Key, int Attempts, DateTimeOffset Due)>> PendingAsync()
    {
        var db = Db;
        var entries = await db.SortedSetRangeByRankWithScoresAsync(keys.Outbox);
        var result = new List<(string, int, DateTimeOffset)>();
        foreach (var entry in entries)
        {
            var attempts = await db.HashGetAsync(keys.OutboxItem((string)entry.Element!), "attempts");
            result.Add(((string)entry.Element!, attempts.HasValue ? (int)attempts : 0, DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score)));
        }

        return result;
    }

    public async Task<bool> WasDeliveredAsync(string key) => await Db.KeyExistsAsync(keys.Delivered(key));
}

/// <summary>Wakes the delivery worker when something is enqueued, so it does not wait for its next tick.</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up serves every enqueue before it.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}

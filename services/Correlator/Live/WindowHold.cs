using StackExchange.Redis;

namespace Correlation.Correlator.Live;

/// <summary>
/// The window's exclusive lease, released when disposed. While one is held, only its holder's writes go in:
/// every other correlator's commit is refused (and decided again), so the holder can read, work out and write
/// several incidents at once, as a batch that keeps losing the race does and as an operator's merge or split does.
/// </summary>
public sealed class WindowHold(string token, Func<ValueTask> release) : IAsyncDisposable
{
    private const string Release = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    public string Token { get; } = token;

    /// <summary>Waits for the lease and takes it for at most <paramref name="lease"/> (so that a holder that dies frees it).</summary>
    public static async Task<WindowHold> TakeAsync(IConnectionMultiplexer redis, WindowKeys keys, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keys);
        var db = redis.GetDatabase();
        var key = keys.Exclusive;
        var token = Guid.NewGuid().ToString("N");
        while (!await db.StringSetAsync(key, token, lease, When.NotExists))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), cancellationToken);
        }

        return new WindowHold(token, async () => await db.ScriptEvaluateAsync(Release, [key], [token]));
    }

    public ValueTask DisposeAsync() => release();
}

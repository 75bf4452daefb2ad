using System.Collections.Concurrent;

namespace Correlation.Ingest.Admission;

/// <summary>
/// A token bucket per sender: each sender may send <c>perSecond</c> on average and <c>burst</c> at once. Memory is
/// bounded: at most <c>maxSenders</c> buckets are kept; when the table is full, buckets that have refilled (their
/// sender went quiet) are dropped, and senders that still find no room share one overflow bucket, so a flood of
/// spoofed source addresses costs a fixed amount of memory and is limited as one sender.
/// </summary>
public sealed class SenderRateLimiter<TKey> where TKey : notnull
{
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly int _maxSenders;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<TKey, Bucket> _buckets = new();
    private readonly Bucket _overflow;
    private readonly Lock _sweepLock = new();
    private long _nextSweep;

    public SenderRateLimiter(double perSecond, int burst, int maxSenders, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSenders);
        ArgumentNullException.ThrowIfNull(time);
        _perSecond = perSecond;
        _burst = burst;
        _maxSenders = maxSenders;
        _time = time;
        _overflow = new Bucket(_burst, time.GetTimestamp());
    }

    /// <summary>Senders with a bucket of their own (at most the configured maximum).</summary>
    public int TrackedSenders => _buckets.Count;

    /// <summary>Takes one token of <paramref name="sender"/>'s bucket.</summary>
    /// <param name="retryAfter">When refused: how long until the next token.</param>
    /// <returns>False when the sender is over its rate.</returns>
    public bool TryTake(TKey sender, out TimeSpan retryAfter)
    {
        var now = _time.GetTimestamp();
        return BucketOf(sender, now).TryTake(now, _perSecond, _burst, _time.TimestampFrequency, out retryAfter);
    }

    private Bucket BucketOf(TKey sender, long now)
    {
        if (_buckets.TryGetValue(sender, out var bucket))
        {
            return bucket;
        }

        if (_buckets.Count >= _maxSenders)
        {
            Sweep(now);
            if (_buckets.Count >= _maxSenders)
            {
                return _overflow;
            }
        }

        return _buckets.GetOrAdd(sender, _ => new Bucket(_burst, now));
    }

    /// <summary>Drops the buckets of senders that have been quiet long enough to refill; at most once a second.</summary>
    private void Sweep(long now)
    {
        lock (_sweepLock)
        {
            if (now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + _time.TimestampFrequency;
            foreach (var (key, bucket) in _buckets)
            {
                if (bucket.IsFull(now, _perSecond, _burst, _time.TimestampFrequency))
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long at)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _at = at;

        public bool TryTake(long now, double perSecond, double burst, long frequency, out TimeSpan retryAfter)
        {
            lock (_lock)
            {
                Refill(now, perSecond, burst, frequency);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((1 - _tokens) / perSecond);
                return false;
            }
        }

        public bool IsFull(long now, double perSecond, double burst, long frequency)
        {
            lock (_lock)
            {
                Refill(now, perSecond, burst, frequency);
                return _tokens >= burst;
            }
        }

        private void Refill(long now, double perSecond, double burst, long frequency)
        {
            if (now > _at)
            {
                _tokens = Math.Min(burst, _tokens + (now - _at) * perSecond / frequency);
                _at = now;
            }
        }
    }
}

using System.Collections.Concurrent;
using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Reports;

/// <summary>
/// The short in-process memory of published reports, by idempotency key. Slack redelivers an event it did not
/// see answered within three seconds, so a retry often arrives while the first delivery is still waiting for
/// the broker: it then waits for that same publish instead of starting a second one. A publish that failed is
/// forgotten, so the next retry tries again. Past <see cref="ChatOptions.DedupWindow"/>, or when full, the
/// correlator's own idempotency check (24 h) is what stops a late repeat.
/// </summary>
internal sealed class RecentReports(ChatOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;
    private long _nextSweep;

    /// <summary>Runs <paramref name="publish"/> unless the key was published recently or is being published now.</summary>
    /// <returns>The alarm the broker holds for the key and whether it was an earlier one; null when the publish failed.</returns>
    public async Task<(Alarm? Stored, bool Repeated)> PublishOnceAsync(Alarm alarm, Func<Task<bool>> publish)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(publish);
        var key = alarm.IdempotencyKey;
        var mine = new Entry();
        while (true)
        {
            var now = time.GetUtcNow().UtcTicks;
            Sweep(now);
            if (Volatile.Read(ref _count) >= options.DedupCapacity)
            {
                // Full of recent keys: publish without remembering; the correlator still drops the repeat.
                return await publish() ? (alarm, false) : (null, false);
            }

            var existing = _entries.GetOrAdd(key, mine);
            if (ReferenceEquals(existing, mine))
            {
                Interlocked.Increment(ref _count);
                break;
            }

            if (existing.IsExpired(now))
            {
                Remove(key, existing);
                continue;
            }

            if (await existing.Stored.Task is { } earlier)
            {
                return (earlier, true);
            }

            // The earlier delivery failed and was forgotten; this one tries.
        }

        bool published;
        try
        {
            published = await publish();
        }
        catch
        {
            Remove(key, mine);
            mine.Stored.TrySetResult(null);
            throw;
        }

        if (!published)
        {
            Remove(key, mine);
            mine.Stored.TrySetResult(null);
            return (null, false);
        }

        mine.Published(time.GetUtcNow().UtcTicks + options.DedupWindow.Ticks);
        mine.Stored.TrySetResult(alarm);
        return (alarm, false);
    }

    private void Remove(string key, Entry entry)
    {
        if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    // Expired keys are dropped at most once per tenth of the window, so the cost is spread thin.
    private void Sweep(long now)
    {
        var due = Volatile.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + (options.DedupWindow.Ticks / 10), due) != due)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.IsExpired(now))
            {
                Remove(key, entry);
            }
        }
    }

    private sealed class Entry
    {
        private long _expires = long.MaxValue;

        public TaskCompletionSource<Alarm?> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Published(long expires) => Volatile.Write(ref _expires, expires);

        public bool IsExpired(long now) => Volatile.Read(ref _expires) <= now;
    }
}

using System.Diagnostics;

namespace Correlation.Load;

/// <summary>
/// Sends a workload's alarms when they are due (each alarm's <see cref="LoadAlarm.Offset"/> after the start),
/// in chunks of what is due, at most <c>maxChunk</c> alarms each and at most <c>maxInFlight</c> chunks
/// outstanding. A sender that cannot keep up falls behind and then sends bigger chunks; the lag is measured
/// (alarms are timestamped when actually sent, and the report gives the offered and the achieved rate).
/// </summary>
internal static class Pacer
{
    public static async Task<TimeSpan> RunAsync(Ledger ledger, int maxChunk, int maxInFlight, Func<int, int, Task> send, CancellationToken cancellationToken)
    {
        var alarms = ledger.Alarms;
        var started = Stopwatch.GetTimestamp();
        using var slots = new SemaphoreSlim(maxInFlight);
        var next = 0;
        var due = 0;
        while (next < alarms.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            while (due < alarms.Count && alarms[due].Offset <= elapsed)
            {
                due++;
            }

            if (due == next)
            {
                var wait = alarms[next].Offset - elapsed;
                await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(wait, 0.001, 0.05)), cancellationToken);
                continue;
            }

            while (next < due)
            {
                var count = Math.Min(maxChunk, due - next);
                await slots.WaitAsync(cancellationToken);
                var start = next;
                next += count;
                _ = SendAsync(start, count);
            }
        }

        for (var i = 0; i < maxInFlight; i++)
        {
            await slots.WaitAsync(cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);

        async Task SendAsync(int start, int count)
        {
            try
            {
                await send(start, count);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}

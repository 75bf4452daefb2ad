namespace Correlation.Benchmarks.Load;

/// <summary>
/// The wall clock of a replayed storm: the time of the latest alarm handed to the correlators. A storm
/// of hours is replayed in seconds, so the correlator's "now" (reopen window, incident timestamps,
/// decision records) must move with the storm, not with the machine, for its decisions to be the ones a
/// live run of that storm would make.
/// </summary>
public sealed class StormClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="time"/> unless it is already past it.</summary>
    public void Reach(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        var current = Interlocked.Read(ref _ticks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _ticks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

namespace Correlation.Cli.Generation;

/// <summary>What to generate: the same options and seed always give the same network and storm.</summary>
public sealed record GenerationOptions
{
    public const int MinAlarms = 1;
    public const int MaxAlarms = 1_000_000;

    public int Seed { get; init; } = 1;

    public int Alarms { get; init; } = 1_000;

    public int Sites { get; init; } = 30;

    public StormShape Shape { get; init; } = StormShape.Mixed;

    /// <summary>
    /// Dense storms: when set, every fault starts within this span from <see cref="Start"/> (their clears may
    /// come later), however many faults the alarm count takes. That packs far more independent faults
    /// together than a real network sees; it stresses the correlator. When null (the default), faults
    /// arrive one after another at <see cref="FaultsPerHour"/> and the storm lasts as long as its alarms need.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>
    /// How many faults (each true incident, noise included; an "unrelated" event of 2 or 3 simultaneous
    /// faults counts once) start per hour on average, as a Poisson process. Null: <see cref="DefaultFaultsPerHour"/>.
    /// Ignored when <see cref="Duration"/> is set.
    /// </summary>
    public double? FaultsPerHour { get; init; }

    /// <summary>
    /// One fault an hour per ten sites (three an hour on 30 sites, twenty on 200): a bad day for a real
    /// network, where a site loses power, a circuit or a switch a few times a year, but not so many that
    /// independent faults overlap at every site all the time. Overlaps still happen by chance, and the
    /// "unrelated" shape starts two or three at once on purpose.
    /// </summary>
    public static double DefaultFaultsPerHour(int sites) => Math.Max(1.0, sites / 10.0);

    /// <summary>The arrival rate in effect when <see cref="Duration"/> is not set.</summary>
    public double EffectiveFaultsPerHour => FaultsPerHour ?? DefaultFaultsPerHour(Sites);

    /// <summary>A fixed instant rather than the clock, so that output does not depend on when it was made.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
}

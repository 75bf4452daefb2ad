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

    /// <summary>Faults start within this span from <see cref="Start"/>; their clears may come later.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A fixed instant rather than the clock, so that output does not depend on when it was made.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
}

using Correlation.Cli.Generation;

namespace Correlation.Cli.Tests.Generation;

/// <summary>Storms shared by several tests, generated once: generation is deterministic, so sharing is safe.</summary>
internal static class GeneratedStorms
{
    private static readonly Lazy<GeneratedStorm> MixedStorm = new(() =>
        StormGenerator.Generate(new GenerationOptions { Seed = 11, Alarms = 5_000, Sites = 60 }));

    public static GeneratedStorm Mixed => MixedStorm.Value;

    public static GeneratedStorm Of(StormShape shape, int seed = 3, int alarms = 1_500, int sites = 40) =>
        StormGenerator.Generate(new GenerationOptions { Seed = seed, Alarms = alarms, Sites = sites, Shape = shape });
}

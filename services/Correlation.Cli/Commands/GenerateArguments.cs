using System.Globalization;
using Correlation.Cli.Generation;

namespace Correlation.Cli.Commands;

/// <summary>What <c>correlation generate</c> was asked to do: the generation options and where to write.</summary>
public sealed record GenerateOptions(GenerationOptions Generation, string StormFile, string? CmdbFile);

/// <summary>
/// Parses the arguments after <c>generate</c>, in the same style as <see cref="EvaluateArguments"/>: options
/// take their value as the next argument or after '='.
/// </summary>
public static class GenerateArguments
{
    public const int MinAlarms = 100;
    public const int MaxAlarms = 1_000_000;

    /// <returns>The options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static GenerateOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var generation = new GenerationOptions();
        string? storm = null, cmdb = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unexpected argument '{name}'; generate takes options only";
                return null;
            }

            if (!OptionReader.TryRead(args, ref i, out name, out var value, out error))
            {
                return null;
            }

            switch (name)
            {
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                    {
                        error = $"--seed: '{value}' is not a whole number";
                        return null;
                    }
                    generation = generation with { Seed = seed };
                    break;
                case "--alarms":
                    if (!TryCount(name, value, MinAlarms, MaxAlarms, out var alarms, out error))
                    {
                        return null;
                    }
                    generation = generation with { Alarms = alarms };
                    break;
                case "--sites":
                    if (!TryCount(name, value, NetworkGenerator.MinSites, NetworkGenerator.MaxSites, out var sites, out error))
                    {
                        return null;
                    }
                    generation = generation with { Sites = sites };
                    break;
                case "--shape":
                    if (!Enum.TryParse<StormShape>(value, ignoreCase: true, out var shape) || !Enum.IsDefined(shape) || int.TryParse(value, out _))
                    {
                        error = $"--shape: '{value}' is not one of power, link, degradation, unrelated, noise, mixed";
                        return null;
                    }
                    generation = generation with { Shape = shape };
                    break;
                case "--duration":
                    if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var duration) || duration <= TimeSpan.Zero)
                    {
                        error = $"--duration: '{value}' is not a positive duration such as 01:00:00 (hh:mm:ss) or 1.00:00:00 (d.hh:mm:ss)";
                        return null;
                    }
                    generation = generation with { Duration = duration };
                    break;
                case "--faults-per-hour":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || !(rate > 0) || rate > 100_000)
                    {
                        error = $"--faults-per-hour: '{value}' is not a positive number such as 3 or 0.5";
                        return null;
                    }
                    generation = generation with { FaultsPerHour = rate };
                    break;
                case "--out":
                    storm = value;
                    break;
                case "--cmdb-out":
                    cmdb = value;
                    break;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }

        if (generation.Duration is not null && generation.FaultsPerHour is not null)
        {
            error = "give either --duration (a dense storm) or --faults-per-hour, not both";
            return null;
        }
        if (storm is null)
        {
            error = "generate needs --out <storm.jsonl>";
            return null;
        }
        error = null;
        return new GenerateOptions(generation, storm, cmdb);
    }

    private static bool TryCount(string name, string value, int min, int max, out int count, out string? error)
    {
        if (int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out count) && count >= min && count <= max)
        {
            error = null;
            return true;
        }
        error = $"{name}: '{value}' is not a whole number from {min:N0} to {max:N0}";
        return false;
    }
}

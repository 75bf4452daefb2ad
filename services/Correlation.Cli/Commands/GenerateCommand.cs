using System.Globalization;
using Correlation.Cli.Generation;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Topology;

namespace Correlation.Cli.Commands;

/// <summary>
/// <c>correlation generate</c>: generates a network and a labelled storm on it, writes the storm (and the
/// network as a CMDB) and prints what was generated.
/// </summary>
public static class GenerateCommand
{
    public static async Task<int> RunAsync(GenerateOptions options, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);

        var generation = options.Generation;
        var storm = StormGenerator.Generate(generation, count =>
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {count:N0} of {generation.Alarms:N0} alarms")));
        try
        {
            StormWriter.WriteFile(options.StormFile, storm.Alarms);
            if (options.CmdbFile is { } cmdb)
            {
                CmdbWriter.WriteFile(cmdb, storm.Network);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await progress.WriteLineAsync($"correlation: cannot write: {ex.Message}");
            return ExitCodes.BadInput;
        }

        await output.WriteAsync(Summary(options, storm));
        return ExitCodes.Ok;
    }

    private static string Arrivals(GenerationOptions g) => g.Duration is { } dense
        ? string.Create(CultureInfo.InvariantCulture, $"dense: every fault starting within {dense:c}")
        : string.Create(CultureInfo.InvariantCulture, $"faults arriving at {g.EffectiveFaultsPerHour:0.##} an hour");

    public static string Summary(GenerateOptions options, GeneratedStorm storm)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storm);
        var g = options.Generation;
        var network = storm.Network;
        var text = new System.Text.StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"{options.StormFile}: {storm.Alarms.Count:N0} alarms in {storm.Groups:N0} groups, seed {g.Seed}, shape {StormGenerator.ShapeName(g.Shape)}, {Arrivals(g)}\n");
        text.Append(inv, $"network{(options.CmdbFile is { } c ? " " + c : "")}: {network.Sites.Count:N0} sites, {network.Devices.Count:N0} devices, {network.Links.Count:N0} links, {network.Services.Count:N0} services, {network.Teams.Count:N0} teams\n");
        var raised = storm.Alarms.Count(a => a.Alarm.Status == Correlation.Contracts.AlarmStatus.Raised);
        text.Append(inv, $"raised {raised:N0}, cleared {storm.Alarms.Count - raised:N0}; from {StormWriter.FormatTime(storm.Alarms[0].Alarm.ObservedAt)} to {StormWriter.FormatTime(storm.Alarms[^1].Alarm.ObservedAt)}\n\n");
        text.Append("shape        groups   alarms  largest\n");
        text.Append("-----------  ------  -------  -------\n");
        foreach (var shape in storm.Faults.GroupBy(f => f.Shape).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(inv, $"{shape.Key,-11}  {shape.Count(),6:N0}  {shape.Sum(f => f.Alarms),7:N0}  {shape.Max(f => f.Alarms),7:N0}\n");
        }
        return text.ToString();
    }
}

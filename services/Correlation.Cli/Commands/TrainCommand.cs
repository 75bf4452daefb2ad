using System.Globalization;
using Correlation.Cli.Inputs;
using Correlation.Cli.Storms;
using Correlation.Correlator.Scoring;

namespace Correlation.Cli.Commands;

/// <summary>
/// <c>correlation train &lt;storm.jsonl&gt; --out &lt;model.json&gt; [--window hh:mm:ss]</c>: learns, from a labelled
/// history, how often alarm types raised close together belonged to one incident, for the engine to
/// weigh (`evaluate --affinity`).
/// </summary>
public static class TrainCommand
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? storm = null, model = null;
        var window = DefaultWindow;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (storm is not null)
                {
                    return await UsageAsync(error, $"one storm file at a time: '{storm}' and '{args[i]}' were both given");
                }

                storm = args[i];
                continue;
            }

            if (!OptionReader.TryRead(args, ref i, out var name, out var value, out var problem))
            {
                return await UsageAsync(error, problem!);
            }

            switch (name)
            {
                case "--out":
                    model = value;
                    break;
                case "--window" when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero:
                    window = parsed;
                    break;
                case "--window":
                    return await UsageAsync(error, $"--window: '{value}' is not a positive duration such as 00:02:00");
                default:
                    return await UsageAsync(error, $"unknown option {name}");
            }
        }

        if (storm is null || model is null)
        {
            return await UsageAsync(error, "a storm file and --out <model.json> are needed");
        }

        var read = StormReader.ReadFile(storm);
        if (!read.IsValid)
        {
            foreach (var problem in read.Errors)
            {
                await error.WriteLineAsync(problem.ToString());
            }

            return ExitCodes.BadInput;
        }

        if (!read.Value!.HasTruth)
        {
            await error.WriteLineAsync($"{storm}: has no \"group\" labels; training needs a labelled storm");
            return ExitCodes.BadInput;
        }

        var alarms = read.Value.Alarms.OrderBy(a => a.Alarm.ObservedAt)
            .Select(a => (a.Alarm.AlarmType, a.Alarm.ObservedAt, a.Group!)).ToList();
        var affinity = TypeAffinity.Learn(alarms, window);
        try
        {
            await using var file = File.Create(model);
            affinity.Save(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{model}: cannot write the model: {InputFiles.Reason(ex)}");
            return ExitCodes.BadInput;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{model}: type affinity of {affinity.PairCount:N0} alarm-type pairs from {alarms.Count:N0} alarms (pairs within {window})"));
        return ExitCodes.Ok;
    }

    private static async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync($"correlation: train: {problem}");
        await error.WriteLineAsync();
        await error.WriteLineAsync(Usage.Text);
        return ExitCodes.Usage;
    }
}

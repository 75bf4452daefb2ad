using System.Globalization;
using Correlation.Cli.Feedback;
using Correlation.Ingest.Replay;
using Correlation.Cli.Storms;
using Correlation.Correlator.Learning;
using Correlation.Correlator.Scoring;

namespace Correlation.Cli.Commands;

/// <summary>
/// <c>correlation train &lt;storm.jsonl&gt; [--out &lt;affinity.json&gt;] [--signatures &lt;model.zip&gt;] [--window hh:mm:ss]
/// [--clusters n] [--seed n]</c>: learns from a labelled history what the correlator weighs but never
/// learns on the hot path: how often alarm types raised close together belonged to one incident
/// (<c>--out</c>, for <c>evaluate --affinity</c>), and the ML.NET signature model with its signature
/// affinity (<c>--signatures</c>, one versioned file for the correlator to load at start).
/// </summary>
public static class TrainCommand
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = Parse(args, out var problem);
        if (options is null)
        {
            await error.WriteLineAsync($"correlation: train: {problem}");
            await error.WriteLineAsync();
            await error.WriteLineAsync(Usage.Text);
            return ExitCodes.Usage;
        }

        var storm = new Storm(options.Storm ?? options.Feedback!, []);
        if (options.Storm is { } stormFile)
        {
            var read = StormReader.ReadFile(stormFile, linesRead: lines =>
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {lines:N0} lines of {stormFile}")));
            if (!read.IsValid)
            {
                foreach (var invalid in read.Errors)
                {
                    await error.WriteLineAsync(invalid.ToString());
                }

                return ExitCodes.BadInput;
            }

            storm = read.Value!;
            if (storm.Alarms.Count == 0)
            {
                await error.WriteLineAsync($"{stormFile}: has no alarms to learn from");
                return ExitCodes.BadInput;
            }

            if (!storm.HasTruth)
            {
                await error.WriteLineAsync($"{stormFile}: has no \"group\" labels; training needs a labelled storm");
                return ExitCodes.BadInput;
            }
        }

        if (options.Feedback is { } feedbackFile)
        {
            // Operators' corrections are labels too: each learned on a timeline of its own, after the storm.
            var corrections = FeedbackFile.Read(feedbackFile);
            if (!corrections.IsValid)
            {
                foreach (var invalid in corrections.Errors)
                {
                    await error.WriteLineAsync(invalid.ToString());
                }

                return ExitCodes.BadInput;
            }

            var after = storm.Alarms.Count > 0 ? storm.Alarms.Max(a => a.Alarm.ObservedAt) : DateTimeOffset.UnixEpoch;
            var labelled = FeedbackFile.ToAlarms(corrections.Value!, after);
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"learning also from {corrections.Value!.Count:N0} operators' corrections ({labelled.Count:N0} alarms) in {feedbackFile}"));
            storm = storm with { Alarms = [.. storm.Alarms, .. labelled] };
        }

        if (options.TypeAffinityFile is { } affinityFile && !await TrainTypeAffinityAsync(storm, affinityFile, options.Window, output, error))
        {
            return ExitCodes.BadInput;
        }

        if (options.SignatureFile is { } signatureFile && !await TrainSignaturesAsync(storm, signatureFile, options, output, error))
        {
            return ExitCodes.BadInput;
        }

        return ExitCodes.Ok;
    }

    private static async Task<bool> TrainTypeAffinityAsync(Storm storm, string path, TimeSpan window, TextWriter output, TextWriter error)
    {
        var affinity = TypeAffinity.Learn([.. storm.Alarms.Select(a => (a.Alarm.AlarmType, a.Alarm.ObservedAt, a.Group!))], window);
        if (!await TryWriteAsync(path, () =>
        {
            using var file = File.Create(path);
            affinity.Save(file);
        }, error))
        {
            return false;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{path}: type affinity of {affinity.PairCount:N0} alarm-type pairs from {storm.Alarms.Count:N0} alarms (pairs within {window})"));
        return true;
    }

    private static async Task<bool> TrainSignaturesAsync(Storm storm, string path, TrainOptions options, TextWriter output, TextWriter error)
    {
        var inv = CultureInfo.InvariantCulture;
        await error.WriteLineAsync(string.Create(inv, $"fitting up to {options.Clusters:N0} signatures to {storm.Alarms.Count:N0} alarms (seed {options.Seed})"));
        var model = SignatureModel.Fit(storm.Alarms.Select(a => (a.Alarm.AlarmType, a.Alarm.Summary)), options.Clusters, options.Seed);

        await error.WriteLineAsync(string.Create(inv, $"learning the affinity of {model.Clusters:N0} signatures over pairs within {options.Window}"));
        var affinity = SignatureAffinity.Learn(
            [.. storm.Alarms.Select(a => (model.Signature(a.Alarm.AlarmType, a.Alarm.Summary), a.Alarm.ObservedAt, a.Group!))], options.Window);

        await error.WriteLineAsync($"writing {path}");
        if (!await TryWriteAsync(path, () => model.WithAffinity(affinity).Save(path), error))
        {
            return false;
        }

        await output.WriteLineAsync(string.Create(inv,
            $"{path}: {model.Clusters:N0} signatures of {model.Templates:N0} distinct summaries in {model.TrainingRows:N0} alarms, affinity of {affinity.KnownPairs:N0} signature pairs (pairs within {options.Window})"));
        return true;
    }

    private static async Task<bool> TryWriteAsync(string path, Action write, TextWriter error)
    {
        try
        {
            write();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{path}: cannot write the model: {InputFiles.Reason(ex)}");
            return false;
        }
    }

    private static TrainOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        string? storm = null, typeAffinity = null, signatures = null, feedback = null;
        var window = DefaultWindow;
        int? clusters = null, seed = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (storm is not null)
                {
                    problem = $"one storm file at a time: '{storm}' and '{args[i]}' were both given";
                    return null;
                }

                storm = args[i];
                continue;
            }

            if (!OptionReader.TryRead(args, ref i, out var name, out var value, out problem))
            {
                return null;
            }

            switch (name)
            {
                case "--out":
                    typeAffinity = value;
                    break;
                case "--feedback":
                    feedback = value;
                    break;
                case "--signatures":
                    signatures = value;
                    break;
                case "--window" when TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero:
                    window = parsed;
                    break;
                case "--window":
                    problem = $"--window: '{value}' is not a positive duration such as 00:02:00";
                    return null;
                case "--clusters" when int.TryParse(value, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= SignatureModel.MaxClusters:
                    clusters = k;
                    break;
                case "--clusters":
                    problem = $"--clusters: '{value}' is not a whole number from 1 to {SignatureModel.MaxClusters}";
                    return null;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var s) && s >= 0:
                    seed = s;
                    break;
                case "--seed":
                    problem = $"--seed: '{value}' is not a whole number of 0 or more";
                    return null;
                default:
                    problem = $"unknown option {name}";
                    return null;
            }
        }

        problem = (storm is null && feedback is null) || (typeAffinity is null && signatures is null)
            ? "a storm file (or --feedback <file>, or both) and --out <affinity.json>, --signatures <model.zip> or both are needed"
            : signatures is null && (clusters is not null || seed is not null)
                ? "--clusters and --seed apply to the signature model: give --signatures <model.zip>"
                : null;
        return problem is null
            ? new TrainOptions(storm, feedback, typeAffinity, signatures, window, clusters ?? SignatureModel.DefaultClusters, seed ?? 0)
            : null;
    }

    private sealed record TrainOptions(string? Storm, string? Feedback, string? TypeAffinityFile, string? SignatureFile, TimeSpan Window, int Clusters, int Seed);
}

using System.Globalization;
using Correlation.Cli.Baselines;
using Correlation.Cli.Datasets;
using Correlation.Cli.Engine;
using Correlation.Cli.Evaluation;
using Correlation.Cli.Feedback;
using Correlation.Ingest.Replay;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;
using Correlation.Cli.Storms;
using Correlation.Correlator.Learning;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Cli.Commands;

/// <summary>
/// <c>correlation evaluate</c>: reads a recorded storm or the Huawei dataset, runs every method over
/// it and prints their figures as a table.
/// </summary>
public static class EvaluateCommand
{
    public static async Task<int> RunAsync(EvaluateOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);

        EvaluationInput? input = null;
        var topology = NetworkTopology.Empty;
        if (options.FeedbackFile is null)
        {
            (input, topology) = options.HuaweiFolder is { } folder ? LoadHuawei(folder, options, progress) : LoadStorm(options.StormFile!, options, progress);
            if (input is null)
            {
                return ExitCodes.BadInput;
            }
        }
        else if (LoadTopology(options, progress) is { } cmdb)
        {
            topology = cmdb;
        }
        else
        {
            return ExitCodes.BadInput;
        }

        var (rulesLoaded, rules) = await TryLoadRulesAsync(options.RulesFile, progress);
        var (activeLoaded, activeRules) = await TryLoadRulesAsync(options.ActiveRulesFile, progress);
        if (!rulesLoaded || !activeLoaded)
        {
            return ExitCodes.BadInput;
        }

        var affinity = TypeAffinity.None;
        if (options.AffinityFile is { } model)
        {
            try
            {
                await using var file = File.OpenRead(model);
                affinity = TypeAffinity.Load(file, model);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await progress.WriteLineAsync(ex is InvalidDataException ? ex.Message : $"{model}: {InputFiles.Reason(ex)}");
                return ExitCodes.BadInput;
            }
        }

        SignatureModel? signatures = null;
        if (options.SignaturesFile is { } signaturesFile)
        {
            try
            {
                signatures = SignatureModel.Load(signaturesFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await progress.WriteLineAsync(ex is InvalidDataException ? ex.Message : $"{signaturesFile}: {InputFiles.Reason(ex)}");
                return ExitCodes.BadInput;
            }
        }

        if (options.FeedbackFile is { } feedbackFile)
        {
            var read = FeedbackFile.Read(feedbackFile);
            foreach (var problem in read.Errors)
            {
                await progress.WriteLineAsync(problem.ToString());
            }

            if (!read.IsValid)
            {
                return ExitCodes.BadInput;
            }

            var engine = new EngineAssigner(topology, rules ?? new ScoringOptions(), new Learned(affinity, signatures));
            var agreement = await FeedbackEvaluation.RunAsync(read.Value!, engine, cancellationToken);
            await output.WriteAsync(FeedbackEvaluation.ToText(feedbackFile, options.RulesFile is { } r ? $"the engine with {r}" : "the engine", agreement));
            return ExitCodes.Ok;
        }

        var storm = input!;
        IReadOnlyList<IIncidentAssigner> methods = options.Shadow
            ?
            [
                new EngineAssigner(topology, activeRules ?? new ScoringOptions(), new Learned(affinity, signatures), "active rules"),
                new EngineAssigner(topology, rules!, new Learned(affinity, signatures), "candidate rules"),
            ]
            : EvaluationMethods.For(options, topology, new Learned(affinity, signatures), rules);
        var report = await Evaluator.RunAsync(storm, methods, line => progress.WriteLine(line), cancellationToken);
        var errors = (bool markdown) => options.Errors > 0 && storm.Truth is { } truth && methods.OfType<EngineAssigner>().FirstOrDefault() is { } engine
            && report.Methods.FirstOrDefault(m => m.Method == engine.Name)?.Assignment is { } incidents
            ? ErrorAnalysis.Render(storm.Alarms, truth, incidents, engine.Decisions, options.Errors, markdown)
            : "";
        await output.WriteAsync(ReportTable.ToText(report) + ShapeBreakdown.Render(report, markdown: false) + errors(false));

        var written = await WriteReportAsync(options.MarkdownFile,
                () => ReportTable.ToMarkdown(report) + ShapeBreakdown.Render(report, markdown: true) + errors(true), progress, cancellationToken)
            & await WriteReportAsync(options.CsvFile, () => ReportTable.ToCsv(report), progress, cancellationToken);
        return written ? ExitCodes.Ok : ExitCodes.BadInput;
    }

    /// <returns>False when the file is named but cannot be used (each problem printed); the rules when a file is named.</returns>
    private static async Task<(bool Loaded, ScoringOptions? Rules)> TryLoadRulesAsync(string? path, TextWriter progress)
    {
        if (path is null)
        {
            return (true, null);
        }

        try
        {
            return (true, ScoringRules.Load(path));
        }
        catch (RulesValidationException ex)
        {
            foreach (var problem in ex.Problems)
            {
                await progress.WriteLineAsync(problem.ToString());
            }

            return (false, null);
        }
    }

    private static async Task<bool> WriteReportAsync(string? path, Func<string> render, TextWriter progress, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return true;
        }

        try
        {
            await File.WriteAllTextAsync(path, render(), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await progress.WriteLineAsync($"{path}: cannot write the report: {InputFiles.Reason(ex)}");
            return false;
        }
    }

    /// <summary>The CMDB named by --cmdb (the empty topology without it); null when it cannot be loaded, each problem printed.</summary>
    private static NetworkTopology? LoadTopology(EvaluateOptions options, TextWriter progress)
    {
        if (options.CmdbFile is not { } cmdb)
        {
            return NetworkTopology.Empty;
        }

        var loaded = CmdbLoader.TryLoad(cmdb);
        foreach (var problem in loaded.Succeeded ? [] : loaded.Problems.Where(p => p.IsError))
        {
            progress.WriteLine(problem.ToString());
        }

        return loaded.Succeeded ? loaded.Topology! : null;
    }

    private static (EvaluationInput? Input, NetworkTopology Topology) LoadStorm(string path, EvaluateOptions options, TextWriter progress)
    {
        NetworkKnowledge? knowledge = null;
        if (LoadTopology(options, progress) is not { } topology)
        {
            return (null, NetworkTopology.Empty);
        }

        if (options.CmdbFile is { } cmdb)
        {
            knowledge = new NetworkKnowledge((a, b) => topology.HopDistance(a, b), new HashSet<(string Cause, string Effect)>(), string.Create(CultureInfo.InvariantCulture,
                $"topology: {cmdb}, {topology.Devices.Count:N0} devices, {topology.Links.Count:N0} links"));
        }

        var result = StormReader.ReadFile(path, options.MaxErrors,
            lines => progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {lines:N0} lines read")));
        if (!Report(result, progress))
        {
            return (null, topology);
        }

        var storm = result.Value!;
        if (storm.Alarms.Count == 0)
        {
            progress.WriteLine($"{path}: holds no alarms; nothing to evaluate");
            return (null, topology);
        }

        return (new EvaluationInput(path, storm.AlarmsInOrder(), storm.Truth(), knowledge), topology);
    }

    private static (EvaluationInput? Input, NetworkTopology Topology) LoadHuawei(string folder, EvaluateOptions options, TextWriter progress)
    {
        var result = HuaweiMicrowaveDataset.Load(folder, options.MaxErrors);
        if (!Report(result, progress))
        {
            return (null, NetworkTopology.Empty);
        }

        var dataset = result.Value!;
        if (dataset.Alarms.Count == 0)
        {
            progress.WriteLine($"{Path.Combine(folder, HuaweiMicrowaveDataset.AlarmFile)}: holds no alarms; nothing to evaluate");
            return (null, NetworkTopology.Empty);
        }

        var topology = BuildTopology(dataset.Links, progress);
        if (topology is null)
        {
            return (null, NetworkTopology.Empty);
        }

        var knowledge = new NetworkKnowledge((a, b) => topology.HopDistance(a, b), dataset.CausalEdges, string.Create(CultureInfo.InvariantCulture,
            $"topology: {topology.Devices.Count:N0} linked devices, {dataset.Links.Count:N0} links; causal graph: {dataset.CausalEdges.Count:N0} edges between alarm types"));
        return (new EvaluationInput($"{HuaweiMicrowaveDataset.SourceName} ({folder})", dataset.Alarms, null, knowledge), topology);
    }

    private static NetworkTopology? BuildTopology(IReadOnlyList<(string A, string B)> links, TextWriter progress)
    {
        if (LinkTopology.TryBuild(links, out var topology, out var problems))
        {
            return topology;
        }

        foreach (var problem in problems.Where(p => p.IsError))
        {
            progress.WriteLine(problem.ToString());
        }

        return null;
    }

    private static bool Report<T>(InputResult<T> result, TextWriter progress)
        where T : class
    {
        if (result.IsValid)
        {
            return true;
        }

        foreach (var error in result.Errors)
        {
            progress.WriteLine(error.ToString());
        }

        if (result.StoppedEarly)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped reading after {result.Errors.Count} problems; fix these and run again (--max-errors raises the limit)"));
        }

        return false;
    }
}

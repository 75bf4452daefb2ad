using System.Diagnostics;
using System.Globalization;
using Correlation.Cli.Baselines;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Evaluation;

/// <summary>Runs each method over a storm and scores its grouping with every figure the storm allows.</summary>
public static class Evaluator
{
    public const int ProgressEvery = 10_000;

    /// <param name="progress">Receives progress lines for long runs (the command sends them to stderr).</param>
    public static async Task<EvaluationReport> RunAsync(
        EvaluationInput input,
        IEnumerable<IIncidentAssigner> methods,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(methods);
        if (input.Truth is { } truth && truth.Count != input.Alarms.Count)
        {
            throw new ArgumentException($"{input.Alarms.Count} alarms but {truth.Count} truth labels", nameof(input));
        }

        var devices = input.Knowledge is null ? null : input.Alarms.Select(a => a.Resource).ToArray();
        var types = input.Knowledge is null ? null : input.Alarms.Select(a => a.AlarmType).ToArray();
        var total = input.Alarms.Count;
        var results = new List<MethodResult>();
        foreach (var method in methods)
        {
            var started = Stopwatch.GetTimestamp();
            var incidents = await method.AssignAllAsync(
                input.Alarms,
                done => progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{method.Name}: {done:N0}/{total:N0} alarms")),
                ProgressEvery,
                cancellationToken);

            var result = new MethodResult(
                method.Name,
                IncidentStatistics.Of(incidents),
                input.Truth is null ? null : ClusteringAgreement.Compare(input.Truth, incidents),
                input.Knowledge is null ? null : TopologyProxy.Measure(devices!, incidents, input.Knowledge.Hops),
                input.Knowledge is null ? null : CausalProxy.Measure(types!, incidents, input.Knowledge.CausalEdges),
                Stopwatch.GetElapsedTime(started),
                incidents);
            results.Add(result);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{method.Name}: {result.Incidents.Incidents:N0} incidents from {total:N0} alarms in {result.Elapsed.TotalSeconds:F1} s"));
        }

        // The storm as one incident joins every pair: its two-hop share is what blind joining reaches.
        var chance = input.Knowledge is null ? null : TopologyProxy.Measure(devices!, Enumerable.Repeat("storm", total).ToArray(), input.Knowledge.Hops);
        return new EvaluationReport(input, input.Truth is null ? null : IncidentStatistics.Of(input.Truth), chance, results);
    }
}

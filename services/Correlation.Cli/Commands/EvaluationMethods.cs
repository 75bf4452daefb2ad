using Correlation.Cli.Baselines;
using Correlation.Cli.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Cli.Commands;

/// <summary>The methods <c>correlation evaluate</c> scores, in the order the table lists them.</summary>
public static class EvaluationMethods
{
    /// <param name="options">The command's options.</param>
    /// <param name="topology">The network the storm happened on (empty when none was given).</param>
    /// <param name="learned">What `correlation train` learned, or <see cref="Learned.None"/>.</param>
    /// <param name="rules">The engine's scoring settings (from --rules), or null for the defaults.</param>
    public static IReadOnlyList<IIncidentAssigner> For(EvaluateOptions options, NetworkTopology topology, Learned learned, ScoringOptions? rules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topology);
        // The baselines stay in every report, so it always shows what the engine has to beat.
        return
        [
            new EngineAssigner(topology, rules ?? new ScoringOptions(), learned),
            new FingerprintAssigner(),
            new FixedWindowAssigner(options.Window),
            new AlertmanagerStyleAssigner(options.GroupBy, options.GroupInterval, options.ResolveTimeout),
            new AlecStyleAssigner(topology),
        ];
    }
}

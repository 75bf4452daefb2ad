using Correlation.Cli.Baselines;

namespace Correlation.Cli.Commands;

/// <summary>The methods <c>correlation evaluate</c> scores, in the order the table lists them.</summary>
public static class EvaluationMethods
{
    public static IReadOnlyList<IIncidentAssigner> For(EvaluateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The correlation engine is appended here, as one more IIncidentAssigner, once it exists;
        // the baselines stay so every report shows what it has to beat.
        return
        [
            new FingerprintAssigner(),
            new FixedWindowAssigner(options.Window),
            new AlertmanagerStyleAssigner(options.GroupBy, options.GroupInterval, options.ResolveTimeout),
        ];
    }
}

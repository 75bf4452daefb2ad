using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Live;

/// <summary>
/// The models learned offline by `correlation train`, loaded once at start (never fitted here):
/// today the alarm-type affinity, from Correlator:AffinityPath when set. A file that does not load
/// stops the start with the reason, rather than correlating without what the operator configured.
/// </summary>
public sealed class LearnedModels
{
    public LearnedModels(IOptions<CorrelatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Value.AffinityPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }

        using var stream = File.OpenRead(path);
        Affinity = TypeAffinity.Load(stream, path);
        Versions = [$"type-affinity/{TypeAffinity.FormatVersion} {Path.GetFileName(path)} ({Affinity.PairCount} pairs)"];
    }

    public TypeAffinity? Affinity { get; }

    /// <summary>What each loaded model is, for the decision records.</summary>
    public IReadOnlyList<string> Versions { get; } = [];
}

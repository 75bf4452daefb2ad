using System.Globalization;
using Correlation.Correlator.Learning;
using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Live;

/// <summary>
/// The models learned offline by `correlation train`, loaded once at start (never fitted here): the
/// alarm-type affinity (Correlator:AffinityPath) and the ML.NET signature model with its signature
/// affinity (Correlator:SignaturesPath), each when configured. A file that does not load stops the
/// start with the reason, rather than correlating without what the operator configured.
/// </summary>
public sealed class LearnedModels
{
    public LearnedModels(IOptions<CorrelatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var versions = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Value.AffinityPath))
        {
            var path = options.Value.AffinityPath;
            using var stream = File.OpenRead(path);
            Affinity = TypeAffinity.Load(stream, path);
            versions.Add($"type-affinity/{TypeAffinity.FormatVersion} {Path.GetFileName(path)} ({Affinity.PairCount} pairs)");
        }

        if (!string.IsNullOrWhiteSpace(options.Value.SignaturesPath))
        {
            var path = options.Value.SignaturesPath;
            Signatures = SignatureModel.Load(path);
            versions.Add(string.Create(CultureInfo.InvariantCulture,
                $"signatures/1 {Path.GetFileName(path)} ({Signatures.Clusters} clusters from {Signatures.TrainingRows} alarms, {Signatures.CreatedAt:yyyy-MM-dd})"));
        }

        Versions = versions;
    }

    public TypeAffinity? Affinity { get; }

    public SignatureModel? Signatures { get; }

    /// <summary>Both, as scoring takes them.</summary>
    public Learned ForScoring => new(Affinity, Signatures);

    /// <summary>What each loaded model is, for the decision records.</summary>
    public IReadOnlyList<string> Versions { get; }
}

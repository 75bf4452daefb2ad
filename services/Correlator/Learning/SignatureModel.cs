namespace Correlation.Correlator.Learning;

/// <summary>
/// Alarm signatures learned from recorded history: alarms whose type and summary differ only in what
/// varies per instance (devices, addresses, interfaces, numbers) share a signature, a KMeans cluster of
/// their featurised type and summary template. Fitted offline with ML.NET by <c>correlation train</c>,
/// saved as one versioned file with the <see cref="SignatureAffinity"/> learned with it, and loaded at
/// start; never fitted on the hot path.
/// </summary>
/// <remarks>
/// Prediction does not run ML.NET: the fitted featurisation and centroids are read out into plain
/// tables that never change after loading, so <see cref="Signature"/> and <see cref="Similarity"/> are
/// thread-safe and cost about a microsecond, where ML.NET's PredictionEngine is not thread-safe.
/// </remarks>
public sealed class SignatureModel
{
    public const int DefaultClusters = 32;

    /// <summary>Most clusters a model may have: each prediction weighs every one of them.</summary>
    public const int MaxClusters = 1000;

    private readonly SignatureManifest _manifest;
    private readonly byte[] _pipeline;
    private readonly SignatureFeaturizer _featurizer;
    private readonly SignatureCentroids _centroids;

    private SignatureModel(SignatureManifest manifest, byte[] pipeline, SignatureFeaturizer featurizer, SignatureCentroids centroids,
        SignatureAffinity affinity)
    {
        _manifest = manifest;
        _pipeline = pipeline;
        _featurizer = featurizer;
        _centroids = centroids;
        Affinity = affinity;
    }

    /// <summary>k: signatures are 0 to <c>Clusters - 1</c>.</summary>
    public int Clusters => _centroids.Count;

    /// <summary>Alarms in the history the model was fitted on.</summary>
    public long TrainingRows => _manifest.TrainingRows;

    /// <summary>Distinct (alarm type, summary template) pairs in that history: what was clustered.</summary>
    public int Templates => _manifest.Templates;

    public DateTimeOffset CreatedAt => _manifest.CreatedAt;

    /// <summary>How often signatures raised close together shared an incident; <see cref="SignatureAffinity.None"/> until learned.</summary>
    public SignatureAffinity Affinity { get; }

    /// <summary>
    /// Fits signatures to a history of alarms. KMeans clusters the distinct (type, template) pairs, so
    /// a chatty alarm repeated thousands of times weighs as much as one raised once; k is
    /// <paramref name="clusters"/>, or fewer when the history has fewer distinct pairs.
    /// </summary>
    /// <param name="time">Stamps the model's creation; the system clock when null.</param>
    /// <exception cref="ArgumentException">The history has no alarms.</exception>
    public static SignatureModel Fit(IEnumerable<(string AlarmType, string Summary)> history, int clusters = DefaultClusters, int seed = 0,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusters, MaxClusters);
        var seen = new HashSet<(string, string)>();
        var templates = new List<(string AlarmType, string Template)>();
        long rows = 0;
        foreach (var (alarmType, summary) in history)
        {
            ArgumentNullException.ThrowIfNull(alarmType, nameof(history));
            rows++;
            var template = (alarmType, SummaryTemplate.Of(summary));
            if (seen.Add(template))
            {
                templates.Add(template);
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException("the history has no alarms to learn signatures from", nameof(history));
        }

        var k = Math.Min(clusters, templates.Count);
        var pipeline = SignaturePipeline.Fit(templates, k, seed);
        var (featurizer, centroids) = SignaturePipeline.Read(pipeline);
        var manifest = new SignatureManifest(SignatureModelFile.Format, k, rows, templates.Count, seed, (time ?? TimeProvider.System).GetUtcNow());
        return new SignatureModel(manifest, pipeline, featurizer, centroids, SignatureAffinity.None);
    }

    /// <summary>This model with an affinity learned from its own signatures, to be saved with it.</summary>
    /// <exception cref="ArgumentException">The affinity names a signature this model does not have.</exception>
    public SignatureModel WithAffinity(SignatureAffinity affinity)
    {
        ArgumentNullException.ThrowIfNull(affinity);
        if (affinity.HighestSignature >= Clusters)
        {
            throw new ArgumentException($"the affinity names signature {affinity.HighestSignature}; this model has {Clusters}", nameof(affinity));
        }

        return new SignatureModel(_manifest, _pipeline, _featurizer, _centroids, affinity);
    }

    /// <summary>The alarm's signature, 0 to <see cref="Clusters"/> - 1. Thread-safe.</summary>
    public int Signature(string alarmType, string? summary)
    {
        ArgumentNullException.ThrowIfNull(alarmType);
        Span<int> slots = stackalloc int[SignatureFeaturizer.MaxSlots];
        Span<float> values = stackalloc float[SignatureFeaturizer.MaxSlots];
        var count = _featurizer.Featurize(alarmType, SummaryTemplate.Of(summary), slots, values);
        return _centroids.Nearest(slots[..count], values[..count]);
    }

    /// <summary>
    /// Cosine similarity, 0 to 1, of two alarms' featurised type and summary: 1 for the same type and
    /// template, 0 when they share neither type nor any known word. Thread-safe.
    /// </summary>
    public double Similarity(string alarmTypeA, string? summaryA, string alarmTypeB, string? summaryB)
    {
        ArgumentNullException.ThrowIfNull(alarmTypeA);
        ArgumentNullException.ThrowIfNull(alarmTypeB);
        Span<int> slotsA = stackalloc int[SignatureFeaturizer.MaxSlots];
        Span<float> valuesA = stackalloc float[SignatureFeaturizer.MaxSlots];
        Span<int> slotsB = stackalloc int[SignatureFeaturizer.MaxSlots];
        Span<float> valuesB = stackalloc float[SignatureFeaturizer.MaxSlots];
        var a = _featurizer.Featurize(alarmTypeA, SummaryTemplate.Of(summaryA), slotsA, valuesA);
        var b = _featurizer.Featurize(alarmTypeB, SummaryTemplate.Of(summaryB), slotsB, valuesB);
        return Cosine(slotsA[..a], valuesA[..a], slotsB[..b], valuesB[..b]);
    }

    /// <summary>Writes the model and its affinity as one versioned file (see <see cref="SignatureModelFile"/>).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SignatureModelFile.Write(path, _manifest, _pipeline, Affinity.ToJson());
    }

    /// <exception cref="InvalidDataException">
    /// The file is not a signature model of a format version this code reads, or is damaged; the message
    /// names the file and what is wrong.
    /// </exception>
    public static SignatureModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (manifest, pipeline, affinityJson) = SignatureModelFile.Read(path);
        SignatureFeaturizer featurizer;
        SignatureCentroids centroids;
        try
        {
            (featurizer, centroids) = SignaturePipeline.Read(pipeline);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{path}: {SignatureModelFile.ModelEntry} is not a signature pipeline: {ex.Message}", ex);
        }

        if (centroids.Count != manifest.Clusters || manifest.Clusters > MaxClusters)
        {
            throw new InvalidDataException($"{path}: the manifest says {manifest.Clusters} clusters and the model has {centroids.Count} (at most {MaxClusters})");
        }

        var affinity = SignatureAffinity.FromJson(affinityJson, path, centroids.Count);
        return new SignatureModel(manifest, pipeline, featurizer, centroids, affinity);
    }

    private static double Cosine(ReadOnlySpan<int> slotsA, ReadOnlySpan<float> valuesA, ReadOnlySpan<int> slotsB, ReadOnlySpan<float> valuesB)
    {
        double dot = 0;
        for (int i = 0, j = 0; i < slotsA.Length && j < slotsB.Length;)
        {
            if (slotsA[i] == slotsB[j])
            {
                dot += valuesA[i++] * valuesB[j++];
            }
            else if (slotsA[i] < slotsB[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        var norms = Math.Sqrt(SumOfSquares(valuesA) * SumOfSquares(valuesB));
        return norms == 0 ? 0 : dot / norms;
    }

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value * value;
        }

        return sum;
    }
}

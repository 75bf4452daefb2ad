using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Correlation.Correlator.Learning;

/// <summary>
/// The ML.NET side of the signature model: fits the pipeline (a one-hot of the alarm type and word
/// n-grams of the summary template, concatenated, then KMeans) and reads a saved one back into the
/// plain tables that <see cref="SignatureModel"/> predicts with.
/// </summary>
internal static class SignaturePipeline
{
    private const string TypeColumn = "AlarmType";
    private const string TemplateColumn = "Summary";
    private const string TypeVector = "TypeVector";
    private const string TextVector = "TextVector";
    private const string Features = "Features";

    /// <summary>Fits on distinct (alarm type, template) rows and returns the model as ML.NET saves it.</summary>
    public static byte[] Fit(IReadOnlyList<(string AlarmType, string Template)> rows, int clusters, int seed)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { AlarmType = r.AlarmType, Summary = r.Template }));
        var text = new TextFeaturizingEstimator.Options
        {
            // SummaryTemplate has already lower-cased the words and taken out all but letters and
            // placeholders; ML.NET must leave them exactly so, or prediction would see other words.
            CaseMode = TextNormalizingEstimator.CaseMode.None,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Categorical.OneHotEncoding(TypeVector, TypeColumn)
            .Append(ml.Transforms.Text.FeaturizeText(TextVector, text, TemplateColumn))
            .Append(ml.Transforms.Concatenate(Features, TypeVector, TextVector))
            .Append(ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = Features,
                NumberOfClusters = clusters,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                // More threads give no guarantee of the same model from the same history and seed.
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);
        using var saved = new MemoryStream();
        ml.Model.Save(model, data.Schema, saved);
        return saved.ToArray();
    }

    /// <summary>Loads a saved pipeline and reads out its featurisation and centroids.</summary>
    /// <exception cref="FormatException">The bytes are not a signature pipeline ML.NET can load.</exception>
    public static (SignatureFeaturizer Featurizer, SignatureCentroids Centroids) Read(byte[] model)
    {
        var ml = new MLContext();
        ITransformer loaded;
        DataViewSchema input;
        try
        {
            loaded = ml.Model.Load(new MemoryStream(model, writable: false), out input);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or FormatException or ArgumentException)
        {
            throw new FormatException($"ML.NET cannot load it: {ex.Message}", ex);
        }

        var output = loaded.GetOutputSchema(input);
        var featurizer = new SignatureFeaturizer(SlotNames(output, TypeVector), SlotNames(output, TextVector));
        if (loaded is not TransformerChain<ITransformer> { LastTransformer: IPredictionTransformer<object> { Model: KMeansModelParameters kmeans } })
        {
            throw new FormatException("it does not end in a KMeans model");
        }

        VBuffer<float>[] centroids = [];
        kmeans.GetClusterCentroids(ref centroids, out var count);
        return (featurizer, new SignatureCentroids([.. centroids.Take(count).Select(c => c.DenseValues().ToArray())], featurizer.Length));
    }

    private static string[] SlotNames(DataViewSchema schema, string column)
    {
        if (schema.GetColumnOrNull(column) is not { } found || !found.HasSlotNames())
        {
            throw new FormatException($"it has no named {column} column");
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        found.GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    private sealed class Row
    {
        public string AlarmType { get; set; } = "";

        public string Summary { get; set; } = "";
    }
}

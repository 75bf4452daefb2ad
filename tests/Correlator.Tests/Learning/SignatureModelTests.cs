using System.IO.Compression;
using System.Text.Json.Nodes;
using Correlation.Correlator.Learning;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;

namespace Correlation.Correlator.Tests.Learning;

public class SignatureModelTests
{
    private static readonly DateTimeOffset Fitted = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private SignatureModel _model = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public void FitOnce() => _model = SignatureModel.Fit(AlarmHistory.Varied(20), seed: 7, time: new FakeTimeProvider(Fitted));

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "signature-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Alarms_differing_only_in_names_numbers_interfaces_and_addresses_share_a_signature_and_other_kinds_do_not()
    {
        var seen = AlarmHistory.Varied(20);
        var unseen = AlarmHistory.Varied(5, from: 500);

        var byKind = seen.Concat(unseen).GroupBy(a => a.AlarmType).ToDictionary(g => g.Key, g => g.Select(a => _model.Signature(a.AlarmType, a.Summary)).Distinct().ToList());

        Assert.That(byKind.Values, Has.All.Count.EqualTo(1), "one signature per kind");
        Assert.That(byKind.Values.Select(s => s[0]).Distinct().Count(), Is.EqualTo(AlarmHistory.Kinds), "a different signature for each kind");
    }

    [Test]
    public void Clusters_are_capped_by_the_distinct_templates_in_the_history()
    {
        Assert.That(_model.Templates, Is.EqualTo(AlarmHistory.Kinds));
        Assert.That(_model.Clusters, Is.EqualTo(AlarmHistory.Kinds));
        Assert.That(_model.TrainingRows, Is.EqualTo(20 * AlarmHistory.Kinds));
        Assert.That(_model.CreatedAt, Is.EqualTo(Fitted));
    }

    [Test]
    public void With_fewer_clusters_than_templates_alarms_worded_alike_share_a_signature_before_unrelated_ones()
    {
        var history = AlarmHistory.Varied(10);
        history.AddRange(history.Where(a => a.AlarmType == "link_down").Select(a => (a.AlarmType, "cleared: " + a.Summary)).ToList());

        var model = SignatureModel.Fit(history, clusters: AlarmHistory.Kinds, seed: 3);

        Assert.That(model.Templates, Is.EqualTo(AlarmHistory.Kinds + 1));
        Assert.That(model.Signature("link_down", "cleared: s001-rtr-01: interface Gi0/3 down, peer 10.0.0.1"),
            Is.EqualTo(model.Signature("link_down", "s001-rtr-01: interface Gi0/3 down, peer 10.0.0.1")));
        Assert.That(history.Select(a => model.Signature(a.AlarmType, a.Summary)).Distinct().Count(), Is.EqualTo(AlarmHistory.Kinds));
    }

    [Test]
    public void The_same_history_and_seed_fit_the_same_signatures()
    {
        var again = SignatureModel.Fit(AlarmHistory.Varied(20), seed: 7);

        Assert.That(AlarmHistory.Varied(20).Select(a => again.Signature(a.AlarmType, a.Summary)),
            Is.EqualTo(AlarmHistory.Varied(20).Select(a => _model.Signature(a.AlarmType, a.Summary))));
    }

    [Test]
    public void A_saved_model_loads_back_with_the_same_signatures_and_facts()
    {
        var file = Path.Combine(_folder, "signatures.zip");
        _model.Save(file);

        var loaded = SignatureModel.Load(file);

        List<(string AlarmType, string Summary)> alarms = [.. AlarmHistory.Varied(20), .. AlarmHistory.Varied(5, from: 900), ("never_seen", "nothing like it")];
        Assert.That(alarms.Select(a => loaded.Signature(a.AlarmType, a.Summary)), Is.EqualTo(alarms.Select(a => _model.Signature(a.AlarmType, a.Summary))));
        Assert.That((loaded.Clusters, loaded.Templates, loaded.TrainingRows, loaded.CreatedAt),
            Is.EqualTo((_model.Clusters, _model.Templates, _model.TrainingRows, _model.CreatedAt)));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { file }), "one file, and no partial file left behind");
    }

    [Test]
    public void Signatures_agree_with_the_saved_ML_NET_pipeline_also_for_unseen_types_and_words()
    {
        var engine = SavedPipeline();
        var alarms = AlarmHistory.Varied(20)
            .Concat([("never_seen", "interface Gi0/1 down"), ("link_down", "words never seen"), ("high_cpu", ""), ("disk_full", "CPU above 90% full")]);

        Assert.Multiple(() =>
        {
            foreach (var (alarmType, summary) in alarms)
            {
                var expected = engine.Predict(new PipelineInput { AlarmType = alarmType, Summary = SummaryTemplate.Of(summary) });
                var signature = _model.Signature(alarmType, summary);
                // ML.NET labels clusters from 1; an exact tie between two centroids may go either way.
                Assert.That(signature == expected.PredictedLabel - 1 || expected.Score[signature] == expected.Score[expected.PredictedLabel - 1], Is.True,
                    $"{alarmType} '{summary}': {signature}, ML.NET {expected.PredictedLabel - 1}");
            }
        });
    }

    [TestCase("link_down", "s001-rtr-01: interface Gi0/1 down, peer 10.0.0.1", "link_down", "peer 10.0.0.1 down interface Gi0/1 s001-rtr-01")]
    [TestCase("link_down", "interface Gi0/1 down", "high_cpu", "interface Gi0/1 down, CPU above 90% for 5 minutes")]
    [TestCase("never_seen", "CPU above 90% for 5 minutes, CPU above", "high_cpu", "above 90% CPU")]
    [TestCase("disk_full", "/var on db-0001 is 95% full", "disk_full", "full full full /var, unknown words")]
    public void The_featurisation_agrees_with_the_saved_ML_NET_pipeline(string typeA, string summaryA, string typeB, string summaryB)
    {
        var engine = SavedPipeline();
        var a = engine.Predict(new PipelineInput { AlarmType = typeA, Summary = SummaryTemplate.Of(summaryA) }).Features;
        var b = engine.Predict(new PipelineInput { AlarmType = typeB, Summary = SummaryTemplate.Of(summaryB) }).Features;
        var cosine = a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));

        Assert.That(_model.Similarity(typeA, summaryA, typeB, summaryB), Is.EqualTo(cosine).Within(1e-6));
    }

    [Test]
    public void Similarity_is_one_for_the_same_template_and_zero_for_nothing_shared()
    {
        Assert.That(_model.Similarity("high_cpu", "s001-asw-01: CPU above 91% for 5 minutes", "high_cpu", "s777-asw-04: CPU above 85% for 2 minutes"),
            Is.EqualTo(1).Within(1e-6));
        Assert.That(_model.Similarity("high_cpu", "CPU above", "disk_full", "/var on db-0001 full"), Is.Zero);
        Assert.That(_model.Similarity("high_cpu", "CPU above 90%", "link_down", "CPU above 90% for 5 minutes"), Is.GreaterThan(0).And.LessThan(1));
    }

    [Test]
    public void Signatures_are_the_same_when_many_threads_ask_at_once()
    {
        var alarms = AlarmHistory.Varied(200);
        var expected = alarms.Select(a => _model.Signature(a.AlarmType, a.Summary)).ToArray();
        var actual = new int[alarms.Count];

        Parallel.For(0, alarms.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = _model.Signature(alarms[i].AlarmType, alarms[i].Summary));

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void A_history_without_alarms_cannot_be_fitted()
    {
        Assert.Throws<ArgumentException>(() => SignatureModel.Fit([]));
    }

    [Test]
    public void A_file_of_an_unknown_format_version_is_refused_naming_file_and_version()
    {
        var file = Path.Combine(_folder, "signatures.zip");
        _model.Save(file);
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            JsonNode manifest;
            using (var stream = entry.Open())
            {
                manifest = JsonNode.Parse(stream)!;
            }

            entry.Delete();
            manifest["format"] = "signatures/9";
            using var writer = zip.CreateEntry("manifest.json").Open();
            writer.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        }

        var error = Assert.Throws<InvalidDataException>(() => SignatureModel.Load(file));

        Assert.That(error!.Message, Does.StartWith(file + ":").And.Contain("'signatures/9'").And.Contain("signatures/1"));
    }

    [Test]
    public void A_truncated_file_is_refused_naming_the_file()
    {
        var file = Path.Combine(_folder, "signatures.zip");
        _model.Save(file);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => SignatureModel.Load(file));

        Assert.That(error!.Message, Does.StartWith(file + ":").And.Contain("not a signature model file"));
    }

    [Test]
    public void A_file_with_damaged_content_is_refused_naming_the_file()
    {
        var file = Path.Combine(_folder, "signatures.zip");
        _model.Save(file);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<InvalidDataException>(() => SignatureModel.Load(file));

        Assert.That(error!.Message, Does.StartWith(file + ":").And.Contain("damaged"));
    }

    [Test]
    public void A_file_that_is_not_a_model_is_refused_naming_the_file()
    {
        var file = Path.Combine(_folder, "affinity.json");
        File.WriteAllText(file, """{"version": 1}""");

        var error = Assert.Throws<InvalidDataException>(() => SignatureModel.Load(file));

        Assert.That(error!.Message, Does.StartWith(file + ":"));
    }

    /// <summary>The ML.NET pipeline inside a saved model file, to check the model's own featurisation against.</summary>
    private PredictionEngine<PipelineInput, PipelineOutput> SavedPipeline()
    {
        var file = Path.Combine(_folder, "signatures.zip");
        _model.Save(file);
        using var zip = ZipFile.OpenRead(file);
        using var pipeline = new MemoryStream();
        using (var entry = zip.GetEntry("model.zip")!.Open())
        {
            entry.CopyTo(pipeline);
        }

        pipeline.Position = 0;
        var ml = new MLContext();
        return ml.Model.CreatePredictionEngine<PipelineInput, PipelineOutput>(ml.Model.Load(pipeline, out _));
    }

    private sealed class PipelineInput
    {
        public string AlarmType { get; set; } = "";

        public string Summary { get; set; } = "";
    }

    private sealed class PipelineOutput
    {
        public uint PredictedLabel { get; set; }

        public float[] Score { get; set; } = [];

        public float[] Features { get; set; } = [];
    }
}

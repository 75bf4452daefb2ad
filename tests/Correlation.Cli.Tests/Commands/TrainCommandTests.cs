using Correlation.Cli.Commands;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Cli.Tests.Support;
using Correlation.Correlator.Learning;
using Correlation.Correlator.Scoring;

namespace Correlation.Cli.Tests.Commands;

public class TrainCommandTests : CliTest
{
    private async Task<string> GeneratedStormAsync()
    {
        var storm = Folder.Combine("storm.jsonl");
        Assert.That(await RunAsync("generate", "--seed", "3", "--alarms", "400", "--out", storm), Is.EqualTo(ExitCodes.Ok), Err.ToString());
        Out.GetStringBuilder().Clear();
        return storm;
    }

    [Test]
    public async Task Signatures_writes_a_model_that_loads_and_gives_alarms_of_one_kind_one_signature()
    {
        var storm = await GeneratedStormAsync();
        var model = Folder.Combine("signatures.zip");

        var code = await RunAsync("train", storm, "--signatures", model, "--clusters", "12", "--seed", "5");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), Err.ToString());
        var loaded = SignatureModel.Load(model);
        var alarms = StormReader.ReadFile(storm).Value!.Alarms.Select(a => a.Alarm).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Clusters, Is.EqualTo(12));
            Assert.That(loaded.TrainingRows, Is.EqualTo(400));
            Assert.That(loaded.Affinity.Window, Is.EqualTo(TrainCommand.DefaultWindow));
            Assert.That(loaded.Affinity.KnownPairs, Is.GreaterThan(0));
            // Every alarm whose summary differs from another's only in names and numbers shares its signature.
            Assert.That(alarms.GroupBy(a => (a.AlarmType, SummaryTemplate.Of(a.Summary))),
                Has.All.Matches<IGrouping<(string, string), Correlation.Contracts.Alarm>>(g => g.Select(a => loaded.Signature(a.AlarmType, a.Summary)).Distinct().Count() == 1));
            Assert.That(Out.ToString(), Does.Contain($"{model}: 12 signatures of").And.Contain("in 400 alarms"));
            Assert.That(Err.ToString(), Does.Contain("fitting up to 12 signatures to 400 alarms").And.Contain($"writing {model}"));
        });
    }

    [Test]
    public async Task Out_and_signatures_together_write_both_models_with_the_same_window()
    {
        var storm = await GeneratedStormAsync();
        var affinity = Folder.Combine("affinity.json");
        var model = Folder.Combine("signatures.zip");

        var code = await RunAsync("train", storm, "--out", affinity, "--signatures", model, "--window", "00:05:00");

        Assert.That(code, Is.EqualTo(ExitCodes.Ok), Err.ToString());
        await using var file = File.OpenRead(affinity);
        Assert.That(TypeAffinity.Load(file, affinity).Window, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(SignatureModel.Load(model).Affinity.Window, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(SignatureModel.Load(model).Clusters, Is.EqualTo(SignatureModel.DefaultClusters));
        Assert.That(Out.ToString(), Does.Contain("type affinity of").And.Contain("signatures of"));
    }

    [Test]
    public async Task A_missing_storm_file_exits_1_naming_it()
    {
        var code = await RunAsync("train", Folder.Combine("none.jsonl"), "--signatures", Folder.Combine("m.zip"));

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(Err.ToString(), Does.Contain("none.jsonl: file not found"));
        Assert.That(File.Exists(Folder.Combine("m.zip")), Is.False);
    }

    [Test]
    public async Task A_storm_without_alarms_exits_1_saying_so()
    {
        var storm = Folder.File("empty.jsonl", "\n\n");

        var code = await RunAsync("train", storm, "--signatures", Folder.Combine("m.zip"));

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(Err.ToString(), Does.Contain($"{storm}: has no alarms to learn from"));
    }

    [Test]
    public async Task A_storm_without_truth_groups_exits_1_because_the_signature_affinity_needs_them()
    {
        var storm = Folder.File("plain.jsonl", """
            {"observedAt":"2026-03-02T10:00:00Z","resource":"r","alarmType":"t","severity":"major","summary":"s"}
            """);

        var code = await RunAsync("train", storm, "--signatures", Folder.Combine("m.zip"));

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(Err.ToString(), Does.Contain("no \"group\" labels"));
        Assert.That(File.Exists(Folder.Combine("m.zip")), Is.False);
    }

    [Test]
    public async Task A_model_that_cannot_be_written_exits_1_naming_it()
    {
        var storm = await GeneratedStormAsync();
        var model = Path.Combine(Folder.Combine("no-such-folder"), "m.zip");

        var code = await RunAsync("train", storm, "--signatures", model);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(Err.ToString(), Does.Contain($"{model}: cannot write the model"));
    }

    [TestCase("--signatures", "m.zip", "--clusters", "0")]
    [TestCase("--signatures", "m.zip", "--clusters", "1001")]
    [TestCase("--signatures", "m.zip", "--clusters", "many")]
    [TestCase("--signatures", "m.zip", "--seed", "-1")]
    [TestCase("--out", "a.json", "--clusters", "8")]
    [TestCase("--out", "a.json", "--seed", "8")]
    [TestCase("--window", "00:02:00")]
    public async Task Bad_train_options_are_a_usage_error_naming_the_option(params string[] options)
    {
        var code = await RunAsync(["train", "storm.jsonl", .. options]);

        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(Err.ToString(), Does.StartWith("correlation: train: ").And.Contain(options.Length > 2 ? options[2] : "--signatures"));
    }
}

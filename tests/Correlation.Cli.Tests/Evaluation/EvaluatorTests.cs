using Correlation.Cli.Baselines;
using Correlation.Cli.Evaluation;
using Correlation.Cli.Tests.Support;
using Correlation.Contracts;

namespace Correlation.Cli.Tests.Evaluation;

public class EvaluatorTests
{
    /// <summary>Stands where the engine will: any IIncidentAssigner can be scored.</summary>
    private sealed class Oracle(IReadOnlyDictionary<Guid, string> truth) : IIncidentAssigner, IIncidentAssignment
    {
        public string Name => "oracle";

        public IIncidentAssignment Start() => this;

        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default) => ValueTask.FromResult(truth[alarm.Id]);
    }

    [Test]
    public async Task Any_method_is_scored_against_the_truth_and_the_baselines_alongside_it()
    {
        Alarm[] alarms =
        [
            TestAlarms.Raise("leeds-sw-1", "link_down", 0, "leeds"),
            TestAlarms.Raise("leeds-sw-2", "link_down", 1, "leeds"),
            TestAlarms.Raise("york-sw-1", "crc", 1, "york"),
            TestAlarms.Raise("leeds-sw-1", "link_down", 2, "leeds"),
        ];
        string[] truth = ["power", "power", "crc", "power"];
        var oracle = new Oracle(alarms.Zip(truth).ToDictionary(p => p.First.Id, p => p.Second));
        var progress = new List<string>();

        var report = await Evaluator.RunAsync(new EvaluationInput("crafted", alarms, truth, null), [oracle, new FingerprintAssigner()], progress.Add);

        var perfect = report.Methods[0];
        var dedup = report.Methods[1];
        Assert.Multiple(() =>
        {
            Assert.That(report.Truth!.Incidents, Is.EqualTo(2));
            Assert.That(perfect.Agreement!.F1, Is.EqualTo(1.0));
            Assert.That(perfect.Incidents.Compression, Is.EqualTo(0.5));
            Assert.That(dedup.Incidents.Incidents, Is.EqualTo(3));
            Assert.That(dedup.Agreement!.Precision, Is.EqualTo(1.0));
            Assert.That(dedup.Agreement.Recall, Is.EqualTo(1.0 / 3).Within(1e-12));
            Assert.That(perfect.Topology, Is.Null);
            Assert.That(progress, Has.Some.StartsWith("oracle: 2 incidents from 4 alarms"));
        });
    }

    [Test]
    public async Task With_network_knowledge_every_method_gets_the_proxy_figures_and_the_chance_share()
    {
        Alarm[] alarms =
        [
            TestAlarms.Raise("a", "power", 0, "s"),
            TestAlarms.Raise("b", "link_down", 1, "s"),
            TestAlarms.Raise("d", "link_down", 2, "s"),
        ];
        var hops = new LinkGraph([("a", "b"), ("b", "c"), ("c", "d")]);
        var knowledge = new NetworkKnowledge(hops.Hops, new HashSet<(string, string)> { ("power", "link_down") }, "test graph");

        var report = await Evaluator.RunAsync(new EvaluationInput("crafted", alarms, null, knowledge), [new FixedWindowAssigner()]);

        // One incident (site s, one window) of a, b, d: pairs a-b (1 hop), a-d (3), b-d (2), so 2 of 3 are close.
        // Cross-type pairs are the two power-link_down pairs, both a causal edge, as over the whole storm: lift 1.
        var method = report.Methods.Single();
        Assert.Multiple(() =>
        {
            Assert.That(method.Agreement, Is.Null);
            Assert.That(method.Topology!.Share, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(method.Causal!.JoinedFraction, Is.EqualTo(1.0));
            Assert.That(method.Causal.Lift, Is.EqualTo(1.0));
            Assert.That(report.TopologyChance!.Share, Is.EqualTo(2.0 / 3).Within(1e-12));
        });
    }
}

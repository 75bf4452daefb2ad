using Correlation.Cli.Commands;
using Correlation.Cli.Evaluation;
using Correlation.Cli.Generation;

namespace Correlation.Cli.Tests.Evaluation;

public class ShapeBreakdownTests
{
    [Test]
    public void A_merge_of_two_shapes_costs_both_their_precision_and_a_split_costs_recall()
    {
        string[] truth = ["power-1", "power-1", "link-2", "link-2", "noise-3", "noise-4"];
        string[] predicted = ["a", "a", "a", "b", "c", "d"];

        var figures = ShapeBreakdown.Measure(truth, predicted)!.ToDictionary(f => f.Shape);

        Assert.Multiple(() =>
        {
            // Incident a holds power (2) and link (1): 3 pairs, 1 true; both shapes touch all 3 (link touches 2).
            Assert.That(figures["power"].Precision, Is.EqualTo(1.0 / 3).Within(1e-12));
            Assert.That(figures["power"].Recall, Is.EqualTo(1.0));
            Assert.That(figures["link"].Precision, Is.Zero);
            Assert.That(figures["link"].Recall, Is.Zero);
            Assert.That(figures["noise"].F1, Is.EqualTo(1.0), "nothing joined to the noise: nothing wrong");
            Assert.That(figures["power"].Intact, Is.EqualTo(1.0));
            Assert.That(figures["power"].Clean, Is.Zero);
        });
    }

    [Test]
    public void Group_ids_that_do_not_name_shapes_give_no_breakdown()
    {
        string[] truth = ["a1", "b2", "c3", "d4", "e5", "f6"];

        Assert.That(ShapeBreakdown.Measure(truth, truth), Is.Null);
    }

    [Test]
    public void Evaluate_takes_an_error_count_and_generate_a_fault_rate_but_not_with_a_dense_duration()
    {
        var evaluate = EvaluateArguments.Parse(["s.jsonl", "--errors", "5"], out var error);
        var generate = GenerateArguments.Parse(["--out", "s.jsonl", "--faults-per-hour", "0.5"], out var rateError);
        GenerateArguments.Parse(["--out", "s.jsonl", "--faults-per-hour", "2", "--duration", "01:00:00"], out var both);

        Assert.That(error, Is.Null);
        Assert.That(evaluate!.Errors, Is.EqualTo(5));
        Assert.That(rateError, Is.Null);
        Assert.That(generate!.Generation.FaultsPerHour, Is.EqualTo(0.5));
        Assert.That(both, Does.Contain("not both"));
    }

    [Test]
    public void By_default_faults_arrive_at_the_realistic_rate_and_a_duration_packs_them_densely()
    {
        var arriving = StormGenerator.Generate(new GenerationOptions { Seed = 3, Alarms = 1_000, Sites = 30 });
        var dense = StormGenerator.Generate(new GenerationOptions { Seed = 3, Alarms = 1_000, Sites = 30, Duration = TimeSpan.FromHours(1) });

        static double Hours(GeneratedStorm storm) =>
            (storm.Alarms.GroupBy(a => a.Group).Max(g => g.Min(a => a.Alarm.ObservedAt)) - storm.Alarms[0].Alarm.ObservedAt).TotalHours;

        // About one fault per ten sites an hour: the faults of the storm take roughly faults / 3 hours to arrive.
        var expected = arriving.Groups / GenerationOptions.DefaultFaultsPerHour(30);
        Assert.That(Hours(arriving), Is.InRange(expected * 0.6, expected * 1.4));
        Assert.That(Hours(dense), Is.LessThan(1.1));
    }
}

public class ErrorAnalysisTests
{
    [Test]
    public async Task The_error_analysis_names_the_alarm_that_glued_two_true_groups_and_how_it_scored()
    {
        var network = NetworkGenerator.Generate(4, 12);
        var device = network.Devices.First(d => d.Role == Correlation.Topology.DeviceRole.AccessSwitch);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Correlation.Contracts.Alarm[] alarms =
        [
            Support.TestAlarms.Raise(device.Id, "high_cpu", 0, device.SiteId) with { ObservedAt = t0 },
            Support.TestAlarms.Raise(device.Id, "interface_errors", 0, device.SiteId) with { ObservedAt = t0.AddSeconds(10) },
        ];
        string[] truth = ["degradation-1", "link-2"];
        var engine = new Correlation.Cli.Engine.EngineAssigner(network, new Correlation.Correlator.Scoring.ScoringOptions());

        var report = await Evaluator.RunAsync(new EvaluationInput("crafted", alarms, truth, null), [engine]);
        var text = ErrorAnalysis.Render(alarms, truth, report.Methods[0].Assignment!, engine.Decisions, 3, markdown: false);

        Assert.That(engine.Decisions, Has.Count.EqualTo(2));
        Assert.That(text, Does.Contain("largest false merges (1)"));
        Assert.That(text, Does.Contain("line 2 interface_errors on " + device.Id + " (link-2) joined degradation-1: same device"));
    }
}

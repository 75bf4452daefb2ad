using Correlation.Cli.Commands;
using Correlation.Cli.Tests.Support;

namespace Correlation.Cli.Tests.Commands;

public class CliAppTests : CliTest
{
    private const string LabelledStorm = """
        {"observedAt":"2026-03-02T10:00:00Z","resource":"leeds-sw-1","site":"leeds","alarmType":"psu_fail","severity":"critical","summary":"PSU 1 failed","group":"leeds-power"}
        {"observedAt":"2026-03-02T10:00:20Z","resource":"leeds-sw-2","site":"leeds","alarmType":"link_down","severity":"major","summary":"Gi0/1 down","group":"leeds-power"}
        {"observedAt":"2026-03-02T10:01:00Z","resource":"york-sw-1","site":"york","alarmType":"crc_errors","severity":"minor","summary":"CRC errors","group":"york-crc"}
        {"observedAt":"2026-03-02T10:02:00Z","resource":"york-sw-1","site":"york","alarmType":"crc_errors","severity":"minor","summary":"CRC errors","group":"york-crc"}
        {"observedAt":"2026-03-02T10:03:00Z","resource":"leeds-sw-1","site":"leeds","alarmType":"psu_fail","severity":"clear","summary":"PSU 1 back","group":"leeds-power"}
        """;

    [Test]
    public async Task Help_prints_the_usage_and_succeeds()
    {
        Assert.That(await RunAsync("--help"), Is.EqualTo(0));
        Assert.That(Out.ToString(), Does.Contain("correlation evaluate <storm.jsonl>"));
    }

    [TestCase]
    [TestCase("replay")]
    [TestCase("evaluate", "--window", "soon", "storm.jsonl")]
    public async Task A_usage_error_exits_2_with_the_problem_and_the_usage_on_stderr(params string[] args)
    {
        Assert.That(await RunAsync(args), Is.EqualTo(2));
        Assert.That(Err.ToString(), Does.StartWith("correlation: ").And.Contain("usage:"));
        Assert.That(Out.ToString(), Is.Empty);
    }

    [Test]
    public async Task A_labelled_storm_is_scored_for_every_method_and_written_as_markdown_and_csv()
    {
        var storm = Folder.File("storm.jsonl", LabelledStorm);
        var markdown = Folder.Combine("report.md");
        var csv = Folder.Combine("report.csv");

        var code = await RunAsync("evaluate", storm, "--markdown", markdown, "--csv", csv);

        Assert.That(code, Is.EqualTo(0), Err.ToString());
        var table = Out.ToString();
        // The method table, before the per-shape breakdown that follows it.
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeWhile(l => !l.StartsWith("F1 by fault shape", StringComparison.Ordinal)).ToArray();
        var header = lines.Single(l => l.StartsWith("method", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("F1 by fault shape"));
            Assert.That(table, Does.Contain("5 alarms"));
            Assert.That(table, Does.Contain("truth: 2 incidents"));
            Assert.That(header, Does.Contain("precision").And.Contain("recall").And.Contain("F1").And.Contain("ARI"));
            Assert.That(header, Does.Not.Contain("2-hop"));
            // Site windows of five minutes find both incidents exactly.
            Assert.That(lines.Single(l => l.StartsWith("fixed-window 5m", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^4..],
                Is.All.EqualTo("1.000"));
            Assert.That(lines.Count(l => l.StartsWith("engine", StringComparison.Ordinal)
                || l.StartsWith("fingerprint", StringComparison.Ordinal)
                || l.StartsWith("alertmanager alarmType,site", StringComparison.Ordinal)), Is.EqualTo(3));
            // Columns line up: every row is as wide as the header.
            Assert.That(lines.SkipWhile(l => l != header).Select(l => l.Length), Is.All.EqualTo(header.Length));
            Assert.That(File.ReadAllText(markdown), Does.Contain("| method | incidents |").And.Contain("| fixed-window 5m | 2 |"));
            Assert.That(File.ReadAllLines(csv)[0], Does.StartWith("storm,method,incidents,compression,"));
            Assert.That(File.ReadAllLines(csv), Has.Length.EqualTo(6), "a header and one row per method: engine and four baselines");
        });
    }

    [Test]
    public async Task Train_learns_a_type_affinity_model_that_evaluate_then_uses()
    {
        var storm = Folder.File("storm.jsonl", LabelledStorm);
        var model = Folder.Combine("affinity.json");

        var trained = await RunAsync("train", storm, "--out", model, "--window", "00:05:00");
        var evaluated = await RunAsync("evaluate", storm, "--affinity", model);

        Assert.That(trained, Is.EqualTo(0), Err.ToString());
        Assert.That(Out.ToString(), Does.Contain("type affinity of").And.Contain("from 5 alarms"));
        await using (var file = File.OpenRead(model))
        {
            var affinity = Correlation.Correlator.Scoring.TypeAffinity.Load(file, model);
            Assert.That(affinity.Of("psu_fail", "link_down"), Is.GreaterThan(0.5));
            Assert.That(affinity.Of("psu_fail", "crc_errors"), Is.LessThan(0.5));
        }

        Assert.That(evaluated, Is.EqualTo(0), Err.ToString());
    }

    [Test]
    public async Task Evaluate_weighs_a_signature_model_from_train_and_refuses_a_file_that_is_not_one()
    {
        var storm = Folder.File("storm.jsonl", LabelledStorm);
        var model = Folder.Combine("signatures.zip");
        var notAModel = Folder.File("broken.zip", "not a zip");

        var trained = await RunAsync("train", storm, "--signatures", model, "--clusters", "3");
        var evaluated = await RunAsync("evaluate", storm, "--signatures", model);
        var refused = await RunAsync("evaluate", storm, "--signatures", notAModel);

        Assert.That(trained, Is.EqualTo(0), Err.ToString());
        Assert.That(evaluated, Is.EqualTo(0), Err.ToString());
        Assert.That(refused, Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("broken.zip"));
    }

    [Test]
    public async Task Evaluate_runs_the_engine_with_a_rules_file_and_refuses_a_bad_one_naming_its_line()
    {
        var storm = Folder.File("storm.jsonl", LabelledStorm);
        // Nothing scores above 1: only repeats of a condition join, so the engine finds more incidents.
        var strict = Folder.File("strict.yaml", "join-threshold: 1\nmerge-threshold: 1\n");
        var bad = Folder.File("bad.yaml", "window: 00:10:00\njoin-treshold: 0.5\n");

        var withDefaults = await RunAsync("evaluate", storm);
        var defaultIncidents = EngineIncidents(Out.ToString());
        Out.GetStringBuilder().Clear();
        var withStrict = await RunAsync("evaluate", storm, "--rules", strict);
        var strictIncidents = EngineIncidents(Out.ToString());
        var refused = await RunAsync("evaluate", storm, "--rules", bad);

        Assert.That((withDefaults, withStrict, refused), Is.EqualTo((0, 0, 1)), Err.ToString());
        Assert.That(defaultIncidents, Is.EqualTo(2));
        Assert.That(strictIncidents, Is.GreaterThan(defaultIncidents));
        Assert.That(Err.ToString(), Does.Contain("bad.yaml:2:1: unknown setting 'join-treshold' (did you mean 'join-threshold'?)"));
    }

    [Test]
    public async Task Evaluate_scores_operators_corrections_under_the_rules_given_and_train_learns_from_them()
    {
        var feedback = Folder.File("feedback.jsonl", Corrections());
        var strict = Folder.File("strict.yaml", "join-threshold: 1\nmerge-threshold: 1\n");

        var withDefaults = await RunAsync("evaluate", "--feedback", feedback);
        var defaults = Out.ToString();
        Out.GetStringBuilder().Clear();
        var withStrict = await RunAsync("evaluate", "--feedback", feedback, "--rules", strict);
        var strictOut = Out.ToString();
        var model = Folder.Combine("affinity.json");
        var trained = await RunAsync("train", "--feedback", feedback, "--out", model);

        Assert.That((withDefaults, withStrict, trained), Is.EqualTo((0, 0, 0)), Err.ToString());
        Assert.That(ShareOf(defaults, "missed-merge"), Is.EqualTo("1.000"), defaults);
        Assert.That(ShareOf(defaults, "false-merge"), Is.EqualTo("1.000"), defaults);
        Assert.That(ShareOf(strictOut, "missed-merge"), Is.EqualTo("0.000"), "with nothing allowed to join, the merge the operator made is missed again");
        await using var file = File.OpenRead(model);
        var affinity = Correlation.Correlator.Scoring.TypeAffinity.Load(file, model);
        Assert.That(affinity.Of("psu_fail", "link_down"), Is.GreaterThan(0.5), "learned from the missed merge");
        Assert.That(affinity.Of("psu_fail", "crc_errors"), Is.LessThan(0.5), "learned from the false merge");
    }

    [Test]
    public async Task A_feedback_file_with_a_bad_line_is_refused_naming_the_line()
    {
        var feedback = Folder.File("feedback.jsonl", Corrections() + "{\"label\":\"missed-merge\",\"groups\":[]}\n");

        Assert.That(await RunAsync("evaluate", "--feedback", feedback), Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("feedback.jsonl:3: groups: a correction needs one or more groups of alarms"));
    }

    /// <summary>Two corrections as the correlator exports them: a missed merge at Leeds, a false merge of Leeds and York.</summary>
    private static string Corrections()
    {
        var t0 = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        Correlation.Contracts.Alarm Alarm(string resource, string site, string type, int seconds) =>
            new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), $"{resource}/{type}/", Correlation.Contracts.SourceKind.Generic, "test", resource, site, null,
                type, Correlation.Contracts.AlarmSeverity.Major, Correlation.Contracts.AlarmStatus.Raised, $"{type} on {resource}",
                new Dictionary<string, string>(), new Dictionary<string, string>(), t0.AddSeconds(seconds), t0.AddSeconds(seconds));
        var records = new[]
        {
            new Correlation.Correlator.Operations.FeedbackRecord("m1", Correlation.Correlator.Operations.FeedbackLabel.MissedMerge, "ann", null, t0, ["a", "b"],
                [[Alarm("leeds-sw-1", "leeds", "psu_fail", 0)], [Alarm("leeds-sw-2", "leeds", "link_down", 20)]]),
            new Correlation.Correlator.Operations.FeedbackRecord("f1", Correlation.Correlator.Operations.FeedbackLabel.FalseMerge, "bob", "two faults", t0, ["c"],
                [[Alarm("york-sw-1", "york", "crc_errors", 30)], [Alarm("leeds-sw-3", "leeds", "psu_fail", 35)]]),
        };
        return string.Concat(records.Select(r => System.Text.Json.JsonSerializer.Serialize(r, Correlation.Correlator.Operations.FeedbackRecord.Json) + "\n"));
    }

    private static string ShareOf(string table, string label) =>
        table.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

    [Test]
    public async Task Shadow_prints_the_engine_with_the_rules_in_use_and_with_the_candidate_side_by_side()
    {
        var storm = Folder.File("storm.jsonl", LabelledStorm);
        var strict = Folder.File("strict.yaml", "join-threshold: 1\nmerge-threshold: 1\n");

        var code = await RunAsync("shadow", storm, "--rules", strict);
        var table = Out.ToString();
        var noCandidate = await RunAsync("shadow", storm);

        Assert.That(code, Is.EqualTo(0), Err.ToString());
        var rows = table.Split('\n').Where(l => l.StartsWith("active rules", StringComparison.Ordinal) || l.StartsWith("candidate rules", StringComparison.Ordinal))
            .Take(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.That(rows, Has.Count.EqualTo(2), table);
        Assert.That(int.Parse(rows[0][2], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2), "the rules in use find both incidents");
        Assert.That(int.Parse(rows[1][2], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(2), "nothing joins under the candidate");
        Assert.That(table, Does.Not.Contain("fixed-window"), "the two rule sets, not the baselines");
        Assert.That(noCandidate, Is.EqualTo(2));
        Assert.That(Err.ToString(), Does.Contain("shadow needs the candidate rules: --rules <file>"));
    }

    private static int EngineIncidents(string table) =>
        int.Parse(table.Split('\n').First(l => l.StartsWith("engine", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Train_refuses_an_unlabelled_storm_and_evaluate_refuses_a_model_that_is_not_one()
    {
        var unlabelled = Folder.File("plain.jsonl", """
            {"observedAt":"2026-03-02T10:00:00Z","resource":"r","alarmType":"t","severity":"major","summary":"s"}
            """);
        var notAModel = Folder.File("model.json", "{}");

        var trained = await RunAsync("train", unlabelled, "--out", Folder.Combine("out.json"));
        var evaluated = await RunAsync("evaluate", unlabelled, "--affinity", notAModel);
        var noOut = await RunAsync("train", unlabelled);

        Assert.That(trained, Is.EqualTo(1));
        Assert.That(evaluated, Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("no \"group\" labels").And.Contain("model.json: not an affinity model"));
        Assert.That(noOut, Is.EqualTo(2));
    }

    [Test]
    public async Task A_bad_storm_exits_1_naming_file_and_line_on_stderr()
    {
        var storm = Folder.File("bad.jsonl", LabelledStorm + "\n{\"observedAt\":\"2026-03-02T10:04:00Z\",\"resource\":\"r\",\"alarmType\":\"t\",\"summary\":\"s\",\"group\":\"g\"}\n");

        var code = await RunAsync("evaluate", storm);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain($"{storm}:6: severity: is required"));
        Assert.That(Out.ToString(), Is.Empty);
    }

    [Test]
    public async Task A_missing_storm_file_exits_1()
    {
        var code = await RunAsync("evaluate", Folder.Combine("none.jsonl"));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(Err.ToString(), Does.Contain("none.jsonl: file not found"));
    }

    [Test]
    public async Task The_huawei_dataset_is_scored_with_the_proxy_figures()
    {
        Folder.File("Alarm.csv", "alarm_id,device_id,start_timestamp,end_timestamp\n0,1,10,10\n1,2,20,20\n1,3,30,30\n0,1,40,40\n");
        Folder.File("topology_edges.csv", "device_a,device_b\n1,2\n2,3\n");
        Folder.File("alarm_type_causal_edges.csv", "cause_alarm_id,effect_alarm_id\n0,1\n");

        var code = await RunAsync("evaluate", "--huawei", Folder.Path, "--group-by", "site");

        Assert.That(code, Is.EqualTo(0), Err.ToString());
        var table = Out.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("4 alarms"));
            Assert.That(table, Does.Contain("no truth labels"));
            Assert.That(table, Does.Contain("topology: 3 linked devices, 2 links; causal graph: 1 edges between alarm types"));
            Assert.That(table, Does.Contain("2-hop").And.Contain("causal chance").And.Contain("lift"));
            Assert.That(table.Split('\n').Single(l => l.StartsWith("method", StringComparison.Ordinal)), Does.Not.Contain("precision"));
            // Grouped by site alone, and no alarm has a site: one incident of all four alarms.
            Assert.That(table, Does.Contain("alertmanager site"));
        });
    }
}

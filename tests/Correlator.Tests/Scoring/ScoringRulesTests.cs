using Correlation.Correlator.Scoring;
using Correlation.Testing;

namespace Correlation.Correlator.Tests.Scoring;

public class ScoringRulesTests
{
    private static string ShippedRules => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "correlation-rules.yaml");

    [Test]
    public void The_shipped_rules_file_is_exactly_the_built_in_settings()
    {
        var shipped = ScoringRules.Load(ShippedRules);

        Assert.That(ScoringRules.Version(shipped), Is.EqualTo(ScoringRules.Version(new ScoringOptions())),
            "deploy/config/correlation-rules.yaml documents the defaults: a changed default must change it too");
    }

    [Test]
    public void Settings_in_the_file_replace_the_defaults_and_the_rest_keep_theirs()
    {
        var rules = ScoringRules.Parse("""
            window: 00:05:00
            weights: { time: 0.5, text: 0.05 }
            join-threshold: 0.7
            merge-until: triaged
            local-types: [config_change, ntp_drift]
            """, "rules.yaml");

        Assert.Multiple(() =>
        {
            Assert.That(rules.Window, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That((rules.TimeWeight, rules.TextWeight, rules.TopologyWeight), Is.EqualTo((0.5, 0.05, new ScoringOptions().TopologyWeight)));
            Assert.That(rules.JoinThreshold, Is.EqualTo(0.7));
            Assert.That(rules.MergeUntil, Is.EqualTo(IncidentStage.Triaged));
            Assert.That(rules.LocalTypes, Is.EquivalentTo(new[] { "config_change", "ntp_drift" }));
            Assert.That(rules.MaxHops, Is.EqualTo(new ScoringOptions().MaxHops));
            Assert.That(ScoringRules.Version(rules), Is.Not.EqualTo(ScoringRules.Version(new ScoringOptions())));
        });
    }

    [Test]
    public void Every_problem_is_reported_with_its_file_line_and_reason()
    {
        var ex = Assert.Throws<RulesValidationException>(() => ScoringRules.Parse("""
            windw: 00:05:00
            max-hops: 40
            time-scale: soon
            weights: { time: 2 }
            merge-until: closed
            outage-types: device_down
            """, "rules.yaml"));

        var problems = ex!.Problems.Select(p => p.ToString()).ToList();
        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "rules.yaml:1:1: unknown setting 'windw' (did you mean 'window'?); the settings are window, max-join-age, time-scale, consequence-time-scale, max-hops, other-site-penalty, local-types, outage-types, weights, join-threshold, merge-threshold, merge-until, max-devices-per-incident",
            "rules.yaml:3:13: 'soon' is not a positive duration (hh:mm:ss, or d.hh:mm:ss)",
            "rules.yaml:4:18: '2' is not a number from 0 to 1",
            "rules.yaml:5:14: merge-until must be one of opened, triaged, routed, not 'closed'",
            "rules.yaml:6:15: a list of alarm types is needed here, such as [config_change, disk_full]",
        }));
    }

    [Test]
    public void A_value_out_of_the_settings_range_names_its_key_and_line()
    {
        var ex = Assert.Throws<RulesValidationException>(() => ScoringRules.Parse("window: 00:10:00\nmax-hops: 40\n", "rules.yaml"));

        Assert.That(ex!.Problems.Single().ToString(), Does.StartWith("rules.yaml:2:11: max-hops must be between 0 and 16"));
    }

    [Test]
    public void A_merge_threshold_below_the_join_threshold_is_refused()
    {
        var ex = Assert.Throws<RulesValidationException>(() => ScoringRules.Parse("join-threshold: 0.7\nmerge-threshold: 0.5\n", "rules.yaml"));

        Assert.That(ex!.Problems.Single().Message, Does.StartWith("merge-threshold (0.5) is below join-threshold (0.7)"));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        var ex = Assert.Throws<RulesValidationException>(() => ScoringRules.Load("/nonexistent/rules.yaml"));

        Assert.That(ex!.Problems.Single().ToString(), Is.EqualTo("/nonexistent/rules.yaml: no such file"));
    }

    [Test]
    public async Task A_correlator_with_a_bad_rules_file_does_not_start_and_says_why()
    {
        await using var redis = await RedisTestKeys.CreateAsync("rules");
        var rules = Path.Combine(Path.GetTempPath(), $"rules-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(rules, "join-threshold: high\n");
        try
        {
            var settings = new Dictionary<string, string>(redis.Settings)
            {
                ["Topology:CmdbPath"] = Alarms.SampleCmdb,
                ["Correlator:RulesPath"] = rules,
            };

            var ex = Assert.ThrowsAsync<RulesValidationException>(async () =>
                await (await HarnessHost.StartAsync(b => b.AddCorrelator(), settings: settings)).DisposeAsync());

            Assert.That(ex!.Message, Does.Contain($"{rules}:1:17: 'high' is not a number from 0 to 1"));
        }
        finally
        {
            File.Delete(rules);
        }
    }
}

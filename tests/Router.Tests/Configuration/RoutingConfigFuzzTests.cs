using System.Text;
using Correlation.Router.Configuration;
using Correlation.Testing;

namespace Correlation.Router.Tests.Configuration;

/// <summary>Mutated routing files and hostile YAML: a configuration or RoutingConfigException with its problems, in time, nothing else thrown.</summary>
public class RoutingConfigFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        .. new[] { "routing.yaml", "routing-roster.yaml", "routing-maintenance.yaml" }
            .Select(f => File.ReadAllBytes(Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", f))),
        .. Fuzz.HostileYaml.Select(Encoding.UTF8.GetBytes),
    ];

    [Test]
    public void Mutated_and_hostile_routing_files_are_refused_with_problems_never_an_exception([Values(1, 2)] int seed)
    {
        var refused = 0;
        Fuzz.Run("routing", seed, random => random.Next(10) == 0 ? Seeds[random.Next(Seeds.Length)] : Fuzz.Mutate(random, Seeds), bytes =>
        {
            try
            {
                RoutingConfigLoader.Parse([("fuzz.yaml", Encoding.UTF8.GetString(bytes))]);
            }
            catch (RoutingConfigException e)
            {
                Assert.That(e.Problems, Is.Not.Empty);
                Assert.That(e.Problems.All(p => p.Reason.Length > 0), Is.True);
                Interlocked.Increment(ref refused);
            }
        });

        Assert.That(refused, Is.GreaterThan(0));
    }
}

/// <summary>Inputs the triage policy fuzzer found a crash or a hang with in the same YAML loading the router's files use, kept here too.</summary>
public class RoutingConfigFuzzRegressionTests
{
    [Test]
    public void A_flow_sequence_left_open_is_a_reported_problem_not_an_exception()
    {
        var refused = Assert.Throws<RoutingConfigException>(() => RoutingConfigLoader.Parse([("regression.yaml", "rules: [a, b\nfallback: x\n")]));

        Assert.That(refused!.Problems.Single().Reason, Does.StartWith("malformed YAML: "));
    }

    [Test]
    [CancelAfter(10_000)]
    public void Nesting_far_past_the_depth_limit_is_refused_at_once()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var refused = Assert.Throws<RoutingConfigException>(() => RoutingConfigLoader.Parse([("regression.yaml", new string('[', 100_000))]));

        Assert.That(refused!.Problems.Single().Reason, Does.Contain("nested more than"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}

/// <summary>Found by <see cref="RoutingConfigFuzzTests"/> (seeds 1 and 2): a key that is a list; the loader cast every key to text.</summary>
public class RoutingConfigComplexKeyRegressionTests
{
    [TestCase("? [a, b]\n: c\n")]
    [TestCase("roster:\n  functions:\n    ? [a, b]\n    : {channels: [x]}\n")]
    public void A_key_that_is_not_text_is_a_reported_problem_not_an_exception(string yaml)
    {
        var refused = Assert.Throws<RoutingConfigException>(() => RoutingConfigLoader.Parse([("regression.yaml", yaml)]));

        Assert.That(refused!.Problems.Select(p => p.Reason), Has.Some.Contains("plain text"));
    }
}

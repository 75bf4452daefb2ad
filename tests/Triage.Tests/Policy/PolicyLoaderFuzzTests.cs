using System.Text;
using Correlation.Testing;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Tests.Policy;

/// <summary>Mutated triage policies and hostile YAML: a policy or TriagePolicyException with its problems, in time, nothing else thrown.</summary>
public class PolicyLoaderFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        File.ReadAllBytes(Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "triage.yaml")),
        .. Fuzz.HostileYaml.Select(Encoding.UTF8.GetBytes),
    ];

    [Test]
    public void Mutated_and_hostile_policies_are_refused_with_problems_never_an_exception([Values(1, 2)] int seed)
    {
        var refused = 0;
        Fuzz.Run("triage policy", seed, random => random.Next(10) == 0 ? Seeds[random.Next(Seeds.Length)] : Fuzz.Mutate(random, Seeds), bytes =>
        {
            try
            {
                PolicyLoader.Load(Encoding.UTF8.GetString(bytes), "fuzz.yaml", PolicyLoader.BuiltIn);
            }
            catch (TriagePolicyException e)
            {
                Assert.That(e.Problems, Is.Not.Empty);
                Assert.That(e.Problems.All(p => p.Message.Length > 0), Is.True);
                Interlocked.Increment(ref refused);
            }
        });

        Assert.That(refused, Is.GreaterThan(0));
    }
}

/// <summary>Inputs the fuzzer found a crash or a hang with, kept so that they never come back.</summary>
public class PolicyLoaderFuzzRegressionTests
{
    /// <summary>
    /// Found by <see cref="PolicyLoaderFuzzTests"/> (seed 2): a flow sequence left open to the end of the file. YamlDotNet's
    /// scanner throws InvalidOperationException for it, which the loader did not expect.
    /// </summary>
    [Test]
    public void A_flow_sequence_left_open_is_a_reported_problem_not_an_exception()
    {
        var refused = Assert.Throws<TriagePolicyException>(() => PolicyLoader.Load("priority: [a, b\nwatch: 1\n", "regression.yaml", PolicyLoader.BuiltIn));

        Assert.That(refused!.Problems.Single().Message, Does.StartWith("malformed YAML: "));
    }

    /// <summary>Found by <see cref="PolicyLoaderFuzzTests"/> (seed 1): 100,000 nested '[' kept the loader busy for seconds (YamlStream follows any depth).</summary>
    [Test]
    [CancelAfter(10_000)]
    public void Nesting_far_past_the_depth_limit_is_refused_at_once()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var refused = Assert.Throws<TriagePolicyException>(() => PolicyLoader.Load(new string('[', 100_000), "regression.yaml", PolicyLoader.BuiltIn));

        Assert.That(refused!.Problems.Single().Message, Does.Contain("nested more than"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}

using System.Text;
using Correlation.Correlator.Scoring;
using Correlation.Testing;

namespace Correlation.Correlator.Tests.Scoring;

/// <summary>
/// The correlation rules file reaches the correlator from disk and, through POST /api/v1/rules/validate, dry-run and
/// activate, from operators over HTTP. Mutated rules files and hostile YAML are answered with the rules or with
/// RulesValidationException naming each problem, within the time limit; nothing else is thrown.
/// </summary>
public class ScoringRulesFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        File.ReadAllBytes(Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "correlation-rules.yaml")),
        "window: 00:05:00\nweights: {time: 0.5, topology: 0.5}\nlocal-types: [a, b]\nmerge-until: Triaged\n"u8.ToArray(),
        .. Fuzz.HostileYaml.Select(Encoding.UTF8.GetBytes),
    ];

    [Test]
    public void Mutated_and_hostile_rules_files_are_refused_with_problems_never_an_exception([Values(1, 2)] int seed)
    {
        var refused = 0;
        Fuzz.Run("rules", seed, random => random.Next(10) == 0 ? Seeds[random.Next(Seeds.Length)] : Fuzz.Mutate(random, Seeds), bytes =>
        {
            try
            {
                ScoringRules.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yaml");
            }
            catch (RulesValidationException e)
            {
                Assert.That(e.Problems, Is.Not.Empty);
                Assert.That(e.Problems.All(p => p.Message.Length > 0 && p.Location?.Path is null or "fuzz.yaml"), Is.True, e.Message);
                Interlocked.Increment(ref refused);
            }
        });

        Assert.That(refused, Is.GreaterThan(0));
    }

    [Test]
    public void Every_hostile_file_is_answered_in_time()
    {
        foreach (var yaml in Fuzz.HostileYaml)
        {
            Fuzz.Once("rules (hostile)", Encoding.UTF8.GetBytes(yaml), bytes =>
            {
                try
                {
                    ScoringRules.Parse(Encoding.UTF8.GetString(bytes), "hostile.yaml");
                }
                catch (RulesValidationException)
                {
                }
            });
        }
    }
}

/// <summary>Inputs the fuzzers found a crash with, kept so that it never comes back.</summary>
public class ScoringRulesFuzzRegressionTests
{
    /// <summary>
    /// Found by the CMDB fuzzer in the YAML reader the rules share: a tag that is not a valid URI made YamlDotNet throw
    /// ArgumentException, which reached the rules API as a server error instead of a refusal naming the problem.
    /// </summary>
    [Test]
    public void A_tag_that_is_not_a_valid_URI_is_a_refusal_with_a_problem()
    {
        var refused = Assert.Throws<RulesValidationException>(() => ScoringRules.Parse("window: !!bi[[[[", "regression.yaml"));

        Assert.That(refused!.Problems.Single().Message, Does.StartWith("malformed YAML: "));
    }
}

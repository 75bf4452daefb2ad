using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Tests.Metrics;

public class CausalProxyTests
{
    [Test]
    public void Compares_the_causal_share_of_joined_type_pairs_with_the_share_over_the_whole_storm()
    {
        // Incident 1: A, A, B (2 cross-type pairs, both A-B, an edge). Incident 2: C, B (1 pair, no edge).
        // Incident 3: C alone. Joined 3, causal 2. Whole storm A2 B2 C2: 12 cross-type pairs, A-B 4 of them.
        string[] types = ["A", "A", "B", "C", "B", "C"];
        string[] incidents = ["1", "1", "1", "2", "2", "3"];
        (string, string)[] edges = [("A", "B"), ("B", "A"), ("C", "C"), ("D", "A")];

        var agreement = CausalProxy.Measure(types, incidents, edges);

        Assert.Multiple(() =>
        {
            Assert.That(agreement, Is.EqualTo(new CausalAgreement(3, 2, 12, 4)));
            Assert.That(agreement.JoinedFraction, Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(agreement.ChanceFraction, Is.EqualTo(1.0 / 3).Within(1e-12));
            Assert.That(agreement.Lift, Is.EqualTo(2.0).Within(1e-12));
        });
    }

    [Test]
    public void Incidents_of_one_type_join_no_cross_type_pair_and_have_no_fraction_or_lift()
    {
        var agreement = CausalProxy.Measure(["A", "A", "B"], ["1", "1", "2"], [("A", "B")]);

        Assert.That(agreement.JoinedPairs, Is.Zero);
        Assert.That(agreement.JoinedFraction, Is.Null);
        Assert.That(agreement.Lift, Is.Null);
        Assert.That(agreement.ChanceFraction, Is.EqualTo(1.0));
    }

    [TestCase(2)]
    [TestCase(40)]
    public void Counts_on_small_random_storms_match_a_brute_force_over_all_pairs(int edgeCount)
    {
        // Few edges make the count walk the edges; many make it walk each incident's type pairs.
        var random = new Random(edgeCount);
        var edges = Enumerable.Range(0, edgeCount).Select(_ => ($"t{random.Next(10)}", $"t{random.Next(10)}")).ToArray();
        bool IsEdge(string a, string b) => edges.Contains((a, b)) || edges.Contains((b, a));
        for (var round = 0; round < 30; round++)
        {
            var n = random.Next(2, 80);
            var types = Enumerable.Range(0, n).Select(_ => $"t{random.Next(10)}").ToArray();
            var incidents = Enumerable.Range(0, n).Select(_ => $"i{random.Next(4)}").ToArray();
            long joined = 0, joinedCausal = 0, all = 0, allCausal = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (types[i] == types[j])
                    {
                        continue;
                    }

                    var causal = IsEdge(types[i], types[j]) ? 1 : 0;
                    all++;
                    allCausal += causal;
                    if (incidents[i] == incidents[j])
                    {
                        joined++;
                        joinedCausal += causal;
                    }
                }
            }

            var agreement = CausalProxy.Measure(types, incidents, edges);

            Assert.That(agreement, Is.EqualTo(new CausalAgreement(joined, joinedCausal, all, allCausal)), $"round {round}");
        }
    }
}

using Correlation.Correlator.Evaluation;

namespace Correlation.Correlator.Tests.Evaluation;

public class ClusteringAgreementTests
{
    private static string[] Labels(string letters) => [.. letters.Select(c => c.ToString())];

    [Test]
    public void A_perfect_clustering_scores_one_everywhere_whatever_its_ids()
    {
        var score = ClusteringAgreement.Compare(Labels("aaabbc"), Labels("xxxyyz"));

        Assert.That(new[] { score.Precision, score.Recall, score.F1, score.AdjustedRandIndex }, Is.All.EqualTo(1.0));
    }

    [Test]
    public void All_in_one_incident_has_full_recall_precision_of_the_true_pair_share_and_ari_zero()
    {
        // Truth aaabbc: 3 + 1 = 4 true pairs of 15.
        var score = ClusteringAgreement.Compare(Labels("aaabbc"), Labels("xxxxxx"));

        Assert.Multiple(() =>
        {
            Assert.That(score.PredictedPairs, Is.EqualTo(15));
            Assert.That(score.SharedPairs, Is.EqualTo(4));
            Assert.That(score.Precision, Is.EqualTo(4.0 / 15).Within(1e-12));
            Assert.That(score.Recall, Is.EqualTo(1.0));
            Assert.That(score.F1, Is.EqualTo(2 * (4.0 / 15) / (1 + 4.0 / 15)).Within(1e-12));
            Assert.That(score.AdjustedRandIndex, Is.EqualTo(0.0).Within(1e-12));
        });
    }

    [Test]
    public void All_singletons_join_nothing_so_precision_is_one_recall_and_f1_zero_and_ari_zero()
    {
        var score = ClusteringAgreement.Compare(Labels("aaabbc"), Labels("uvwxyz"));

        Assert.Multiple(() =>
        {
            Assert.That(score.PredictedPairs, Is.Zero);
            Assert.That(score.Precision, Is.EqualTo(1.0));
            Assert.That(score.Recall, Is.Zero);
            Assert.That(score.F1, Is.Zero);
            Assert.That(score.AdjustedRandIndex, Is.EqualTo(0.0).Within(1e-12));
        });
    }

    [Test]
    public void Singletons_against_singleton_truth_is_a_perfect_clustering()
    {
        var score = ClusteringAgreement.Compare(Labels("abcd"), Labels("wxyz"));

        Assert.That(new[] { score.Precision, score.Recall, score.F1, score.AdjustedRandIndex }, Is.All.EqualTo(1.0));
    }

    [Test]
    public void A_known_contingency_table_gives_the_hand_computed_scores()
    {
        // Truth aaaabbbcc, predicted xxxyyyyzz. Contingency: a→x 3, a→y 1, b→y 3, c→z 2.
        // Shared pairs 3+0+3+1 = 7; truth pairs 6+3+1 = 10; predicted pairs 3+6+1 = 10; all pairs 36.
        // Expected index 10·10/36 = 25/9; maximum (10+10)/2 = 10; ARI = (7 − 25/9) / (10 − 25/9) = 38/65.
        var score = ClusteringAgreement.Compare(Labels("aaaabbbcc"), Labels("xxxyyyyzz"));

        Assert.Multiple(() =>
        {
            Assert.That((score.SharedPairs, score.TruthPairs, score.PredictedPairs), Is.EqualTo((7L, 10L, 10L)));
            Assert.That(score.Precision, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(score.Recall, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(score.F1, Is.EqualTo(0.7).Within(1e-12));
            Assert.That(score.AdjustedRandIndex, Is.EqualTo(38.0 / 65).Within(1e-12));
        });
    }

    [Test]
    public void The_textbook_example_gives_ari_8_over_33()
    {
        // Truth aaabbb, predicted xxyyzz: shared 2, truth pairs 6, predicted 3, all 15;
        // expected 6·3/15 = 1.2, maximum 4.5, ARI = 0.8 / 3.3 = 8/33.
        var score = ClusteringAgreement.Compare(Labels("aaabbb"), Labels("xxyyzz"));

        Assert.That(score.AdjustedRandIndex, Is.EqualTo(8.0 / 33).Within(1e-12));
        Assert.That(score.Precision, Is.EqualTo(2.0 / 3).Within(1e-12));
        Assert.That(score.Recall, Is.EqualTo(1.0 / 3).Within(1e-12));
    }

    [Test]
    public void A_random_labelling_of_a_large_storm_has_an_ari_near_zero()
    {
        var random = new Random(42);
        var truth = Enumerable.Range(0, 20_000).Select(_ => $"t{random.Next(50)}").ToArray();
        var predicted = Enumerable.Range(0, 20_000).Select(_ => $"p{random.Next(80)}").ToArray();

        var score = ClusteringAgreement.Compare(truth, predicted);

        Assert.That(score.AdjustedRandIndex, Is.EqualTo(0.0).Within(0.005));
    }

    [Test]
    public void Counts_on_small_random_storms_match_a_brute_force_over_all_pairs()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var n = random.Next(1, 60);
            var truth = Enumerable.Range(0, n).Select(_ => $"t{random.Next(6)}").ToArray();
            var predicted = Enumerable.Range(0, n).Select(_ => $"p{random.Next(8)}").ToArray();
            long shared = 0, truthPairs = 0, predictedPairs = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var sameTruth = truth[i] == truth[j];
                    var samePredicted = predicted[i] == predicted[j];
                    truthPairs += sameTruth ? 1 : 0;
                    predictedPairs += samePredicted ? 1 : 0;
                    shared += sameTruth && samePredicted ? 1 : 0;
                }
            }

            var score = ClusteringAgreement.Compare(truth, predicted);

            Assert.That((score.SharedPairs, score.TruthPairs, score.PredictedPairs), Is.EqualTo((shared, truthPairs, predictedPairs)), $"round {round}");
        }
    }

    [Test]
    public void One_hundred_thousand_alarms_in_one_incident_count_their_five_billion_pairs_without_overflow()
    {
        var truth = Enumerable.Range(0, 100_000).Select(i => i < 50_000 ? "a" : "b").ToArray();
        var predicted = Enumerable.Repeat("x", 100_000).ToArray();

        var score = ClusteringAgreement.Compare(truth, predicted);

        Assert.Multiple(() =>
        {
            Assert.That(score.PredictedPairs, Is.EqualTo(4_999_950_000L));
            Assert.That(score.TruthPairs, Is.EqualTo(2 * 1_249_975_000L));
            Assert.That(score.Precision, Is.EqualTo(2_499_950_000.0 / 4_999_950_000).Within(1e-12));
            Assert.That(score.AdjustedRandIndex, Is.EqualTo(0.0).Within(1e-9));
        });
    }

    [Test]
    public void Labels_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClusteringAgreement.Compare(Labels("aa"), Labels("x")));
    }
}

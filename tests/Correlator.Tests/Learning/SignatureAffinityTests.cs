using Correlation.Correlator.Learning;

namespace Correlation.Correlator.Tests.Learning;

public class SignatureAffinityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static SignatureAffinity Learn(params (int Signature, int Seconds, string Group)[] alarms) =>
        SignatureAffinity.Learn([.. alarms.Select(a => (a.Signature, T0.AddSeconds(a.Seconds), a.Group))], TimeSpan.FromMinutes(2));

    [Test]
    public void Pairs_within_the_window_are_counted_under_their_signatures_and_how_many_shared_an_incident()
    {
        var affinity = Learn(
            (1, 0, "f1"), (2, 5, "f1"), (2, 10, "f1"),
            (1, 300, "f2"), (2, 305, "n1"),
            (3, 306, "n2"));

        Assert.Multiple(() =>
        {
            // f1 gives 1-2 twice and 2-2 once, all together; at 300 s, 1-2, 1-3 and 2-3 once each, apart.
            Assert.That(affinity.Counts(1, 2), Is.EqualTo(new PairCount(2, 3)));
            Assert.That(affinity.Counts(2, 1), Is.EqualTo(affinity.Counts(1, 2)));
            Assert.That(affinity.Counts(2, 2), Is.EqualTo(new PairCount(1, 1)));
            Assert.That(affinity.Counts(1, 3), Is.EqualTo(new PairCount(0, 1)));
            Assert.That(affinity.Of(1, 2), Is.EqualTo(3.0 / 5.0));
            Assert.That(affinity.Of(2, 3), Is.EqualTo(1.0 / 3.0));
            Assert.That(affinity.Of(7, 8), Is.EqualTo(PairCount.Neutral));
            Assert.That(affinity.KnownPairs, Is.EqualTo(4));
        });
    }

    [Test]
    public void Alarms_further_apart_than_the_window_are_not_a_pair()
    {
        var affinity = Learn((1, 0, "g"), (2, 121, "g"));

        Assert.That(affinity.IsEmpty, Is.True);
        Assert.That(affinity.Window, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public void A_history_out_of_time_order_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Learn((1, 10, "g"), (2, 0, "g")));
    }

    [Test]
    public void The_affinity_is_saved_and_loaded_with_the_signature_model()
    {
        var model = SignatureModel.Fit(AlarmHistory.Varied(3));
        var history = AlarmHistory.Varied(3).Select((a, i) => (model.Signature(a.AlarmType, a.Summary), T0.AddSeconds(i), $"g{i / AlarmHistory.Kinds}")).ToList();
        var affinity = SignatureAffinity.Learn(history, TimeSpan.FromSeconds(30));
        var file = Path.Combine(Path.GetTempPath(), "signature-affinity-" + Guid.NewGuid().ToString("N") + ".zip");
        try
        {
            model.WithAffinity(affinity).Save(file);

            var loaded = SignatureModel.Load(file).Affinity;

            Assert.That(loaded.Window, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(loaded.KnownPairs, Is.EqualTo(affinity.KnownPairs).And.GreaterThan(0));
            for (var a = 0; a < model.Clusters; a++)
            {
                for (var b = 0; b < model.Clusters; b++)
                {
                    Assert.That(loaded.Counts(a, b), Is.EqualTo(affinity.Counts(a, b)));
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_model_refuses_an_affinity_naming_signatures_it_does_not_have()
    {
        var model = SignatureModel.Fit(AlarmHistory.Varied(2));

        Assert.Throws<ArgumentException>(() => model.WithAffinity(Learn((0, 0, "g"), (model.Clusters, 1, "g"))));
    }
}

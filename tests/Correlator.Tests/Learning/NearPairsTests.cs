using Correlation.Correlator.Learning;

namespace Correlation.Correlator.Tests.Learning;

public class NearPairsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Each_unordered_pair_of_keys_within_the_window_is_counted_once_per_pair_of_alarms()
    {
        var pairs = NearPairs.Count(
            [("link_down", T0, "f1"), ("bgp_session_down", T0.AddSeconds(5), "f1"), ("link_down", T0.AddSeconds(60), "f2"),
             ("disk_full", T0.AddSeconds(150), "n1")],
            TimeSpan.FromMinutes(2), StringComparer.Ordinal);

        Assert.That(pairs, Is.EquivalentTo(new Dictionary<(string, string), PairCount>
        {
            [("bgp_session_down", "link_down")] = new(1, 2),
            [("link_down", "link_down")] = new(0, 1),
            [("disk_full", "link_down")] = new(0, 1),
        }));
    }

    [TestCase(0, 0, 0.5)]
    [TestCase(3, 3, 0.8)]
    [TestCase(0, 3, 0.2)]
    public void Affinity_is_smoothed_towards_neutral(long together, long near, double expected)
    {
        Assert.That(new PairCount(together, near).Affinity, Is.EqualTo(expected));
    }
}

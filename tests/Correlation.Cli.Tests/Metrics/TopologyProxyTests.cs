using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

using Correlation.Cli.Tests.Support;

namespace Correlation.Cli.Tests.Metrics;

public class TopologyProxyTests
{
    // A path a - b - c - d: a-b 1 hop, a-c 2, a-d 3, b-d 2.
    private static readonly LinkGraph Path = new([("a", "b"), ("b", "c"), ("c", "d")]);

    [Test]
    public void Counts_joined_cross_device_pairs_and_those_within_two_hops()
    {
        // Incident 1 holds a, a, b, d: pairs a-b ×2 (1 hop), a-d ×2 (3 hops), b-d ×1 (2 hops); same-device a-a is not counted.
        // Incident 2 holds c alone; incident 3 holds a and c (2 hops). Joined 6, close 2 + 1 + 1 = 4.
        string[] devices = ["a", "a", "b", "d", "c", "a", "c"];
        string[] incidents = ["1", "1", "1", "1", "2", "3", "3"];

        var agreement = TopologyProxy.Measure(devices, incidents, Path.Hops);

        Assert.Multiple(() =>
        {
            Assert.That(agreement.JoinedPairs, Is.EqualTo(6));
            Assert.That(agreement.PairsWithinHops, Is.EqualTo(4));
            Assert.That(agreement.Share, Is.EqualTo(4.0 / 6).Within(1e-12));
            Assert.That(agreement.Sampled, Is.False);
        });
    }

    [Test]
    public void Devices_of_unknown_distance_count_as_far_and_no_cross_device_join_has_no_share()
    {
        var unknown = TopologyProxy.Measure(["a", "zz"], ["1", "1"], Path.Hops);
        var sameDevice = TopologyProxy.Measure(["a", "a", "b"], ["1", "1", "2"], Path.Hops);

        Assert.That(unknown.Share, Is.Zero);
        Assert.That(sameDevice.JoinedPairs, Is.Zero);
        Assert.That(sameDevice.Share, Is.Null);
    }

    [Test]
    public void Counts_on_small_random_storms_match_a_brute_force_over_all_pairs()
    {
        var random = new Random(11);
        var ring = new LinkGraph(Enumerable.Range(0, 12).Select(i => ($"d{i}", $"d{(i + 1) % 12}")));
        for (var round = 0; round < 30; round++)
        {
            var n = random.Next(2, 80);
            var devices = Enumerable.Range(0, n).Select(_ => $"d{random.Next(14)}").ToArray();
            var incidents = Enumerable.Range(0, n).Select(_ => $"i{random.Next(5)}").ToArray();
            long joined = 0, close = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (incidents[i] == incidents[j] && devices[i] != devices[j])
                    {
                        joined++;
                        close += ring.Hops(devices[i], devices[j]) is <= 2 ? 1 : 0;
                    }
                }
            }

            var agreement = TopologyProxy.Measure(devices, incidents, ring.Hops);

            Assert.That((agreement.JoinedPairs, agreement.PairsWithinHops), Is.EqualTo((joined, (double)close)), $"round {round}");
        }
    }

    [Test]
    public void An_incident_with_too_many_devices_is_sampled_with_a_fixed_seed_and_lands_near_the_exact_share()
    {
        var random = new Random(5);
        var line = new LinkGraph(Enumerable.Range(0, 99).Select(i => ($"d{i}", $"d{i + 1}")));
        var devices = Enumerable.Range(0, 3000).Select(_ => $"d{random.Next(100)}").ToArray();
        var incidents = Enumerable.Repeat("one", devices.Length).ToArray();

        var exact = TopologyProxy.Measure(devices, incidents, line.Hops);
        var sampled = TopologyProxy.Measure(devices, incidents, line.Hops, exactPairBudget: 100, samplePairs: 200_000);
        var again = TopologyProxy.Measure(devices, incidents, line.Hops, exactPairBudget: 100, samplePairs: 200_000);

        Assert.Multiple(() =>
        {
            Assert.That(exact.Sampled, Is.False);
            Assert.That(sampled.Sampled, Is.True);
            Assert.That(sampled.JoinedPairs, Is.EqualTo(exact.JoinedPairs));
            Assert.That(sampled.Share!.Value, Is.EqualTo(exact.Share!.Value).Within(0.005));
            Assert.That(again, Is.EqualTo(sampled));
        });
    }
}

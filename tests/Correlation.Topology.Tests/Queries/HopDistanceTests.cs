namespace Correlation.Topology.Tests.Queries;

public class HopDistanceTests
{
    [Test]
    public void Distances_on_a_ring_of_five_thousand_devices_are_the_shorter_way_round()
    {
        const int size = 5_000;
        var ring = Networks.Ring(size);
        var random = new Random(42);

        for (var q = 0; q < 20_000; q++)
        {
            int a = random.Next(size), b = random.Next(size);
            var expected = Math.Min(Math.Abs(a - b), size - Math.Abs(a - b));
            Assert.That(ring.HopDistance(Networks.Id(a), Networks.Id(b)), Is.EqualTo(expected), $"{a} -> {b}");
        }
    }

    [Test]
    public void Distances_on_a_tree_of_four_thousand_devices_go_through_the_common_ancestor()
    {
        const int size = 4_095;
        var tree = Networks.BinaryTree(size);
        var random = new Random(7);

        for (var q = 0; q < 20_000; q++)
        {
            int a = random.Next(size), b = random.Next(size);
            Assert.That(tree.HopDistance(Networks.Id(a), Networks.Id(b)), Is.EqualTo(Networks.TreeDistance(a, b)), $"{a} -> {b}");
        }
        Assert.That(tree.HopDistance("n0", Networks.Id(size - 1)), Is.EqualTo(Networks.TreeDepth(size - 1)));
    }

    [Test]
    public void Many_threads_asking_at_once_all_get_the_right_answers()
    {
        const int size = 3_000;
        var ring = Networks.Ring(size);
        var wrong = 0;

        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, q =>
        {
            // Few sources, so threads race to fill the same cache rows.
            int a = q % 16 * 97, b = q * 7919 % size;
            var expected = Math.Min(Math.Abs(a - b), size - Math.Abs(a - b));
            if (ring.HopDistance(Networks.Id(a), Networks.Id(b)) != expected)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void Unknown_and_unreachable_devices_have_no_distance()
    {
        var topology = new TopologyBuilder()
            .AddDevice(new Device { Id = "a" })
            .AddDevice(new Device { Id = "b" })
            .AddDevice(new Device { Id = "island" })
            .AddLink(new Link { A = "a", B = "b" })
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(topology.HopDistance("a", "B"), Is.EqualTo(1));
            Assert.That(topology.HopDistance("a", "island"), Is.Null);
            Assert.That(topology.HopDistance("a", "nowhere"), Is.Null);
            Assert.That(topology.HopDistance(null, "a"), Is.Null);
            Assert.That(topology.HopDistance("island", "island"), Is.EqualTo(0));
        });
    }

    [Test]
    public void The_neighbourhood_lists_devices_within_k_hops_nearest_first()
    {
        var tree = Networks.BinaryTree(4_095);

        var near = tree.Neighbourhood("n1", 2);

        Assert.Multiple(() =>
        {
            Assert.That(near.Where(n => n.Hops == 1).Select(n => n.Device.Id), Is.EquivalentTo(new[] { "n0", "n3", "n4" }));
            Assert.That(near.Where(n => n.Hops == 2).Select(n => n.Device.Id),
                Is.EquivalentTo(new[] { "n2", "n7", "n8", "n9", "n10" }));
            Assert.That(near.Select(n => n.Hops), Is.Ordered);
            Assert.That(tree.Neighbourhood("n1", 0), Is.Empty);
            Assert.That(tree.Neighbourhood("nowhere", 3), Is.Empty);
            Assert.That(tree.Neighbourhood("n0", 12), Has.Count.EqualTo(4_094));
        });
    }
}

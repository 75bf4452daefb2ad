using Correlation.Cli.Baselines;
using Correlation.Cli.Tests.Support;
using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Tests.Baselines;

public class AlecStyleAssignerTests
{
    // a - b - c - d, one hop each.
    private static readonly NetworkTopology Chain = BuildChain();

    private static NetworkTopology BuildChain()
    {
        var builder = new TopologyBuilder();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            builder.AddDevice(new Device { Id = name, Role = DeviceRole.Router });
        }

        builder.AddLink(new Link { A = "a", B = "b" }).AddLink(new Link { A = "b", B = "c" }).AddLink(new Link { A = "c", B = "d" });
        return builder.Build();
    }

    private static async Task<IReadOnlyList<string>> Assign(params Alarm[] alarms) =>
        await new AlecStyleAssigner(Chain).AssignAllAsync(alarms);

    [Test]
    public async Task Alarms_on_one_device_join_within_about_a_minute_and_a_quarter()
    {
        var incidents = await Assign(
            TestAlarms.Raise("a", "t1", 0), TestAlarms.Raise("a", "t2", 1.2), TestAlarms.Raise("a", "t3", 2.6));

        Assert.That(incidents[1], Is.EqualTo(incidents[0]));
        Assert.That(incidents[2], Is.Not.EqualTo(incidents[1]));
    }

    [Test]
    public async Task Neighbours_join_only_when_close_in_time_and_two_hops_never()
    {
        var incidents = await Assign(
            TestAlarms.Raise("a", "t", 0), TestAlarms.Raise("b", "t", 0.3),
            TestAlarms.Raise("d", "t", 10), TestAlarms.Raise("c", "t", 11),
            TestAlarms.Raise("a", "t", 20), TestAlarms.Raise("c", "t", 20));

        Assert.That(incidents[1], Is.EqualTo(incidents[0]), "one hop, 18 s apart");
        Assert.That(incidents[3], Is.Not.EqualTo(incidents[2]), "one hop, a minute apart");
        Assert.That(incidents[5], Is.Not.EqualTo(incidents[4]), "two hops, same moment");
    }

    [Test]
    public async Task Joins_chain_so_a_link_between_two_clusters_makes_them_one()
    {
        var incidents = await Assign(
            TestAlarms.Raise("a", "t", 0), TestAlarms.Raise("c", "t", 0.1), TestAlarms.Raise("b", "t", 0.2));

        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Unknown_resources_relate_only_to_themselves()
    {
        var incidents = await Assign(
            TestAlarms.Raise("somewhere", "t", 0), TestAlarms.Raise("somewhere", "t", 0.5), TestAlarms.Raise("elsewhere", "t", 0.5));

        Assert.That(incidents[1], Is.EqualTo(incidents[0]));
        Assert.That(incidents[2], Is.Not.EqualTo(incidents[0]));
    }
}

namespace Correlation.Topology.Tests.Queries;

public class RedundancyTests
{
    //        core-a ===== core-b      (two parallel links, group "core")
    //          |  \        /
    //          |   dist --'           (dist dual-homed: group "dist-up")
    //          |    |
    //        radio  access
    //          |
    //        remote                   (single microwave hop)
    private static readonly NetworkTopology Topology = new TopologyBuilder()
        .AddDevice(new Device { Id = "core-a", Role = DeviceRole.CoreRouter })
        .AddDevice(new Device { Id = "core-b", Role = DeviceRole.CoreRouter })
        .AddDevice(new Device { Id = "dist", Role = DeviceRole.DistributionSwitch })
        .AddDevice(new Device { Id = "access", Role = DeviceRole.AccessSwitch })
        .AddDevice(new Device { Id = "radio", Role = DeviceRole.MicrowaveRadio })
        .AddDevice(new Device { Id = "remote", Role = DeviceRole.Router })
        .AddLink(new Link { Id = "core-1", A = "core-a", B = "core-b", RedundancyGroup = "core" })
        .AddLink(new Link { Id = "core-2", A = "core-a", B = "core-b", RedundancyGroup = "core" })
        .AddLink(new Link { Id = "dist-up-a", A = "dist", B = "core-a", RedundancyGroup = "dist-up" })
        .AddLink(new Link { Id = "dist-up-b", A = "dist", B = "core-b", RedundancyGroup = "dist-up" })
        .AddLink(new Link { Id = "dist-access", A = "dist", B = "access" })
        .AddLink(new Link { Id = "core-radio", A = "core-a", B = "radio" })
        .AddLink(new Link { Id = "microwave", A = "radio", B = "remote", Kind = LinkKind.Microwave })
        .AddService(new Service { Id = "branch", DependsOnDevices = ["remote"] })
        .Build();

    [Test]
    public void A_link_with_a_twin_up_still_has_a_spare()
    {
        var failures = FailureSet.OfLinks("core-1");

        Assert.Multiple(() =>
        {
            Assert.That(Topology.RedundancyTwins("core-1").Select(l => l.Id), Is.EqualTo(new[] { "core-2" }));
            Assert.That(Topology.IsRedundancyExhausted("core-1", failures), Is.False);
            Assert.That(Topology.AreConnected("core-a", "core-b", failures), Is.True);
        });
    }

    [Test]
    public void A_link_whose_twins_are_all_down_has_no_spare_left()
    {
        var failures = FailureSet.OfLinks("core-1", "CORE-2");

        Assert.Multiple(() =>
        {
            Assert.That(Topology.IsRedundancyExhausted("core-1", failures), Is.True);
            // The group is gone, but a path remains through the dual-homed distribution switch.
            Assert.That(Topology.AreConnected("core-a", "core-b", failures), Is.True);
        });
    }

    [Test]
    public void A_link_counts_as_down_when_a_device_at_either_end_is()
    {
        var failures = FailureSet.OfDevices("core-b");

        Assert.Multiple(() =>
        {
            Assert.That(Topology.IsRedundancyExhausted("core-1", failures), Is.True);
            Assert.That(Topology.IsRedundancyExhausted("dist-up-a", failures), Is.False);
            Assert.That(Topology.AreConnected("access", "core-a", failures), Is.True);
            Assert.That(Topology.AreConnected("access", "core-b", failures), Is.False);
        });
    }

    [Test]
    public void A_link_without_a_group_has_no_spare_once_down()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.RedundancyTwins("microwave"), Is.Empty);
            Assert.That(Topology.IsRedundancyExhausted("microwave", FailureSet.OfLinks("microwave")), Is.True);
            Assert.That(Topology.IsRedundancyExhausted("microwave", FailureSet.None), Is.False);
            Assert.That(Topology.IsRedundancyExhausted("no-such-link", FailureSet.OfLinks("no-such-link")), Is.False);
        });
    }

    [Test]
    public void A_failed_device_whose_neighbours_have_another_path_cuts_nothing_off()
    {
        var impact = Topology.AssessFailure(FailureSet.OfDevices("core-b"));

        Assert.Multiple(() =>
        {
            Assert.That(impact.CutOffDevices, Is.Empty);
            Assert.That(impact.DownLinks.Select(l => l.Id), Is.EquivalentTo(new[] { "core-1", "core-2", "dist-up-b" }));
            Assert.That(impact.ExhaustedRedundancyGroups, Is.EqualTo(new[] { "core" }));
            Assert.That(impact.DegradedRedundancyGroups, Is.EqualTo(new[] { "dist-up" }));
            Assert.That(impact.ImpactedServices, Is.Empty);
        });
    }

    [Test]
    public void A_single_homed_branch_is_cut_off_with_its_services()
    {
        var impact = Topology.AssessFailure(FailureSet.OfLinks("microwave"));

        Assert.Multiple(() =>
        {
            Assert.That(impact.CutOffDevices.Select(d => d.Id), Is.EqualTo(new[] { "remote" }));
            Assert.That(impact.ImpactedServices.Select(s => s.Id), Is.EqualTo(new[] { "branch" }));
            Assert.That(impact.RedundancyHeld, Is.False);
        });
    }

    [Test]
    public void Anchors_can_be_named_for_networks_without_core_routers()
    {
        var ring = Networks.Ring(4_000);
        var split = FailureSet.OfDevices("n1000", "n3000");

        Assert.Multiple(() =>
        {
            Assert.That(ring.AssessFailure(split).CutOffDevices, Is.Empty, "no core routers, no anchors: nothing to be cut off from");
            Assert.That(ring.AssessFailure(split, anchors: ["n0"]).CutOffDevices, Has.Count.EqualTo(1_999));
            Assert.That(ring.AreConnected("n999", "n3001", split), Is.True);
            Assert.That(ring.AreConnected("n999", "n1001", split), Is.False);
            Assert.That(ring.AreConnected("n999", "n1001", FailureSet.OfDevices("n1000")), Is.True);
        });
    }

    [Test]
    public void A_failed_device_is_not_connected_to_anything()
    {
        Assert.That(Topology.AreConnected("dist", "access", FailureSet.OfDevices("dist")), Is.False);
    }

    [Test]
    public void One_device_is_cut_off_exactly_when_the_whole_network_assessment_says_so()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.IsCutOff("remote", ["radio"]), Is.True, "behind the failed radio");
            Assert.That(Topology.IsCutOff("access", ["core-a"]), Is.False, "dist still reaches core-b");
            Assert.That(Topology.IsCutOff("access", ["dist"]), Is.True);
            Assert.That(Topology.IsCutOff("dist", ["dist"]), Is.False, "a failed device is down, not cut off");
            Assert.That(Topology.IsCutOff("core-a", ["core-b"]), Is.False, "a core router is what others are cut off from");
            Assert.That(Topology.IsCutOff("nowhere", ["dist"]), Is.False);
        });

        // Random failure sets on the sample network: the one-device search agrees with the whole assessment.
        var network = SampleCmdb.Topology;
        var ids = network.Devices.Select(d => d.Id).ToArray();
        var random = new Random(20261123);
        var disagreements = new List<string>();
        var cutOffSeen = 0;
        for (var round = 0; round < 200; round++)
        {
            var failed = ids.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToArray();
            var cutOff = network.AssessFailure(FailureSet.OfDevices(failed)).CutOffDevices.Select(d => d.Id).ToHashSet();
            cutOffSeen += cutOff.Count;
            disagreements.AddRange(ids.Where(id => network.IsCutOff(id, failed) != cutOff.Contains(id))
                .Select(id => $"{id} with [{string.Join(", ", failed)}] failed"));
        }

        Assert.Multiple(() =>
        {
            Assert.That(cutOffSeen, Is.GreaterThan(0), "the rounds must cut something off for the comparison to mean anything");
            Assert.That(disagreements, Is.Empty);
        });
    }
}

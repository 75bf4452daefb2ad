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
}

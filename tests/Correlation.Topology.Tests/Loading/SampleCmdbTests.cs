namespace Correlation.Topology.Tests.Loading;

public class SampleCmdbTests
{
    private static NetworkTopology Topology => SampleCmdb.Topology;

    [Test]
    public void The_sample_loads_without_errors_or_warnings()
    {
        var result = CmdbLoader.TryLoad(SampleCmdb.Path);

        Assert.That(result.Problems, Is.Empty, string.Join('\n', result.Problems));
        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void The_sample_has_two_regions_six_sites_and_the_four_teams()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.Sites.Where(s => s.Region == "north").Select(s => s.Id),
                Is.EquivalentTo(new[] { "leeds", "york", "hull", "bradford" }));
            Assert.That(Topology.Sites.Where(s => s.Region == "south").Select(s => s.Id),
                Is.EquivalentTo(new[] { "london-dc1", "bristol" }));
            Assert.That(Topology.Teams.Select(t => t.Id),
                Is.EquivalentTo(new[] { "network-infrastructure", "server-operations", "voice", "security" }));
            Assert.That(Topology.Services.Select(s => s.Id),
                Is.EquivalentTo(new[] { "file-shares", "voip", "internet-access", "payments", "email" }));
        });
    }

    [Test]
    public void Every_site_has_a_router_a_distribution_switch_an_access_switch_and_a_ups()
    {
        foreach (var site in Topology.Sites)
        {
            var roles = Topology.DevicesAt(site.Id).Select(d => d.Role).ToHashSet();
            Assert.That(roles, Does.Contain(DeviceRole.DistributionSwitch).And.Contain(DeviceRole.AccessSwitch).And.Contain(DeviceRole.Ups), site.Id);
            Assert.That(roles.Contains(DeviceRole.Router) || roles.Contains(DeviceRole.CoreRouter), Is.True, site.Id);
        }
    }

    [Test]
    public void The_sample_storm_resources_resolve_to_devices_at_their_sites()
    {
        for (var n = 1; n <= 10; n++)
        {
            var resource = $"leeds-dev-{n:00}";
            Assert.That(Topology.Resolve(resource)?.SiteId, Is.EqualTo("leeds"), resource);
        }
        Assert.Multiple(() =>
        {
            Assert.That(Topology.Resolve("york-sw-01")?.Id, Is.EqualTo("york-asw-01"));
            Assert.That(Topology.Resolve("leeds-sw-1")?.Id, Is.EqualTo("leeds-asw-01"));
            Assert.That(Topology.Resolve("leeds-dev-09")?.Role, Is.EqualTo(DeviceRole.Ups));
            Assert.That(Topology.Resolve("leeds-dev-02")?.Role, Is.EqualTo(DeviceRole.CoreRouter));
        });
    }

    [TestCase("leeds-asw-01", "leeds-asw-02", 2)]
    [TestCase("york-asw-01", "leeds-asw-01", 5)]
    [TestCase("leeds-asw-01", "bristol-asw-01", 6)]
    [TestCase("hull-asw-01", "leeds-cr-01", 5)]
    [TestCase("leeds-cr-01", "ldn-cr-02", 1)]
    [TestCase("ldn-fw-01", "ldn-fw-01", 0)]
    public void Hop_distances_follow_the_shortest_path(string a, string b, int hops)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.HopDistance(a, b), Is.EqualTo(hops));
            Assert.That(Topology.HopDistance(b, a), Is.EqualTo(hops));
        });
    }

    [Test]
    public void Losing_one_backbone_circuit_leaves_the_data_centres_connected()
    {
        var failures = FailureSet.OfLinks("backbone-1");

        var impact = Topology.AssessFailure(failures);

        Assert.Multiple(() =>
        {
            Assert.That(Topology.AreConnected("leeds-cr-01", "ldn-cr-01", failures), Is.True);
            Assert.That(Topology.IsRedundancyExhausted("backbone-1", failures), Is.False);
            Assert.That(impact.DegradedRedundancyGroups, Is.EqualTo(new[] { "backbone" }));
            Assert.That(impact.RedundancyHeld, Is.True);
            Assert.That(impact.ImpactedServices, Is.Empty);
        });
    }

    [Test]
    public void Losing_both_backbone_circuits_exhausts_the_group_but_leeds_still_reaches_london_over_the_backup_vpn()
    {
        var failures = FailureSet.OfLinks("backbone-1", "backbone-2");

        var impact = Topology.AssessFailure(failures);

        Assert.Multiple(() =>
        {
            Assert.That(Topology.IsRedundancyExhausted("backbone-2", failures), Is.True);
            Assert.That(Topology.AreConnected("leeds-cr-01", "ldn-cr-01", failures), Is.True);
            Assert.That(impact.ExhaustedRedundancyGroups, Is.EqualTo(new[] { "backbone" }));
            Assert.That(impact.CutOffDevices, Is.Empty);
        });
    }

    [Test]
    public void Losing_the_microwave_link_cuts_off_hull_and_nothing_else()
    {
        var failures = FailureSet.OfLinks("hull-microwave");

        var impact = Topology.AssessFailure(failures);

        Assert.Multiple(() =>
        {
            Assert.That(Topology.IsRedundancyExhausted("hull-microwave", failures), Is.True);
            Assert.That(Topology.AreConnected("hull-asw-01", "leeds-cr-01", failures), Is.False);
            Assert.That(impact.CutOffDevices.Select(d => d.SiteId).Distinct(), Is.EqualTo(new[] { "hull" }));
            Assert.That(impact.CutOffDevices.Select(d => d.Id),
                Is.EquivalentTo(new[] { "hull-mw-01", "hull-rtr-01", "hull-dsw-01", "hull-asw-01", "hull-ups-01" }));
            Assert.That(impact.RedundancyHeld, Is.False);
        });
    }

    [Test]
    public void Losing_one_york_uplink_keeps_york_connected_and_losing_both_cuts_it_off()
    {
        var one = FailureSet.OfLinks("york-uplink-mpls");
        var both = FailureSet.OfLinks("york-uplink-mpls", "york-uplink-vpn");

        Assert.Multiple(() =>
        {
            Assert.That(Topology.AssessFailure(one).CutOffDevices, Is.Empty);
            Assert.That(Topology.IsRedundancyExhausted("york-uplink-mpls", one), Is.False);
            Assert.That(Topology.AssessFailure(both).CutOffDevices.Select(d => d.SiteId).Distinct(), Is.EqualTo(new[] { "york" }));
            Assert.That(Topology.IsRedundancyExhausted("york-uplink-mpls", both), Is.True);
        });
    }

    [Test]
    public void The_leeds_core_router_going_down_cuts_off_the_single_homed_sites_behind_it_but_not_york_or_the_leeds_campus()
    {
        var impact = Topology.AssessFailure(FailureSet.OfDevices("leeds-cr-01"));

        var cutOffSites = impact.CutOffDevices.Select(d => d.SiteId).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(cutOffSites, Is.EquivalentTo(new[] { "hull", "bradford", "leeds" }));
            // Only the Leeds radio, which hangs off the core router alone; the campus has its backup path.
            Assert.That(impact.CutOffDevices.Where(d => d.SiteId == "leeds").Select(d => d.Id), Is.EqualTo(new[] { "leeds-mw-01" }));
            Assert.That(impact.DownLinks.Select(l => l.Id), Does.Contain("backbone-1").And.Contain("york-uplink-mpls"));
            Assert.That(impact.DegradedRedundancyGroups, Does.Contain("york-uplink").And.Contain("leeds-campus-uplink"));
            Assert.That(impact.ExhaustedRedundancyGroups, Is.EqualTo(new[] { "backbone" }));
        });
    }

    [Test]
    public void The_internet_firewall_going_down_hits_every_service_that_needs_the_internet_most_critical_first()
    {
        var services = Topology.ServicesDependingOn("ldn-fw-01").Select(s => s.Id).ToList();

        Assert.That(services, Is.EqualTo(new[] { "internet-access", "payments", "email", "voip" }));
    }

    [Test]
    public void A_leeds_power_loss_takes_down_file_shares_and_voip_and_cuts_off_hull_and_bradford()
    {
        var leeds = Topology.DevicesAt("leeds").Select(d => d.Id);

        var impact = Topology.AssessFailure(new FailureSet(devices: leeds));

        Assert.Multiple(() =>
        {
            Assert.That(impact.ImpactedServices.Select(s => s.Id), Is.EquivalentTo(new[] { "file-shares", "voip" }));
            Assert.That(impact.CutOffDevices.Select(d => d.SiteId).Distinct(), Is.EquivalentTo(new[] { "hull", "bradford" }));
            Assert.That(Topology.AreConnected("york-asw-01", "ldn-pay-01", new FailureSet(devices: leeds)), Is.True);
        });
    }
}

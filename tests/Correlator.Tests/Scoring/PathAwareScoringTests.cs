using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Tests.Scoring;

/// <summary>
/// Relations through the network that follow how faults spread: along a device's way to the core, to
/// what an incident's failed devices cut off, within a site; not sideways between sites through a hub,
/// and not for conditions that stay on their device.
/// </summary>
public class PathAwareScoringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly ScoringOptions Options = new();

    // c1 = c2: the core. b1..b4: branches daisy-chained behind each other off c1, b4 with a switch.
    // s1, s2: branches side by side off c1; s1 has two switches. d1, d2: a data centre's routers, each
    // on both cores; x1..x4: a branch dual-homed to d1 and d2 and the chain behind it.
    private static readonly NetworkTopology Network = Build();

    private static NetworkTopology Build()
    {
        var builder = new TopologyBuilder();
        void Device(string id, DeviceRole role, string site)
        {
            if (builder.Build().FindSite(site) is null)
            {
                builder.AddSite(new Site { Id = site });
            }

            builder.AddDevice(new Device { Id = id, Role = role, SiteId = site });
        }

        void Link(string a, string b) => builder.AddLink(new Link { A = a, B = b });

        Device("c1", DeviceRole.CoreRouter, "core");
        Device("c2", DeviceRole.CoreRouter, "core");
        Link("c1", "c2");
        Device("b1-rtr", DeviceRole.Router, "b1");
        Device("b2-rtr", DeviceRole.Router, "b2");
        Device("b3-rtr", DeviceRole.Router, "b3");
        Device("b4-rtr", DeviceRole.Router, "b4");
        Device("b4-sw", DeviceRole.AccessSwitch, "b4");
        Link("c1", "b1-rtr");
        Link("b1-rtr", "b2-rtr");
        Link("b2-rtr", "b3-rtr");
        Link("b3-rtr", "b4-rtr");
        Link("b4-rtr", "b4-sw");
        Device("s1-rtr", DeviceRole.Router, "s1");
        Device("s1-sw1", DeviceRole.AccessSwitch, "s1");
        Device("s1-sw2", DeviceRole.AccessSwitch, "s1");
        Device("s2-rtr", DeviceRole.Router, "s2");
        Link("c1", "s1-rtr");
        Link("s1-rtr", "s1-sw1");
        Link("s1-rtr", "s1-sw2");
        Link("c1", "s2-rtr");
        Device("d1", DeviceRole.Router, "dc");
        Device("d2", DeviceRole.Router, "dc");
        Link("d1", "c1");
        Link("d1", "c2");
        Link("d2", "c1");
        Link("d2", "c2");
        Device("x1", DeviceRole.Router, "x");
        Device("x2", DeviceRole.Router, "x2");
        Device("x3", DeviceRole.Router, "x3");
        Device("x4", DeviceRole.Router, "x4");
        Link("x1", "d1");
        Link("x1", "d2");
        Link("x1", "x2");
        Link("x2", "x3");
        Link("x3", "x4");
        return builder.Build();
    }

    private static AlarmFacts Facts(string device, int seconds, string type = "device_unreachable", bool outage = false) =>
        new($"{device}/{type}", device, Network.SiteOf(device)?.Id, null, type, T0.AddSeconds(seconds), false, TextWords.Of($"{type} on {device}"), outage);

    private static IncidentFacts Incident(params AlarmFacts[] alarms)
    {
        var incident = new IncidentFacts("i", T0, 64);
        foreach (var alarm in alarms)
        {
            incident.Add(alarm, []);
        }

        return incident;
    }

    private static ScoreBreakdown Score(AlarmFacts alarm, IncidentFacts incident) => new AlarmScorer(Options).Score(alarm, incident, Network, []);

    [Test]
    public void A_site_behind_a_failed_branch_relates_to_it_beyond_the_hop_limit()
    {
        Assert.That(Network.HopDistance("b1-rtr", "b4-sw"), Is.GreaterThan(Options.MaxHops));

        var score = Score(Facts("b4-sw", 30), Incident(Facts("b1-rtr", 0)));

        Assert.That(score.Relation, Does.StartWith("on one path with b1-rtr"));
        Assert.That(score.Total, Is.GreaterThanOrEqualTo(Options.JoinThreshold));
        Assert.That(FailurePaths.Of(Network).Upstream("b4-sw"), Is.EquivalentTo(new[] { "b1-rtr", "b2-rtr", "b3-rtr", "b4-rtr" }));
    }

    [Test]
    public void What_the_incidents_failed_devices_cut_off_together_relates_to_it()
    {
        var down = Incident(Facts("d1", 0, outage: true), Facts("d2", 2, outage: true));
        var onlyNear = Incident(Facts("d1", 0, "high_cpu"), Facts("d2", 2, "high_cpu"));

        var cutOff = Score(Facts("x4", 30), down);
        var notDown = Score(Facts("x4", 30), onlyNear);

        Assert.That(FailurePaths.Of(Network).Upstream("x4"), Does.Not.Contain("d1").And.Not.Contain("d2"), "dual-homed: neither alone cuts it off");
        Assert.That(cutOff.Relation, Is.EqualTo("cut off by the incident's failed devices"));
        Assert.That(cutOff.Total, Is.GreaterThanOrEqualTo(Options.JoinThreshold));
        Assert.That(notDown.Total, Is.Zero);
    }

    [Test]
    public void Two_sites_side_by_side_on_one_hub_are_not_one_fault_but_two_switches_of_one_site_are()
    {
        var sideways = Score(Facts("s2-rtr", 5), Incident(Facts("b1-rtr", 0)));
        var sameSite = Score(Facts("s1-sw2", 5, "interface_errors"), Incident(Facts("s1-sw1", 0, "interface_errors")));

        Assert.That(Network.HopDistance("s2-rtr", "b1-rtr"), Is.EqualTo(2));
        Assert.That(Network.HopDistance("s1-sw2", "s1-sw1"), Is.EqualTo(2));
        Assert.That(sideways.Total, Is.LessThan(Options.JoinThreshold));
        Assert.That(sideways.Topology, Is.Zero, "neither is on the other's way to the core: not related by the network");
        Assert.That(sameSite.Total, Is.GreaterThanOrEqualTo(Options.JoinThreshold));
    }

    [Test]
    public void A_condition_that_stays_on_its_device_relates_only_through_that_device()
    {
        var incident = Incident(Facts("s1-rtr", 0, "link_down"));

        var neighbour = Score(Facts("s1-sw1", 5, "auth_failure"), incident);
        var sameDevice = Score(Facts("s1-rtr", 5, "config_change"), incident);
        var afterAChange = Score(Facts("s1-sw1", 5, "link_down"), Incident(Facts("s1-rtr", 0, "config_change")));

        Assert.That(neighbour.Total, Is.Zero);
        Assert.That(sameDevice.Total, Is.GreaterThanOrEqualTo(Options.JoinThreshold));
        Assert.That(afterAChange.Total, Is.Zero, "an incident of changes alone pulls in only its own devices");
    }

    [Test]
    public void An_outage_alarm_marks_its_device_as_failed_and_a_merge_keeps_it()
    {
        var incident = Incident(Facts("d1", 0, outage: true), Facts("d2", 1, "high_cpu"));
        var other = new IncidentFacts("j", T0, 64);
        other.Add(Facts("d2", 5, outage: true), []);

        incident.Absorb(other);

        Assert.That(incident.Down.Keys, Is.EquivalentTo(new[] { "d1", "d2" }));
    }
}

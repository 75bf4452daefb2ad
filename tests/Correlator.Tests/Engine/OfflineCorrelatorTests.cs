using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Correlation.Topology;

using static Correlation.Correlator.Tests.Alarms;

namespace Correlation.Correlator.Tests.Engine;

/// <summary>The scoring engine on the sample CMDB, with alarms replayed in time order.</summary>
public class OfflineCorrelatorTests
{

    private static List<string> Run(OfflineCorrelator engine, IEnumerable<Alarm> alarms) =>
        [.. alarms.Select(a => engine.Correlate(a).IncidentId ?? "ignored").ToList().Select(engine.FinalIncidentOf)];

    [Test]
    public void A_site_losing_power_is_one_incident()
    {
        var leeds = Alarms.Sample.DevicesAt("leeds");
        var alarms = leeds.Select((d, i) => At(i * 4, d.Id, i % 2 == 0 ? "device_unreachable" : "power_supply_failure", "lost power"));

        var incidents = Run(new OfflineCorrelator(Alarms.Sample, new ScoringOptions()), alarms);

        Assert.That(leeds, Has.Count.GreaterThan(5));
        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Two_unrelated_faults_in_two_regions_at_the_same_moment_are_two_incidents()
    {
        var alarms = new[]
        {
            At(0, "leeds-asw-01", "high_cpu", "CPU 100%"),
            At(1, "bristol-asw-02", "interface_errors", "CRC errors on uplink"),
            At(5, "leeds-asw-02", "packet_loss", "packet loss to core"),
            At(6, "bristol-asw-01", "interface_errors", "CRC errors on uplink"),
        };

        var incidents = Run(new OfflineCorrelator(Alarms.Sample, new ScoringOptions()), alarms);

        Assert.That(incidents[0], Is.EqualTo(incidents[2]));
        Assert.That(incidents[1], Is.EqualTo(incidents[3]));
        Assert.That(incidents[0], Is.Not.EqualTo(incidents[1]));
    }

    [Test]
    public void User_reports_and_application_alarms_join_the_switch_fault_behind_them()
    {
        var alarms = new[]
        {
            At(0, "leeds-asw-01", "high_cpu", "CPU at 100% on leeds-asw-01"),
            At(20, "leeds-fs-01", "http_check_failed", "file share check failed", service: "file-shares"),
            At(60, "leeds", "user_report", "the network drives are down at the Leeds office", site: "leeds"),
            At(90, "file-shares", "user_report", "cannot open files on the network drives", service: "file-shares"),
        };

        var incidents = Run(new OfflineCorrelator(Alarms.Sample, new ScoringOptions()), alarms);

        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_repeat_joins_its_condition_while_the_incident_is_active_and_opens_a_new_one_after_the_window()
    {
        var options = new ScoringOptions { Window = TimeSpan.FromMinutes(5) };
        var engine = new OfflineCorrelator(Alarms.Sample, options);

        var first = engine.Correlate(At(0, "york-asw-01", "interface_errors", "CRC errors"));
        var repeat = engine.Correlate(At(60, "york-asw-01", "interface_errors", "CRC errors"));
        var later = engine.Correlate(At(3600, "york-asw-01", "interface_errors", "CRC errors"));

        Assert.That(repeat.Kind, Is.EqualTo(DecisionKind.Repeat));
        Assert.That(repeat.IncidentId, Is.EqualTo(first.IncidentId));
        Assert.That(later.Kind, Is.EqualTo(DecisionKind.Opened));
    }

    [Test]
    public void An_alarm_that_ties_two_incidents_strongly_merges_them_and_says_so()
    {
        var chain = new TopologyBuilder();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            chain.AddDevice(new Device { Id = name, Role = DeviceRole.Router });
        }

        foreach (var (a, b) in new[] { ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e") })
        {
            chain.AddLink(new Link { A = a, B = b });
        }

        var engine = new OfflineCorrelator(chain.Build(), new ScoringOptions { MaxHops = 3, MergeThreshold = 0.6 });

        var left = engine.Correlate(At(0, "a", "link_down", "link down"));
        var right = engine.Correlate(At(1, "e", "link_down", "link down"));
        var middle = engine.Correlate(At(2, "c", "link_down", "link down"));

        Assert.That(right.IncidentId, Is.Not.EqualTo(left.IncidentId), "four hops apart: not related on their own");
        Assert.That(middle.Kind, Is.EqualTo(DecisionKind.Merged));
        Assert.That(middle.MergedIncidents, Has.Count.EqualTo(1));
        Assert.That(engine.FinalIncidentOf(left.IncidentId!), Is.EqualTo(engine.FinalIncidentOf(right.IncidentId!)));
        Assert.That(middle.Candidates.Select(c => c.Score.Hops), Is.All.EqualTo(2));
    }

    [Test]
    public void The_decision_records_every_candidate_with_its_score_components()
    {
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());
        engine.Correlate(At(0, "leeds-asw-01", "link_down", "uplink down"));

        var decision = engine.Correlate(At(30, "leeds-dsw-01", "link_down", "downlink down"));

        var candidate = decision.Candidates.Single();
        Assert.That(decision.Kind, Is.EqualTo(DecisionKind.Joined));
        Assert.That(candidate.Score.Hops, Is.EqualTo(Alarms.Sample.HopDistance("leeds-asw-01", "leeds-dsw-01")));
        Assert.That(candidate.Score.Time, Is.GreaterThan(0).And.LessThan(1));
        Assert.That(candidate.Score.Total, Is.GreaterThanOrEqualTo(decision.JoinThreshold));
    }

    private static NetworkTopology Branches()
    {
        // c1: the core; b1 -> b2 -> b3: branches daisy-chained behind each other; s1, s2: side by side on c1.
        var builder = new TopologyBuilder();
        foreach (var (id, role, site) in new[]
        {
            ("c1", DeviceRole.CoreRouter, "core"), ("b1", DeviceRole.Router, "b1"), ("b2", DeviceRole.Router, "b2"),
            ("b3", DeviceRole.Router, "b3"), ("b3-sw", DeviceRole.AccessSwitch, "b3"), ("s1", DeviceRole.Router, "s1"), ("s2", DeviceRole.Router, "s2"),
        })
        {
            builder.AddSite(new Site { Id = site + "-" + id });
            builder.AddDevice(new Device { Id = id, Role = role, SiteId = site + "-" + id });
        }

        foreach (var (a, b) in new[] { ("c1", "b1"), ("b1", "b2"), ("b2", "b3"), ("b3", "b3-sw"), ("c1", "s1"), ("c1", "s2") })
        {
            builder.AddLink(new Link { A = a, B = b });
        }

        return builder.Build();
    }

    [Test]
    public void A_site_reached_through_a_failed_branch_joins_its_outage_however_many_hops_away()
    {
        var engine = new OfflineCorrelator(Branches(), new ScoringOptions { MaxHops = 3 });

        var incidents = Run(engine, [
            At(0, "b1", "device_unreachable", "b1 not answering"),
            At(20, "b3-sw", "device_unreachable", "b3-sw not answering"),
        ]);

        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Two_branches_side_by_side_on_one_core_router_failing_at_once_are_two_incidents()
    {
        var engine = new OfflineCorrelator(Branches(), new ScoringOptions());

        var incidents = Run(engine, [
            At(0, "s1", "device_unreachable", "s1 not answering"),
            At(3, "s2", "device_unreachable", "s2 not answering"),
        ]);

        Assert.That(incidents[0], Is.Not.EqualTo(incidents[1]));
    }

    [Test]
    public void A_login_failure_next_to_an_outage_stays_an_incident_of_its_own()
    {
        var leeds = Alarms.Sample.DevicesAt("leeds");
        var alarms = leeds.Skip(1).Select((d, i) => At(i * 4, d.Id, "device_unreachable", "lost power")).ToList();
        alarms.Add(At(10, leeds[0].Id, "auth_failure", "5 failed logins for user admin"));

        var incidents = Run(new OfflineCorrelator(Alarms.Sample, new ScoringOptions()), alarms);

        Assert.That(incidents[^1], Is.Not.EqualTo(incidents[0]));
        Assert.That(incidents.SkipLast(1).Distinct().Count(), Is.EqualTo(1));
    }
}

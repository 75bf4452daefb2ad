using Correlation.Contracts;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Impact;

/// <summary>Classification and business impact, read from alarms against the sample CMDB and a generated network.</summary>
public class ImpactAssessorTests
{
    [Test]
    public void One_of_two_uplinks_down_is_an_impairment_with_the_group_degraded()
    {
        var assessment = Assess(SampleCmdb.Value, null, YorkMplsDown());

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Impairment));
            Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "link york-uplink-mpls" }));
            Assert.That(assessment.Impact.DegradedRedundancyGroups, Is.EqualTo(new[] { "york-uplink" }));
            Assert.That(assessment.Impact.ExhaustedRedundancyGroups, Is.Empty);
            Assert.That(assessment.Impact.CutOffDevices, Is.Empty);
            Assert.That(assessment.Summary, Does.Contain("york-uplink-mpls down, york-uplink-vpn still up"));
            Assert.That(assessment.Site, Is.EqualTo("york"));
            Assert.That(assessment.Region, Is.EqualTo("north"));
            Assert.That(assessment.Elements, Is.EquivalentTo(new[] { "link", "link:mpls" }));
        });
    }

    [Test]
    public void Both_uplinks_down_is_an_outage_that_isolates_the_site()
    {
        var assessment = Assess(SampleCmdb.Value, null, YorkMplsDown(), YorkVpnDown());

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Outage));
            Assert.That(assessment.Impact.ExhaustedRedundancyGroups, Is.EqualTo(new[] { "york-uplink" }));
            Assert.That(assessment.Impact.CutOffDevices, Is.EquivalentTo(new[] { "york-rtr-01", "york-dsw-01", "york-asw-01", "york-asw-02", "york-ups-01" }));
            Assert.That(assessment.IsolatedSites, Is.EqualTo(new[] { "york" }));
            Assert.That(assessment.Summary, Does.Contain("redundancy group york-uplink exhausted"));
        });
    }

    [Test]
    public void Devices_reported_unreachable_behind_a_cut_link_are_symptoms_not_failures()
    {
        // The radio link drops and the NMS loses every Hull box behind it.
        var assessment = Assess(SampleCmdb.Value, "link hull-microwave",
            Alarm("hull-mw-01", "link_down", instance: "hull-microwave"),
            Alarm("hull-rtr-01", "device_unreachable", AlarmSeverity.Critical),
            Alarm("hull-asw-01", "device_unreachable", AlarmSeverity.Critical));

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Outage));
            Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "link hull-microwave" }));
            Assert.That(assessment.Impact.CutOffDevices, Has.Count.EqualTo(5));
            Assert.That(assessment.IsolatedSites, Is.EqualTo(new[] { "hull" }));
            Assert.That(assessment.Teams, Is.EqualTo(new[] { "network-infrastructure" }));
        });
    }

    [Test]
    public void Unreachable_devices_without_a_named_cause_are_reduced_to_the_nearest_one_to_the_core()
    {
        var assessment = Assess(SampleCmdb.Value, null,
            Alarm("hull-asw-01", "device_unreachable"),
            Alarm("hull-dsw-01", "device_unreachable"),
            Alarm("hull-rtr-01", "device_unreachable"));

        Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "device hull-rtr-01" }));
        Assert.That(assessment.Impact.CutOffDevices, Is.EquivalentTo(new[] { "hull-dsw-01", "hull-asw-01", "hull-ups-01" }));
    }

    [Test]
    public void A_server_down_loses_the_services_that_need_it_and_their_customers()
    {
        var assessment = Assess(SampleCmdb.Value, null, Alarm("ldn-pay-01", "host_down", AlarmSeverity.Critical));

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Outage));
            Assert.That(assessment.Impact.Services, Is.EqualTo(new[] { "payments" }));
            Assert.That(assessment.Impact.Customers, Is.EqualTo(new[] { "retail-partners", "card-holders" }));
            Assert.That(assessment.TopService!.Criticality, Is.EqualTo(Correlation.Topology.Criticality.Critical));
            Assert.That(assessment.Teams, Is.EquivalentTo(new[] { "server-operations" }));
        });
    }

    [Test]
    public void A_degraded_server_is_an_impairment_of_its_services()
    {
        var assessment = Assess(SampleCmdb.Value, "device ldn-pay-01", Alarm("ldn-pay-01", "high_latency", AlarmSeverity.Major));

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Impairment));
            Assert.That(assessment.Impact.FailedElements, Is.Empty, "a probable cause is not a failure without an alarm that shows one");
            Assert.That(assessment.Impact.Services, Is.EqualTo(new[] { "payments" }));
            Assert.That(assessment.Summary, Does.Contain("degraded: ldn-pay-01 (high_latency)"));
        });
    }

    [Test]
    public void A_site_named_as_the_cause_fails_every_device_there()
    {
        var assessment = Assess(SampleCmdb.Value, "site york", Alarm("york-asw-01", "device_unreachable"), Alarm("york-asw-02", "device_unreachable"));

        Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "site york" }));
        Assert.That(assessment.IsolatedSites, Is.EqualTo(new[] { "york" }));
        Assert.That(assessment.Elements, Does.Contain("site"));
    }

    [TestCase("config_change", AlarmSeverity.Major)]
    [TestCase("high_cpu", AlarmSeverity.Warning)]
    public void Informational_types_and_low_severities_are_informational(string type, AlarmSeverity severity)
    {
        var assessment = Assess(SampleCmdb.Value, null, Alarm("york-asw-01", type, severity));

        Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Informational));
    }

    [Test]
    public void Cleared_members_no_longer_count()
    {
        var assessment = Assess(SampleCmdb.Value, null, YorkMplsDown(cleared: true), YorkVpnDown());

        Assert.That(assessment.Category, Is.EqualTo(IncidentCategory.Impairment));
        Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "link york-uplink-vpn" }));
    }

    [Test]
    public void A_link_is_found_from_the_neighbour_an_alarm_names()
    {
        var assessment = Assess(SampleCmdb.Value, null, Alarm("leeds-cr-01", "link_down", instance: "bradford-rtr-01"));

        Assert.That(assessment.Impact.FailedElements, Is.EqualTo(new[] { "link bradford-uplink" }));
        Assert.That(assessment.IsolatedSites, Is.EqualTo(new[] { "bradford" }));
    }

    [Test]
    public void Without_a_cmdb_alarms_are_classified_on_their_own()
    {
        var empty = Correlation.Topology.NetworkTopology.Empty;

        Assert.Multiple(() =>
        {
            Assert.That(Assess(empty, null, Alarm("box-1", "device_down")).Category, Is.EqualTo(IncidentCategory.Outage));
            Assert.That(Assess(empty, null, Alarm("box-1", "high_cpu")).Category, Is.EqualTo(IncidentCategory.Impairment));
            Assert.That(Assess(empty, null, Alarm("box-1", "high_cpu", AlarmSeverity.Info)).Category, Is.EqualTo(IncidentCategory.Informational));
        });
    }

    [Test]
    public void Redundancy_is_read_the_same_way_on_a_generated_network()
    {
        var network = Generated(cores: 3, dualHomed: 4, singleHomed: 2);
        for (var d = 0; d < 4; d++)
        {
            var router = $"d{d}-rtr";
            var one = Assess(network, null, Alarm(router, "link_down", instance: $"d{d}-a"));
            var both = Assess(network, null, Alarm(router, "link_down", instance: $"d{d}-a"), Alarm(router, "link_down", instance: $"d{d}-b"));

            Assert.Multiple(() =>
            {
                Assert.That(one.Category, Is.EqualTo(IncidentCategory.Impairment), router);
                Assert.That(one.Impact.DegradedRedundancyGroups, Is.EqualTo(new[] { $"d{d}-uplink" }), router);
                Assert.That(both.Category, Is.EqualTo(IncidentCategory.Outage), router);
                Assert.That(both.Impact.ExhaustedRedundancyGroups, Is.EqualTo(new[] { $"d{d}-uplink" }), router);
                Assert.That(both.IsolatedSites, Is.EqualTo(new[] { $"d{d}" }), router);
            });
        }
    }
}

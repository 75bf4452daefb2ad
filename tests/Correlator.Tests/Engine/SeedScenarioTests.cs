using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Correlation.Topology;

using static Correlation.Correlator.Tests.Alarms;

namespace Correlation.Correlator.Tests.Engine;

/// <summary>The seed scenarios on the sample CMDB, decided in memory (the same alarms go through the broker in the pipeline tests).</summary>
public class SeedScenarioTests
{

    [Test]
    public void Scenario_1_switch_applications_and_reports_are_one_incident_with_the_switch_as_cause_and_a_firewall_change_another()
    {
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());
        var alarms = new[]
        {
            At(0, "leeds-asw-03", "high_cpu", "CPU at 100% on leeds-asw-03, dropping packets"),
            At(20, "leeds-asw-03", "packet_loss", "output drops on the uplink of leeds-asw-03", instance: "Gi0/48"),
            At(30, "ldn-fw-01", "config_change", "firewall policy 42 changed by netops"),
            At(45, "leeds-fs-01", "http_check_failed", "File shares: synthetic check failing from the Leeds office", service: "file-shares"),
            At(60, "leeds-pbx-01", "voip_quality_poor", "Telephony: MOS below 3.5 on Leeds calls", service: "voip"),
            At(150, "leeds", "user_report", "the network drives are down at the Leeds office", site: "leeds", instance: "chat-7f3a"),
            At(240, "file-shares", "user_report", "cannot open anything on the network drives", service: "file-shares", instance: "mail-91c2"),
        };

        var decisions = alarms.Select(engine.Correlate).ToList();
        var incidents = decisions.Select(d => engine.FinalIncidentOf(d.IncidentId!)).ToList();

        var why = string.Join("\n", alarms.Zip(decisions, (a, d) =>
            $"{a.Resource} {a.AlarmType}: {d.Kind} {d.IncidentId} {string.Join("; ", d.Candidates.Select(c => $"{c.IncidentId} {c.Score.Total:0.00} {c.Score.Relation}"))}"));
        Assert.That(incidents.Where((_, i) => i != 2).Distinct().Count(), Is.EqualTo(1), why);
        Assert.That(incidents[2], Is.Not.EqualTo(incidents[0]), why);
    }

    [Test]
    public void A_configuration_change_decided_first_does_not_take_in_the_services_its_device_carries()
    {
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());

        // The firewall carries internet access, which telephony needs; its change is not a telephony outage.
        var change = engine.Correlate(At(0, "ldn-fw-01", "config_change", "firewall policy 42 changed by netops"));
        var voice = engine.Correlate(At(10, "leeds-pbx-01", "voip_quality_poor", "Telephony: MOS below 3.5 on Leeds calls", service: "voip"));
        var report = engine.Correlate(At(20, "london-dc1", "user_report", "calls keep dropping", site: "london-dc1", instance: "chat-1"));

        Assert.That(voice.IncidentId, Is.Not.EqualTo(change.IncidentId));
        Assert.That(report.IncidentId, Is.Not.EqualTo(change.IncidentId));
    }

    [Test]
    public void A_configuration_change_decided_last_does_not_join_an_incident_naming_a_service_its_device_carries()
    {
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());

        var voice = engine.Correlate(At(0, "leeds-pbx-01", "voip_quality_poor", "Telephony: MOS below 3.5 on Leeds calls", service: "voip"));
        var change = engine.Correlate(At(10, "ldn-fw-01", "config_change", "firewall policy 42 changed by netops"));

        Assert.That(change.Kind, Is.EqualTo(DecisionKind.Opened));
        Assert.That(change.IncidentId, Is.Not.EqualTo(voice.IncidentId));
    }

    [Test]
    public void A_device_alarm_labelled_with_a_service_its_device_does_not_carry_is_not_tied_to_that_service()
    {
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());
        var outage = engine.Correlate(At(0, "leeds-fs-01", "device_unreachable", "leeds-fs-01 not answering polls"));

        // York's access switch reports its own port errors; the sender labels them with the service its users use.
        var york = engine.Correlate(At(5, "york-asw-01", "interface_errors", "CRC errors rising on Gi0/1", service: "file-shares", instance: "Gi0/1"));
        var check = engine.Correlate(At(30, "leeds-fs-01", "http_check_failed", "File shares: synthetic check failing", service: "file-shares"));

        Assert.That(york.IncidentId, Is.Not.EqualTo(outage.IncidentId));
        Assert.That(check.IncidentId, Is.EqualTo(outage.IncidentId), "the check on the service's own host is part of it");
    }

    [Test]
    public void A_fault_decided_newest_first_is_still_one_incident()
    {
        // Batches of several correlators are not decided in the order the alarms were observed: a site's
        // power loss over fifteen minutes, its alarms decided last to first, is still one incident.
        var engine = new OfflineCorrelator(Alarms.Sample, new ScoringOptions());
        var leeds = Alarms.Sample.DevicesAt("leeds");
        var alarms = leeds.Select((d, i) => At(i * 90, d.Id, "device_unreachable", $"{d.Id} not answering polls")).ToList();

        var incidents = alarms.AsEnumerable().Reverse().Select(a => engine.FinalIncidentOf(engine.Correlate(a).IncidentId!)).ToList();

        Assert.That(alarms[^1].ObservedAt - alarms[0].ObservedAt, Is.GreaterThan(new ScoringOptions().Window));
        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
    }
}

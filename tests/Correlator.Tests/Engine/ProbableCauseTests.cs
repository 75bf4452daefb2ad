using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Correlation.Topology;

using static Correlation.Correlator.Tests.Alarms;

namespace Correlation.Correlator.Tests.Engine;

/// <summary>The probable cause of incidents on the sample CMDB.</summary>
public class ProbableCauseTests
{

    private static IncidentFacts Incident(params Alarm[] alarms)
    {
        var decider = new Decider(Alarms.Sample, new ScoringOptions());
        var incident = new IncidentFacts("i", Alarms.Start, 64);
        foreach (var alarm in alarms)
        {
            var context = decider.Prepare(alarm);
            incident.Add(context.Facts, context.Impacted);
        }

        return incident;
    }

    [Test]
    public void The_switch_the_applications_hang_off_is_the_cause_of_their_alarms_and_the_reports()
    {
        var cause = ProbableCause.Find(Alarms.Sample, Incident(
            At(0, "leeds-asw-03", "high_cpu"),
            At(0, "leeds-fs-01", "http_check_failed", service: "file-shares"),
            At(0, "leeds-pbx-01", "voip_quality_poor", service: "voip"),
            At(0, "leeds", "user_report", site: "leeds")));

        Assert.That(cause?.ToString(), Is.EqualTo("device leeds-asw-03"), cause?.Reason);
        Assert.That(cause!.Explained, Is.EqualTo(cause.Members));
    }

    [Test]
    public void A_link_named_by_an_alarm_on_one_side_and_explaining_the_other_side_is_the_cause()
    {
        var cause = ProbableCause.Find(Alarms.Sample, Incident(
            At(0, "leeds-mw-01", "link_down", instance: "hull-microwave"),
            At(0, "hull-asw-01", "device_unreachable")));

        Assert.That(cause?.ToString(), Is.EqualTo("link hull-microwave"), cause?.Reason);
    }

    [Test]
    public void A_device_reporting_its_own_errors_is_its_cause_not_the_silent_box_behind_it()
    {
        // york-ups-01 hangs off york-asw-01: its failure would also be seen by the switch, but it said nothing.
        var cause = ProbableCause.Find(Alarms.Sample, Incident(
            At(0, "york-asw-01", "interface_errors", instance: "Gi0/1"),
            At(5, "york-asw-01", "interface_errors", instance: "Gi0/2")));

        Assert.That(cause?.ToString(), Is.EqualTo("device york-asw-01"), cause?.Reason);
    }

    [Test]
    public void Nearly_every_device_of_a_site_alarming_names_the_site()
    {
        var cause = ProbableCause.Find(Alarms.Sample, Incident([.. Alarms.Sample.DevicesAt("york").Select(d => At(0, d.Id, "device_unreachable"))]));

        Assert.That(cause?.ToString(), Is.EqualTo("site york"), cause?.Reason);
    }

    [Test]
    public void An_incident_placed_nowhere_has_no_cause()
    {
        Assert.That(ProbableCause.Find(Alarms.Sample, new IncidentFacts("i", Alarms.Start, 64)), Is.Null);
    }
}

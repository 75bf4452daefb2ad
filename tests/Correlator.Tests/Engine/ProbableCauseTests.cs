using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Testing;
using Correlation.Topology;

namespace Correlation.Correlator.Tests.Engine;

/// <summary>The probable cause of incidents on the sample CMDB.</summary>
public class ProbableCauseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<NetworkTopology> Sample = new(() =>
        CmdbLoader.Load(Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml")));

    private static IncidentFacts Incident(params Alarm[] alarms)
    {
        var decider = new Decider(Sample.Value, new ScoringOptions());
        var incident = new IncidentFacts("i", T0, 64);
        foreach (var alarm in alarms)
        {
            var context = decider.Prepare(alarm);
            incident.Add(context.Facts, context.Impacted);
        }

        return incident;
    }

    private static Alarm At(string resource, string type, string? site = null, string? service = null, string? instance = null) =>
        Alarms.Raise(site ?? "", resource, type) with
        {
            Site = site,
            Service = service,
            Labels = instance is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["instance"] = instance },
            ObservedAt = T0,
        };

    [Test]
    public void The_switch_the_applications_hang_off_is_the_cause_of_their_alarms_and_the_reports()
    {
        var cause = ProbableCause.Find(Sample.Value, Incident(
            At("leeds-asw-03", "high_cpu"),
            At("leeds-fs-01", "http_check_failed", service: "file-shares"),
            At("leeds-pbx-01", "voip_quality_poor", service: "voip"),
            At("leeds", "user_report", site: "leeds")));

        Assert.That(cause?.ToString(), Is.EqualTo("device leeds-asw-03"), cause?.Reason);
        Assert.That(cause!.Explained, Is.EqualTo(cause.Members));
    }

    [Test]
    public void A_link_named_by_an_alarm_on_one_side_and_explaining_the_other_side_is_the_cause()
    {
        var cause = ProbableCause.Find(Sample.Value, Incident(
            At("leeds-mw-01", "link_down", instance: "hull-microwave"),
            At("hull-asw-01", "device_unreachable")));

        Assert.That(cause?.ToString(), Is.EqualTo("link hull-microwave"), cause?.Reason);
    }

    [Test]
    public void Nearly_every_device_of_a_site_alarming_names_the_site()
    {
        var cause = ProbableCause.Find(Sample.Value, Incident([.. Sample.Value.DevicesAt("york").Select(d => At(d.Id, "device_unreachable"))]));

        Assert.That(cause?.ToString(), Is.EqualTo("site york"), cause?.Reason);
    }

    [Test]
    public void An_incident_placed_nowhere_has_no_cause()
    {
        Assert.That(ProbableCause.Find(Sample.Value, new IncidentFacts("i", T0, 64)), Is.Null);
    }
}

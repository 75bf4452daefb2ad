using Correlation.Correlator.Learning;
using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Tests.Scoring;

/// <summary>The learned score component with an ML.NET signature model loaded.</summary>
public class LearnedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static SignatureModel Model(string group)
    {
        (string Type, string Summary)[] history =
        [
            ("link_down", "interface Gi0/1 down on r1"), ("bgp_session_down", "BGP neighbour 10.0.0.1 down"),
            ("disk_full", "/var at 97% on s1"),
        ];
        var model = SignatureModel.Fit(history, 3);
        var link = model.Signature("link_down", "interface Gi0/1 down on r1");
        var bgp = model.Signature("bgp_session_down", "BGP neighbour 10.0.0.1 down");
        var affinity = SignatureAffinity.Learn([(link, T0, "g"), (bgp, T0.AddSeconds(5), group)], TimeSpan.FromMinutes(2));
        return model.WithAffinity(affinity);
    }

    [Test]
    public void Signatures_that_were_one_incident_in_history_pull_together_and_others_do_not()
    {
        var together = new Learned(Signatures: Model("g"));
        var apart = new Learned(Signatures: Model("h"));
        var incident = new IncidentFacts("i", T0, 64);
        var link = new AlarmFacts("fp", "d1", null, null, "link_down", T0, false, TextWords.Of("x"),
            Signature: together.SignatureOf("link_down", "interface Gi0/7 down on r9"));
        incident.Add(link, []);
        var bgp = new AlarmFacts("fp2", "d1", null, null, "bgp_session_down", T0.AddSeconds(5), false, TextWords.Of("y"),
            Signature: together.SignatureOf("bgp_session_down", "BGP neighbour 10.9.9.9 down"));

        Assert.That(incident.Signatures.Keys, Is.EquivalentTo(new[] { link.Signature!.Value }));
        Assert.That(together.Affinity(bgp, incident), Is.EqualTo(2.0 / 3.0));
        Assert.That(apart.Affinity(bgp, incident), Is.EqualTo(1.0 / 3.0));
        Assert.That(Learned.None.Affinity(bgp, incident), Is.Null);
    }
}

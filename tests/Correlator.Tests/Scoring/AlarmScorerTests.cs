using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Tests.Scoring;

public class AlarmScorerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly NetworkTopology Line = BuildLine(8);

    private static NetworkTopology BuildLine(int length)
    {
        var builder = new TopologyBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.AddDevice(new Device { Id = $"n{i}", Role = DeviceRole.Router });
            if (i > 0)
            {
                builder.AddLink(new Link { A = $"n{i - 1}", B = $"n{i}" });
            }
        }

        return builder.Build();
    }

    private static AlarmFacts Facts(string? device, int seconds, string text = "link down") =>
        new($"{device}/t", device, null, null, "t", T0.AddSeconds(seconds), false, TextWords.Of(text));

    private static IncidentFacts Incident(string device)
    {
        var incident = new IncidentFacts("i", T0, 64);
        incident.Add(Facts(device, 0), []);
        return incident;
    }

    [Test]
    public void Nearer_in_the_network_and_in_time_scores_higher()
    {
        var scorer = new AlarmScorer(new ScoringOptions());
        var incident = Incident("n0");

        var near = scorer.Score(Facts("n1", 10), incident, Line, []);
        var farther = scorer.Score(Facts("n3", 10), incident, Line, []);
        var later = scorer.Score(Facts("n1", 600), incident, Line, []);

        Assert.That(near.Hops, Is.EqualTo(1));
        Assert.That(near.Total, Is.GreaterThan(farther.Total));
        Assert.That(near.Total, Is.GreaterThan(later.Total));
        Assert.That(later.Time, Is.LessThan(near.Time));
    }

    [Test]
    public void An_alarm_beyond_the_hop_limit_scores_nothing_however_close_in_time_and_words()
    {
        var scorer = new AlarmScorer(new ScoringOptions { MaxHops = 3 });

        var score = scorer.Score(Facts("n5", 0), Incident("n0"), Line, []);

        Assert.That(score.Topology, Is.Zero);
        Assert.That(score.Total, Is.Zero);
    }

    [Test]
    public void Words_are_lower_cased_and_numbers_and_filler_dropped()
    {
        var words = TextWords.Of("Interface Gi0/1 changed state to DOWN on 10.0.0.1", "link_down");

        Assert.That(words, Is.EquivalentTo(new[] { "interface", "down", "link" }));
        Assert.That(TextWords.Similarity(words, TextWords.Of("link down")), Is.EqualTo(2.0 / 3.0).Within(1e-9));
    }
}

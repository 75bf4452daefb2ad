using System.Text;
using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Tests.Scoring;

public class TypeAffinityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static TypeAffinity Learn(params (string Type, int Seconds, string Group)[] alarms) =>
        TypeAffinity.Learn([.. alarms.Select(a => (a.Type, T0.AddSeconds(a.Seconds), a.Group))], TimeSpan.FromMinutes(2));

    [Test]
    public void Types_that_fire_together_in_one_incident_gain_affinity_and_types_that_only_coincide_lose_it()
    {
        var affinity = Learn(
            ("link_down", 0, "f1"), ("bgp_session_down", 5, "f1"),
            ("link_down", 200, "f2"), ("bgp_session_down", 205, "f2"),
            ("disk_full", 206, "n1"));

        Assert.That(affinity.Of("link_down", "bgp_session_down"), Is.EqualTo(3.0 / 4.0));
        Assert.That(affinity.Of("bgp_session_down", "link_down"), Is.EqualTo(affinity.Of("link_down", "bgp_session_down")));
        Assert.That(affinity.Of("disk_full", "bgp_session_down"), Is.EqualTo(1.0 / 3.0));
        Assert.That(affinity.Of("never", "seen"), Is.EqualTo(0.5));
    }

    [Test]
    public void Alarms_further_apart_than_the_window_are_not_counted_as_a_pair()
    {
        var affinity = Learn(("a", 0, "g1"), ("b", 121, "g2"));

        Assert.That(affinity.IsEmpty, Is.True);
    }

    [Test]
    public void A_saved_model_loads_back_with_the_same_answers()
    {
        var affinity = Learn(("a", 0, "g"), ("b", 1, "g"), ("c", 2, "h"));
        using var stream = new MemoryStream();
        affinity.Save(stream);
        stream.Position = 0;

        var loaded = TypeAffinity.Load(stream, "model.json");

        Assert.That(loaded.Window, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(loaded.PairCount, Is.EqualTo(affinity.PairCount));
        Assert.That(loaded.Of("a", "b"), Is.EqualTo(affinity.Of("a", "b")));
        Assert.That(loaded.Of("b", "c"), Is.EqualTo(affinity.Of("b", "c")));
    }

    [TestCase("not json")]
    [TestCase("""{"version": 99, "window": "00:02:00", "pairs": []}""")]
    [TestCase("""{"version": 1, "window": "00:02:00", "pairs": [{"a": "x", "b": "y", "together": 5, "near": 2}]}""")]
    public void A_file_that_is_not_a_model_of_this_version_is_refused_with_its_name(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<InvalidDataException>(() => TypeAffinity.Load(stream, "model.json"));

        Assert.That(error!.Message, Does.StartWith("model.json:"));
    }

    [Test]
    public void With_a_model_the_scorer_weighs_type_affinity_in()
    {
        var incident = new IncidentFacts("i", T0, 64);
        incident.Add(new AlarmFacts("fp", "d1", null, null, "link_down", T0, false, TextWords.Of("x")), []);
        var alarm = new AlarmFacts("fp2", "d1", null, null, "bgp_session_down", T0.AddSeconds(5), false, TextWords.Of("y"));
        var related = Learn(("link_down", 0, "g"), ("bgp_session_down", 1, "g"));
        var unrelated = Learn(("link_down", 0, "g"), ("bgp_session_down", 1, "h"));
        var network = new Correlation.Topology.TopologyBuilder()
            .AddDevice(new Correlation.Topology.Device { Id = "d1", Role = Correlation.Topology.DeviceRole.Router })
            .Build();

        var plain = new AlarmScorer(new ScoringOptions()).Score(alarm, incident, network, []);
        var liked = new AlarmScorer(new ScoringOptions(), new Learned(related)).Score(alarm, incident, network, []);
        var disliked = new AlarmScorer(new ScoringOptions(), new Learned(unrelated)).Score(alarm, incident, network, []);

        Assert.That(plain.Affinity, Is.Null);
        Assert.That(liked.Affinity, Is.EqualTo(2.0 / 3.0));
        Assert.That(liked.Total, Is.GreaterThan(disliked.Total));
    }
}

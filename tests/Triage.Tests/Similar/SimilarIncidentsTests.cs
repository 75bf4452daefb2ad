using Correlation.Contracts;
using Correlation.Triage.Similar;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Similar;

/// <summary>Resolved incidents indexed in Redis and offered, with their root causes, in a new incident's plan.</summary>
public class SimilarIncidentsTests
{
    private static readonly RootCause RainFade = new("link hull-microwave", "rain fade", "third-party", "Heavy rain on the Leeds-Hull path");

    private TriageRig _rig = null!;

    [SetUp]
    public async Task SetUpAsync() => _rig = await TriageRig.StartAsync(options: new TriageOptions { SimilarIndexSize = 4 });

    [TearDown]
    public async Task TearDownAsync() => await _rig.DisposeAsync();

    private async Task ResolveAsync(Guid id, string title, string? cause, params Alarm[] alarms)
    {
        for (var i = 0; i < alarms.Length; i++)
        {
            await _rig.EventAsync(Snapshot(id, i + 1, title, cause: cause), alarms[i]);
        }
        _rig.Time.Advance(TimeSpan.FromHours(1));
        var last = alarms[^1];
        await _rig.EventAsync(Snapshot(id, alarms.Length + 1, title, cause: cause, state: IncidentState.Resolved) with { UpdatedAt = _rig.Time.GetUtcNow() },
            Alarm(last.Resource, last.AlarmType, instance: last.Labels.GetValueOrDefault("instance"), cleared: true));
    }

    private static Alarm MicrowaveDown() =>
        Alarm("leeds-mw-01", "link_down", instance: "hull-microwave", summary: "Radio link to Hull down, receive level below threshold");

    [Test]
    public async Task A_new_incident_is_offered_the_most_similar_resolved_ones_with_their_root_causes()
    {
        Guid microwave = Guid.NewGuid(), payments = Guid.NewGuid(), york = Guid.NewGuid();
        await ResolveAsync(microwave, "link_down on leeds-mw-01 at leeds", "link hull-microwave", MicrowaveDown(),
            Alarm("hull-rtr-01", "device_unreachable", summary: "ICMP echo unanswered"));
        await _rig.Triager.OnRootCauseAsync(new IncidentRootCauseRecorded(microwave, RainFade, "dave", Weekday));
        await ResolveAsync(payments, "high_cpu on ldn-pay-01 at london-dc1", null, Alarm("ldn-pay-01", "high_cpu", summary: "CPU above 95%"));
        await ResolveAsync(york, "link_down on york-rtr-01 at york", null, YorkMplsDown());

        var plan = (await _rig.EventAsync(Guid.NewGuid(), 1, MicrowaveDown(), "link hull-microwave", "link_down on leeds-mw-01 at leeds")).Planned.Single();

        Assert.That(plan.Similar, Is.Not.Empty);
        var best = plan.Similar[0];
        Assert.Multiple(() =>
        {
            Assert.That(best.IncidentId, Is.EqualTo(microwave));
            Assert.That(best.RootCause, Is.EqualTo(RainFade));
            Assert.That(best.Similarity, Is.GreaterThan(0.6));
            Assert.That(best.Title, Is.EqualTo("link_down on leeds-mw-01 at leeds"));
            Assert.That(plan.Similar.Select(s => s.IncidentId), Does.Not.Contain(payments), "nothing in common but the CMDB");
            Assert.That(plan.Similar.Select(s => s.Similarity), Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task A_root_cause_recorded_before_resolution_is_found_too()
    {
        var microwave = Guid.NewGuid();
        await _rig.Triager.OnRootCauseAsync(new IncidentRootCauseRecorded(microwave, RainFade, "dave", Weekday));
        await ResolveAsync(microwave, "link_down on leeds-mw-01 at leeds", "link hull-microwave", MicrowaveDown());

        var plan = (await _rig.EventAsync(Guid.NewGuid(), 1, MicrowaveDown(), "link hull-microwave", "link_down on leeds-mw-01 at leeds")).Planned.Single();

        Assert.That(plan.Similar.Single().RootCause, Is.EqualTo(RainFade));
    }

    [Test]
    public async Task The_index_keeps_only_the_newest_incidents()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
        {
            await ResolveAsync(id, "link_down on leeds-mw-01 at leeds", "link hull-microwave", MicrowaveDown());
        }

        var candidates = await _rig.Similar.CandidatesAsync();
        var documents = await _rig.Redis.KeysAsync("triage:similar:*");

        Assert.That(candidates.Select(c => c.Past.IncidentId), Is.EqualTo(ids.Skip(2).Reverse()));
        Assert.That(documents, Has.Count.EqualTo(4), "the documents of dropped entries go with them");
    }

    [Test]
    public void Identical_signatures_score_one_and_disjoint_ones_zero()
    {
        var a = new IncidentSignature(Guid.NewGuid(), "t", ["radio", "hull"], ["link_down"], ["link:microwave"], ["site hull"], Weekday);
        var b = a with { IncidentId = Guid.NewGuid() };
        var c = new IncidentSignature(Guid.NewGuid(), "t", ["cpu"], ["high_cpu"], ["server"], ["site london-dc1"], Weekday);
        var textOnly = new IncidentSignature(Guid.NewGuid(), "t", ["radio", "hull"], ["link_down"], [], [], Weekday);

        Assert.That(Similarity.Score(a, b), Is.EqualTo(1.0));
        Assert.That(Similarity.Score(a, c), Is.EqualTo(0.0));
        Assert.That(Similarity.Score(a, textOnly), Is.EqualTo(0.6).Within(1e-9), "what neither has is left out, what one has counts against");
    }
}

using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Live;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.Topology;
using static Correlation.Correlator.Tests.Alarms;
using static Correlation.Correlator.Tests.Live.LiveWindow;

namespace Correlation.Correlator.Tests.Live;

/// <summary>The live correlator against the real Redis, on the sample CMDB.</summary>
public class LiveCorrelatorTests
{
    private LiveWindow _window = null!;

    [SetUp]
    public async Task SetUpAsync() => _window = await CreateAsync("live");

    [TearDown]
    public async Task TearDownAsync() => await _window.DisposeAsync();

    private static IncidentSnapshot IncidentOf(IReadOnlyList<object> events) => events.Single() switch
    {
        IncidentOpened e => e.Incident,
        IncidentUpdated e => e.Incident,
        IncidentMerged e => e.Incident,
        var other => throw new AssertionException($"unexpected {other.GetType().Name}"),
    };

    [Test]
    public async Task A_site_losing_power_is_one_incident_opened_once_and_updated_by_every_other_alarm()
    {
        var correlator = _window.NewCorrelator();
        var leeds = Topology().DevicesAt("leeds");
        var events = new List<object>();
        for (var i = 0; i < leeds.Count; i++)
        {
            events.AddRange(await correlator.CorrelateAsync(At(i * 3, leeds[i].Id, i % 2 == 0 ? "device_unreachable" : "power_supply_failure", "lost power")));
        }

        Assert.That(events.OfType<IncidentOpened>().Count(), Is.EqualTo(1));
        Assert.That(events.OfType<IncidentUpdated>().Count(), Is.EqualTo(leeds.Count - 1));
        var last = events.OfType<IncidentUpdated>().Last().Incident;
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => IncidentOf([e]).IncidentId).Distinct().Count(), Is.EqualTo(1));
            Assert.That(last.Version, Is.EqualTo(leeds.Count));
            Assert.That(last.AlarmCount, Is.EqualTo(leeds.Count));
            Assert.That(last.MemberCount, Is.EqualTo(leeds.Count));
            Assert.That(last.ActiveMemberCount, Is.EqualTo(leeds.Count));
            Assert.That(last.Site, Is.EqualTo("leeds"));
        });
    }

    [Test]
    public async Task Rules_activated_while_it_runs_decide_the_next_batch_and_its_records_name_them()
    {
        var rules = new ActiveRules(Microsoft.Extensions.Options.Options.Create(new ScoringOptions()));
        var correlator = _window.NewCorrelator(rules);
        var first = IncidentOf(await correlator.CorrelateAsync(At(0, "leeds-asw-01", "high_cpu", "CPU 100%")));
        var joined = IncidentOf(await correlator.CorrelateAsync(At(5, "leeds-asw-02", "packet_loss", "packet loss to core")));
        Assert.That(joined.IncidentId, Is.EqualTo(first.IncidentId), "the default rules join them");

        var strict = new ScoringOptions { JoinThreshold = 1, MergeThreshold = 1 };
        rules.Use(new RuleSet(strict, ScoringRules.Version(strict), "activated", null, "ann", T0));
        var alarm = At(10, "leeds-dsw-01", "packet_loss", "packet loss to core");
        var apart = IncidentOf(await correlator.CorrelateAsync(alarm));

        Assert.That(apart.IncidentId, Is.Not.EqualTo(first.IncidentId), "nothing joins under the activated rules");
        var record = JsonDocument.Parse((string)(await _window.Redis.Database.StringGetAsync(_window.Keys.Explanation(alarm.Id)))!).RootElement;
        Assert.That(record.GetProperty("rulesVersion").GetString(), Is.EqualTo(ScoringRules.Version(strict)));
        Assert.That(record.GetProperty("joinThreshold").GetDouble(), Is.EqualTo(1.0));
    }

    [Test]
    public async Task Two_unrelated_faults_in_two_regions_at_the_same_moment_are_two_incidents()
    {
        var correlator = _window.NewCorrelator();
        var a = IncidentOf(await correlator.CorrelateAsync(At(0, "leeds-asw-01", "high_cpu", "CPU 100%")));
        var b = IncidentOf(await correlator.CorrelateAsync(At(1, "bristol-asw-02", "interface_errors", "CRC errors on uplink")));
        var c = IncidentOf(await correlator.CorrelateAsync(At(5, "leeds-asw-02", "packet_loss", "packet loss to core")));
        var d = IncidentOf(await correlator.CorrelateAsync(At(6, "bristol-asw-01", "interface_errors", "CRC errors on uplink")));

        Assert.That(c.IncidentId, Is.EqualTo(a.IncidentId));
        Assert.That(d.IncidentId, Is.EqualTo(b.IncidentId));
        Assert.That(a.IncidentId, Is.Not.EqualTo(b.IncidentId));
    }

    [Test]
    public async Task A_repeat_counts_as_an_alarm_not_a_member_and_a_redelivery_changes_nothing()
    {
        var correlator = _window.NewCorrelator();
        var first = At(0, "york-asw-01", "interface_errors", "CRC errors");
        await correlator.CorrelateAsync(first);
        var repeat = IncidentOf(await correlator.CorrelateAsync(At(60, "york-asw-01", "interface_errors", "CRC errors")));
        var redelivered = IncidentOf(await correlator.CorrelateAsync(first));

        Assert.That(repeat.AlarmCount, Is.EqualTo(2));
        Assert.That(repeat.MemberCount, Is.EqualTo(1));
        Assert.That(redelivered.Version, Is.EqualTo(repeat.Version), "a redelivery is told again at the current version, not applied");
        Assert.That(redelivered.AlarmCount, Is.EqualTo(2));
    }

    [Test]
    public async Task A_repeat_whose_incident_can_no_longer_be_read_is_scored_against_the_incidents_under_its_keys()
    {
        // A repeat is expected to go to the incident holding its condition without looking under its keys;
        // when that incident's facts are gone it must be decided like a new alarm, on what its keys list.
        var correlator = _window.NewCorrelator();
        var first = IncidentOf(await correlator.CorrelateAsync(At(0, "leeds-asw-01", "packet_loss", "packet loss to core")));
        var held = _window.Keys.Incident(first.IncidentId.ToString("D"));
        await _window.Redis.Database.HashDeleteAsync(held, "facts");
        // Another process, with no copy of its own of the facts.
        var another = _window.NewCorrelator();
        var other = IncidentOf(await another.CorrelateAsync(At(10, "leeds-asw-02", "packet_loss", "packet loss to core")));

        var events = await another.CorrelateAsync(At(20, "leeds-asw-01", "packet_loss", "packet loss to core"));

        Assert.That(other.IncidentId, Is.Not.EqualTo(first.IncidentId), "the neighbour's alarm could not see the incident without facts");
        Assert.That(events.OfType<IncidentOpened>(), Is.Empty, "the repeat found the neighbour's incident instead of opening one");
        Assert.That(IncidentOf(events).IncidentId, Is.EqualTo(other.IncidentId));
    }

    [Test]
    public async Task State_left_by_the_earlier_per_site_correlator_does_not_get_in_the_way()
    {
        // The walking skeleton kept conditions and applied alarms as plain strings under fp: and idem:.
        var alarm = At(0, "york-asw-01", "interface_errors", "CRC errors");
        await _window.Redis.Database.StringSetAsync(_window.Keys.Root + "fp:" + alarm.Fingerprint, "old-incident");
        await _window.Redis.Database.StringSetAsync(_window.Keys.Root + "idem:" + alarm.IdempotencyKey, "old-incident");

        var events = await _window.NewCorrelator().CorrelateAsync(alarm);

        Assert.That(events.OfType<IncidentOpened>().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_clear_of_a_condition_no_incident_holds_is_ignored()
    {
        var events = await _window.NewCorrelator().CorrelateAsync(At(0, "york-asw-01", "link_down", "link down", status: AlarmStatus.Cleared));

        Assert.That(events, Is.Empty);
        Assert.That(await _window.Redis.KeysAsync("*inc:*"), Is.Empty);
    }

    [Test]
    public async Task The_incident_resolves_only_after_every_member_cleared_and_the_hold_down_passed()
    {
        var correlator = _window.NewCorrelator();
        var one = At(0, "york-asw-01", "link_down", "uplink down");
        var two = At(2, "york-asw-02", "link_down", "uplink down");
        var opened = IncidentOf(await correlator.CorrelateAsync(one));
        await correlator.CorrelateAsync(two);

        await correlator.CorrelateAsync(Alarms.Clear(one) with { ObservedAt = one.ObservedAt.AddSeconds(30) });
        _window.Time.Advance(_window.Options.HoldDown * 2);
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty, "one member still fires");

        var cleared = IncidentOf(await correlator.CorrelateAsync(Alarms.Clear(two) with { ObservedAt = two.ObservedAt.AddSeconds(40) }));
        Assert.That(cleared.ActiveMemberCount, Is.Zero);
        Assert.That(cleared.State, Is.EqualTo(IncidentState.Open));
        _window.Time.Advance(_window.Options.HoldDown - TimeSpan.FromSeconds(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty, "still within the hold-down");

        _window.Time.Advance(TimeSpan.FromSeconds(2));
        var resolved = await _window.Pending.TakeDueAsync();
        Assert.That(resolved, Has.Count.EqualTo(1));
        Assert.That(resolved[0].Incident.IncidentId, Is.EqualTo(opened.IncidentId));
        Assert.That(resolved[0].Incident.State, Is.EqualTo(IncidentState.Resolved));
        Assert.That(resolved[0].Incident.Version, Is.EqualTo(cleared.Version + 1));
        Assert.That(resolved[0].Alarm?.Status, Is.EqualTo(AlarmStatus.Cleared));

        // Until the Resolved event is confirmed published, the resolution is offered again, same version.
        _window.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await _window.Pending.TakeDueAsync();
        Assert.That(again.Select(r => r.Incident.Version), Is.EqualTo(new[] { resolved[0].Incident.Version }));
        await _window.Pending.ConfirmAsync(again);
        _window.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty);
    }

    [Test]
    public async Task An_open_incident_nothing_touches_for_the_dedup_horizon_expires_with_a_Resolved_event_that_says_so()
    {
        var correlator = _window.NewCorrelator();
        var one = At(0, "york-asw-01", "link_down", "uplink down");
        var opened = IncidentOf(await correlator.CorrelateAsync(one));
        var horizon = _window.Options.DedupHorizon;

        // Its keys outlive the horizon, so that the resolver still finds it to resolve.
        var ttl = await _window.Redis.Database.KeyTimeToLiveAsync(_window.Keys.Incident(opened.IncidentId.ToString("D")));
        Assert.That(ttl, Is.GreaterThan(horizon));

        // A repeat half-way through the horizon is a touch: the expiry moves to a horizon after it.
        _window.Time.Advance(horizon / 2);
        var repeat = IncidentOf(await correlator.CorrelateAsync(one with { Id = Guid.NewGuid(), IdempotencyKey = "repeat" }));
        _window.Time.Advance((horizon / 2) + TimeSpan.FromMinutes(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty, "touched within the horizon");

        _window.Time.Advance((horizon / 2) - TimeSpan.FromMinutes(2));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty, "a minute short of the horizon after the repeat");
        _window.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await _window.Pending.TakeDueAsync();

        Assert.That(expired, Has.Count.EqualTo(1));
        Assert.That(expired[0].Incident.IncidentId, Is.EqualTo(opened.IncidentId));
        Assert.That(expired[0].Incident.State, Is.EqualTo(IncidentState.Resolved));
        Assert.That(expired[0].Incident.Version, Is.EqualTo(repeat.Version + 1));
        Assert.That(expired[0].Incident.ActiveMemberCount, Is.EqualTo(1), "its member never cleared");
        Assert.That(expired[0].Alarm, Is.Null);
        Assert.That(expired[0].By, Is.Null);
        Assert.That(expired[0].Reason, Is.EqualTo("expired: no alarm for 1d, 1 of 1 members not cleared"));
        ttl = await _window.Redis.Database.KeyTimeToLiveAsync(_window.Keys.Incident(opened.IncidentId.ToString("D")));
        Assert.That(ttl, Is.LessThanOrEqualTo(_window.Options.ResolvedRetention), "kept as long as a resolved incident from now on");

        // Offered again until confirmed published, then not again.
        _window.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await _window.Pending.TakeDueAsync();
        Assert.That(again.Select(r => (r.Incident.Version, r.Reason)), Is.EqualTo(new[] { (expired[0].Incident.Version, expired[0].Reason) }));
        await _window.Pending.ConfirmAsync(again);
        _window.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty);
    }

    [Test]
    public async Task An_incident_merged_away_is_not_expired()
    {
        var correlator = _window.NewCorrelator();
        var one = At(0, "york-asw-01", "link_down", "uplink down");
        var opened = IncidentOf(await correlator.CorrelateAsync(one));
        var queued = await _window.Redis.Database.SortedSetScoreAsync(_window.Keys.Resolutions, opened.IncidentId.ToString("D"));
        Assert.That(queued, Is.EqualTo((_window.Time.GetUtcNow() + _window.Options.DedupHorizon).ToUnixTimeMilliseconds()),
            "an open incident is queued at its expiry");

        await _window.Redis.Database.HashSetAsync(_window.Keys.Incident(opened.IncidentId.ToString("D")), [new("state", "merged"), new("into", Guid.NewGuid().ToString("D"))]);
        _window.Time.Advance(_window.Options.DedupHorizon * 2);

        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty);
        Assert.That(await _window.Redis.Database.SortedSetLengthAsync(_window.Keys.Resolutions), Is.Zero, "taken off the queue");
    }

    [Test]
    public async Task A_raise_during_the_hold_down_keeps_the_incident_open()
    {
        var correlator = _window.NewCorrelator();
        var one = At(0, "york-asw-01", "link_down", "uplink down");
        await correlator.CorrelateAsync(one);
        await correlator.CorrelateAsync(Alarms.Clear(one) with { ObservedAt = one.ObservedAt.AddSeconds(30) });
        _window.Time.Advance(TimeSpan.FromSeconds(30));
        var back = IncidentOf(await correlator.CorrelateAsync(one with { Id = Guid.NewGuid(), IdempotencyKey = "again", ObservedAt = one.ObservedAt.AddSeconds(60) }));
        _window.Time.Advance(_window.Options.FlapHoldDown * 2);

        Assert.That(back.ActiveMemberCount, Is.EqualTo(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty);
    }

    [Test]
    public async Task A_condition_that_returns_after_resolution_reopens_its_incident()
    {
        var correlator = _window.NewCorrelator();
        var one = At(0, "york-asw-01", "link_down", "uplink down");
        var opened = IncidentOf(await correlator.CorrelateAsync(one));
        await correlator.CorrelateAsync(Alarms.Clear(one) with { ObservedAt = one.ObservedAt.AddSeconds(30) });
        _window.Time.Advance(_window.Options.HoldDown + TimeSpan.FromSeconds(1));
        var resolved = await _window.Pending.TakeDueAsync();
        await _window.Pending.ConfirmAsync(resolved);

        _window.Time.Advance(TimeSpan.FromMinutes(1));
        var events = await correlator.CorrelateAsync(one with { Id = Guid.NewGuid(), IdempotencyKey = "back", ObservedAt = one.ObservedAt.AddMinutes(4) });

        var reopened = events.OfType<IncidentUpdated>().Single().Incident;
        Assert.That(reopened.IncidentId, Is.EqualTo(opened.IncidentId));
        Assert.That(reopened.State, Is.EqualTo(IncidentState.Open));
        Assert.That(reopened.Version, Is.EqualTo(resolved[0].Incident.Version + 1));
    }

    [Test]
    public async Task A_flapping_condition_marks_the_incident_and_holds_it_open_longer()
    {
        var correlator = _window.NewCorrelator();
        var flap = At(0, "york-asw-01", "link_down", "uplink down");
        for (var i = 0; i <= _window.Options.FlapThreshold; i++)
        {
            await correlator.CorrelateAsync(flap with { Id = Guid.NewGuid(), IdempotencyKey = $"up{i}", ObservedAt = flap.ObservedAt.AddSeconds(i * 20) });
            await correlator.CorrelateAsync(Alarms.Clear(flap) with { IdempotencyKey = $"down{i}", ObservedAt = flap.ObservedAt.AddSeconds((i * 20) + 10) });
        }

        var flapping = await _window.Redis.Database.HashGetAsync(_window.Keys.Root + "inc:" + (await OnlyIncidentAsync()), "flapping");
        Assert.That((string?)flapping, Is.EqualTo("1"));
        _window.Time.Advance(_window.Options.HoldDown + TimeSpan.FromSeconds(1));
        Assert.That(await _window.Pending.TakeDueAsync(), Is.Empty, "a flapping incident waits out the longer hold-down");
        _window.Time.Advance(_window.Options.FlapHoldDown);
        Assert.That(await _window.Pending.TakeDueAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Every_alarm_leaves_a_decision_record_with_its_candidates_and_scores()
    {
        var correlator = _window.NewCorrelator();
        var first = At(0, "leeds-asw-01", "high_cpu", "CPU at 100% on leeds-asw-01");
        var second = At(20, "leeds-asw-02", "packet_loss", "packet loss on leeds-asw-02");
        var opened = IncidentOf(await correlator.CorrelateAsync(first));
        await correlator.CorrelateAsync(second);

        var json = (string?)await _window.Redis.Database.StringGetAsync(_window.Keys.Explanation(second.Id));
        var record = JsonSerializer.Deserialize<Explanation>(json!, ExplanationJson.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(record.Decision, Is.EqualTo(DecisionKind.Joined));
            Assert.That(record.IncidentId, Is.EqualTo(opened.IncidentId.ToString("D")));
            Assert.That(record.Candidates.Single().Score.Total, Is.GreaterThanOrEqualTo(record.JoinThreshold));
            Assert.That(record.Candidates.Single().Score.Hops, Is.Not.Null);
            Assert.That(record.RulesVersion, Does.StartWith("scoring-"));
            Assert.That(record.TopologyVersion, Is.EqualTo(1));
            Assert.That(record.Reason, Does.Contain("join threshold"));
        });
        var listed = await _window.Redis.Database.ListRangeAsync(_window.Keys.Explanations(opened.IncidentId.ToString("D")));
        Assert.That(listed.Select(v => (string?)v), Is.EqualTo(new[] { first.Id.ToString("D"), second.Id.ToString("D") }));
    }

    private async Task<string> OnlyIncidentAsync()
    {
        var keys = await _window.Redis.KeysAsync("*inc:*");
        return keys.Select(k => k[(k.IndexOf("inc:", StringComparison.Ordinal) + 4)..].Split(':')[0]).Distinct().Single();
    }

    private static NetworkTopology Topology() => CmdbLoader.Load(SampleCmdb);
}

using Correlation.Contracts;
using Correlation.Correlator.Windows;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Tests.Windows;

/// <summary>The window store against the real Redis.</summary>
public class CorrelationWindowStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private RedisTestKeys _redis = null!;
    private CorrelationWindowStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("window");
        _store = CreateStore(new CorrelatorOptions());
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    private CorrelationWindowStore CreateStore(CorrelatorOptions options) =>
        new(_redis.Connection, new CorrelatorKeys(_redis.Options),
            Options.Create(options));

    private Task<WindowDecision> ApplyAsync(Alarm alarm) => ApplyAsync(_store, alarm);

    private static Task<WindowDecision> ApplyAsync(CorrelationWindowStore store, Alarm alarm) =>
        store.ApplyAsync(alarm, Guid.NewGuid(), $"title {alarm.Resource}", Now);

    [Test]
    public async Task Raises_at_one_site_join_the_incident_the_first_one_opened()
    {
        var first = await ApplyAsync(Alarms.Raise("leeds", "sw1"));
        var second = await ApplyAsync(Alarms.Raise("leeds", "sw2", severity: AlarmSeverity.Critical));

        Assert.That(first.Outcome, Is.EqualTo(WindowOutcome.Opened));
        Assert.That(second.Outcome, Is.EqualTo(WindowOutcome.Updated));
        Assert.That(second.Incident!.IncidentId, Is.EqualTo(first.Incident!.IncidentId));
        Assert.Multiple(() =>
        {
            Assert.That(first.Incident.Version, Is.EqualTo(1));
            Assert.That(second.Incident.Version, Is.EqualTo(2));
            Assert.That(second.Incident.AlarmCount, Is.EqualTo(2));
            Assert.That(second.Incident.MemberCount, Is.EqualTo(2));
            Assert.That(second.Incident.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(second.Incident.Title, Is.EqualTo("title sw1"));
            Assert.That(second.Incident.Site, Is.EqualTo("leeds"));
            Assert.That(second.Incident.State, Is.EqualTo(IncidentState.Open));
        });
    }

    [Test]
    public async Task Another_site_opens_its_own_incident()
    {
        var leeds = await ApplyAsync(Alarms.Raise("leeds", "sw1"));
        var york = await ApplyAsync(Alarms.Raise("york", "york-sw1"));

        Assert.That(york.Outcome, Is.EqualTo(WindowOutcome.Opened));
        Assert.That(york.Incident!.IncidentId, Is.Not.EqualTo(leeds.Incident!.IncidentId));
    }

    [Test]
    public async Task Concurrent_raises_at_one_site_open_exactly_one_incident()
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => ApplyAsync(Alarms.Raise("leeds", $"dev{i}")))));

        Assert.That(decisions.Count(d => d.Outcome == WindowOutcome.Opened), Is.EqualTo(1));
        Assert.That(decisions.Select(d => d.Incident!.IncidentId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(decisions.Select(d => d.Incident!.Version).Order(), Is.EqualTo(Enumerable.Range(1, 200).Select(v => (long)v)));
        Assert.That(decisions.Max(d => d.Incident!.AlarmCount), Is.EqualTo(200));
    }

    [Test]
    public async Task A_repeat_of_a_condition_counts_as_an_alarm_but_not_as_a_new_member()
    {
        await ApplyAsync(Alarms.Raise("leeds", "sw1", fingerprint: "fp"));
        var repeat = await ApplyAsync(Alarms.Raise("leeds", "sw1", fingerprint: "fp"));

        Assert.That(repeat.Outcome, Is.EqualTo(WindowOutcome.Updated));
        Assert.That((repeat.Incident!.AlarmCount, repeat.Incident.MemberCount), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task A_redelivered_alarm_changes_nothing()
    {
        var alarm = Alarms.Raise("leeds", "sw1", idempotencyKey: "same-key");
        var first = await ApplyAsync(alarm);
        var again = await ApplyAsync(alarm with { Id = Guid.NewGuid() });

        Assert.That(again.Outcome, Is.EqualTo(WindowOutcome.Duplicate));
        Assert.That(again.Incident, Is.EqualTo(first.Incident));
    }

    [Test]
    public async Task The_incident_resolves_when_every_member_has_cleared_and_the_next_raise_opens_a_new_one()
    {
        var a = Alarms.Raise("leeds", "sw1");
        var b = Alarms.Raise("leeds", "sw2");
        var opened = await ApplyAsync(a);
        await ApplyAsync(b);

        var firstClear = await ApplyAsync(Alarms.Clear(a));
        var lastClear = await ApplyAsync(Alarms.Clear(b));
        var next = await ApplyAsync(Alarms.Raise("leeds", "sw3"));

        Assert.That(firstClear.Outcome, Is.EqualTo(WindowOutcome.Updated));
        Assert.That(firstClear.Incident!.ActiveMemberCount, Is.EqualTo(1));
        Assert.That(lastClear.Outcome, Is.EqualTo(WindowOutcome.Resolved));
        Assert.That(lastClear.Incident!.State, Is.EqualTo(IncidentState.Resolved));
        Assert.That(lastClear.Incident.ActiveMemberCount, Is.Zero);
        Assert.That(next.Outcome, Is.EqualTo(WindowOutcome.Opened));
        Assert.That(next.Incident!.IncidentId, Is.Not.EqualTo(opened.Incident!.IncidentId));
    }

    [Test]
    public async Task A_clear_for_a_condition_no_incident_holds_is_ignored()
    {
        var decision = await ApplyAsync(Alarms.Clear(Alarms.Raise("leeds", "never-raised")));

        Assert.That(decision, Is.EqualTo(new WindowDecision(WindowOutcome.Ignored, null)));
        Assert.That(await _redis.KeysAsync("correlator:incident:*"), Is.Empty);
    }

    [Test]
    public async Task A_raise_after_the_window_has_passed_opens_a_new_incident()
    {
        var store = CreateStore(new CorrelatorOptions { Window = TimeSpan.FromMilliseconds(300) });
        var first = await ApplyAsync(store, Alarms.Raise("leeds", "sw1"));
        await Task.Delay(600);

        var later = await ApplyAsync(store, Alarms.Raise("leeds", "sw2"));

        Assert.That(later.Outcome, Is.EqualTo(WindowOutcome.Opened));
        Assert.That(later.Incident!.IncidentId, Is.Not.EqualTo(first.Incident!.IncidentId));
    }

    [Test]
    public async Task The_incident_state_is_kept_in_redis_under_the_correlator_key_space()
    {
        var decision = await ApplyAsync(Alarms.Raise("leeds", "sw1"));

        var key = new CorrelatorKeys(_redis.Options).Incident(decision.Incident!.IncidentId);
        var state = (await _redis.Database.HashGetAllAsync(key)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);

        Assert.That(state["state"], Is.EqualTo("open"));
        Assert.That(state["alarms"], Is.EqualTo("1"));
        Assert.That(await _redis.KeysAsync("correlator:window:site:leeds"), Has.Count.EqualTo(1));
    }
}

using Correlation.Contracts;
using Correlation.Router.Escalation;
using Correlation.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Escalation;

/// <summary>Escalation of incidents that are not progressing, on a fake clock, with timers in the real Redis.</summary>
public class EscalationTests
{
    private const string Yaml = """
        rules:
          - name: critical
            when: { priority: P1 }
            notify: [function:incident-coordinator]
            stop: true
          - name: others
            notify: [function:operations]
        escalation:
          acknowledgeWithin: { P1: 15m, P2: 30m }
          progressWithin: { P1: 30m, P2: 1h }
          resolveWithin: { P1: 4h }
          deadlineWarningAt: 0.75
          followUpEvery: { P1: 1h }
          growth: { checkEvery: 15m, members: 3, services: 2 }
          notify: [function:communications]
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private RedisTestKeys _redis = null!;
    private FakeTimeProvider _clock = null!;
    private RouterHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("router-esc");
        _clock = new FakeTimeProvider(T0);
        _host = await RouterHost.StartAsync(_redis, _clock, Yaml);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<Guid> RoutedAsync(IncidentPriority priority, RouterHost? host = null)
    {
        host ??= _host;
        var id = Guid.NewGuid();
        await host.PublishAsync(Messages.Opened(id, "leeds-asw-01", "leeds", _clock.GetUtcNow()));
        await host.PublishAsync(Messages.Triaged(id, 1, priority, _clock.GetUtcNow()));
        Assert.That(host.Published<IncidentRouted>().Where(r => r.IncidentId == id), Has.Exactly(1).Items);
        return id;
    }

    private void At(TimeSpan sinceT0) => _clock.SetUtcNow(T0 + sinceT0);

    [Test]
    public async Task An_unacknowledged_P1_escalates_at_the_configured_time_with_the_member_count_it_has_then()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        for (var version = 2; version <= 4; version++)
        {
            _clock.Advance(TimeSpan.FromMinutes(2));
            await _host.PublishAsync(Messages.Updated(id, version, version, $"leeds-asw-0{version - 1}", "leeds", T0, _clock.GetUtcNow()));
        }

        At(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.NotAcknowledged), Is.Empty);
        Assert.That(await _host.Timers.DueAsync(id, TimerKind.Acknowledge), Is.EqualTo(T0 + TimeSpan.FromMinutes(15)));

        At(TimeSpan.FromMinutes(15));
        await _host.SweepTimersAsync();

        var escalated = _host.Escalations(id, EscalationReason.NotAcknowledged).Single();
        Assert.Multiple(() =>
        {
            Assert.That(escalated.Incident.MemberCount, Is.EqualTo(4), "the incident as it is now, not as it was routed");
            Assert.That(escalated.Incident.Version, Is.EqualTo(4));
            Assert.That(escalated.Level, Is.EqualTo(1));
            Assert.That(escalated.Priority, Is.EqualTo(IncidentPriority.P1));
            Assert.That(escalated.Destinations, Is.EqualTo(new[] { "function:incident-coordinator", "function:communications" }));
            Assert.That(escalated.EscalatedAt, Is.EqualTo(T0 + TimeSpan.FromMinutes(15)));
            Assert.That(escalated.Detail, Does.Contain("not acknowledged 15m after it was paged"));
        });

        // Still nobody: it comes back every period, one level up.
        At(TimeSpan.FromMinutes(30));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.NotAcknowledged).Select(e => e.Level), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task An_acknowledgement_in_time_stops_the_acknowledge_escalation()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        At(TimeSpan.FromMinutes(10));
        await _host.PublishAsync(new IncidentAcknowledged(id, "amira", _clock.GetUtcNow()));

        At(TimeSpan.FromMinutes(20));
        await _host.SweepTimersAsync();

        Assert.That(_host.Escalations(id, EscalationReason.NotAcknowledged), Is.Empty);
        Assert.That(await _host.Timers.DueAsync(id, TimerKind.Acknowledge), Is.Null);
    }

    [Test]
    public async Task An_acknowledged_incident_with_no_progress_escalates_and_a_note_resets_the_clock()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        At(TimeSpan.FromMinutes(5));
        await _host.PublishAsync(new IncidentAcknowledged(id, "amira", _clock.GetUtcNow()));
        Assert.That(await _host.Timers.DueAsync(id, TimerKind.Progress), Is.EqualTo(T0 + TimeSpan.FromMinutes(35)));

        At(TimeSpan.FromMinutes(34));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.NoProgress), Is.Empty);
        await _host.PublishAsync(new IncidentNoteAdded(id, "amira", "Swapping the optic on Gi0/1", _clock.GetUtcNow()));
        Assert.That(await _host.Timers.DueAsync(id, TimerKind.Progress), Is.EqualTo(T0 + TimeSpan.FromMinutes(64)));

        At(TimeSpan.FromMinutes(35));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.NoProgress), Is.Empty, "the note reset it");

        At(TimeSpan.FromMinutes(64));
        await _host.SweepTimersAsync();
        var escalated = _host.Escalations(id, EscalationReason.NoProgress).Single();
        Assert.Multiple(() =>
        {
            Assert.That(escalated.AcknowledgedBy, Is.EqualTo("amira"));
            Assert.That(escalated.LastProgressAt, Is.EqualTo(T0 + TimeSpan.FromMinutes(34)));
            Assert.That(escalated.Detail, Does.Contain("no state change, note or root cause for 30m"));
        });
    }

    [Test]
    public async Task A_critical_incident_comes_back_for_its_follow_up_every_hour_until_it_is_resolved()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        await _host.PublishAsync(new IncidentAcknowledged(id, "amira", _clock.GetUtcNow()));
        for (var hour = 1; hour <= 3; hour++)
        {
            At(TimeSpan.FromHours(hour) - TimeSpan.FromSeconds(1));
            await _host.SweepTimersAsync();
            Assert.That(_host.Escalations(id, EscalationReason.FollowUp), Has.Count.EqualTo(hour - 1));

            At(TimeSpan.FromHours(hour));
            await _host.SweepTimersAsync();
            Assert.That(_host.Escalations(id, EscalationReason.FollowUp), Has.Count.EqualTo(hour));
        }

        Assert.That(_host.Escalations(id, EscalationReason.FollowUp).Select(e => e.Level), Is.EqualTo(new[] { 1, 2, 3 }));
        At(TimeSpan.FromHours(3.5));
        await _host.PublishAsync(Messages.Resolved(id, 2, 1, "leeds-asw-01", "leeds", T0, _clock.GetUtcNow()));

        At(TimeSpan.FromHours(6));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.FollowUp), Has.Count.EqualTo(3));
        foreach (var kind in Enum.GetValues<TimerKind>())
        {
            Assert.That(await _host.Timers.DueAsync(id, kind), Is.Null, $"{kind} timer left after resolution");
        }
    }

    [Test]
    public async Task An_incident_still_growing_escalates_with_how_much_it_grew()
    {
        var id = await RoutedAsync(IncidentPriority.P2);
        await _host.PublishAsync(new IncidentAcknowledged(id, "chloe", _clock.GetUtcNow()));
        for (var version = 2; version <= 4; version++)
        {
            await _host.PublishAsync(Messages.Updated(id, version, version, $"leeds-asw-0{version - 1}", "leeds", T0, _clock.GetUtcNow()));
        }

        At(TimeSpan.FromMinutes(15));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.Growing).Single().Detail, Does.Contain("members 1 → 4"));

        // No more growth in the next quarter hour: no escalation.
        At(TimeSpan.FromMinutes(30));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.Growing), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_resolution_deadline_first_warns_then_escalates_when_missed()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        await _host.PublishAsync(new IncidentAcknowledged(id, "amira", _clock.GetUtcNow()));

        At(TimeSpan.FromHours(3));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.DeadlineAtRisk), Has.Count.EqualTo(1));
        Assert.That(_host.Escalations(id, EscalationReason.DeadlineMissed), Is.Empty);

        At(TimeSpan.FromHours(4));
        await _host.SweepTimersAsync();
        Assert.That(_host.Escalations(id, EscalationReason.DeadlineAtRisk), Has.Count.EqualTo(1));
        Assert.That(_host.Escalations(id, EscalationReason.DeadlineMissed), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_router_restart_loses_no_timer()
    {
        var id = await RoutedAsync(IncidentPriority.P1);
        await _host.DisposeAsync();

        // A new instance of the router over the same Redis, with its own background sweeper on the clock.
        _clock.SetUtcNow(T0 + TimeSpan.FromMinutes(20));
        _host = await RouterHost.StartAsync(_redis, _clock, Yaml, new Dictionary<string, string> { ["Router:SweepInterval"] = "00:00:01" });

        var escalated = await Eventually.ReturnsAsync(() => Task.FromResult(_host.Escalations(id, EscalationReason.NotAcknowledged)),
            e => e.Count > 0, TimeSpan.FromSeconds(30), "the restarted router to escalate");
        Assert.That(escalated.Single().Incident.IncidentId, Is.EqualTo(id));
        Assert.That(escalated.Single().Level, Is.EqualTo(1));
    }

    [Test]
    public async Task Two_router_instances_fire_a_due_timer_once()
    {
        await using var second = await RouterHost.StartAsync(_redis, _clock, Yaml);
        var ids = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await RoutedAsync(IncidentPriority.P1));
        }

        At(TimeSpan.FromMinutes(15));
        await Task.WhenAll(_host.SweepTimersAsync(), second.SweepTimersAsync(), _host.SweepTimersAsync(), second.SweepTimersAsync());

        var all = _host.Published<IncidentEscalated>().Concat(second.Published<IncidentEscalated>())
            .Where(e => e.Reason == EscalationReason.NotAcknowledged).ToList();
        Assert.That(all.Select(e => e.IncidentId), Is.EquivalentTo(ids));
    }
}

using Correlation.Contracts;
using Correlation.Router.Escalation;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Maintenance;

/// <summary>
/// A recurring window (Sunday 02:00-04:00 London time, two York access switches) on the real router with
/// the sample CMDB: the clock stands at 02:30 BST, which is 01:30 UTC, outside the window were it read in UTC.
/// </summary>
public class MaintenanceRoutingTests
{
    private const string Yaml = """
        rules:
          - name: everything
            notify: [function:network-infrastructure, queue:noc-pages]
        roster:
          people:
            - { id: chloe, name: Chloe Martin }
          functions:
            network-infrastructure:
              shifts:
                - { name: always, from: "00:00", to: "00:00", people: [chloe] }
        maintenance:
          - id: york-firmware
            name: York access switch firmware
            change: CHG-1234
            scope: { devices: [york-asw-01, york-asw-02] }
            recurrence: { timeZone: Europe/London, days: [sun], start: "02:00", duration: 2h }
        """;

    private static readonly DateTimeOffset InWindow = new(2026, 7, 5, 1, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowEnd = new(2026, 7, 5, 3, 0, 0, TimeSpan.Zero);
    private RedisTestKeys _redis = null!;
    private FakeTimeProvider _clock = null!;
    private RouterHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("router-mnt");
        _clock = new FakeTimeProvider(InWindow);
        _host = await RouterHost.StartAsync(_redis, _clock, Yaml);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<Guid> TriagedAsync(string resource, string site, IncidentPriority priority = IncidentPriority.P2)
    {
        var id = Guid.NewGuid();
        await _host.PublishAsync(Messages.Opened(id, resource, site, _clock.GetUtcNow()));
        await _host.PublishAsync(Messages.Triaged(id, 1, priority, _clock.GetUtcNow(), site: site));
        return id;
    }

    private IReadOnlyList<IncidentRouted> Routes(Guid id) => [.. _host.Published<IncidentRouted>().Where(r => r.IncidentId == id)];

    private async Task<bool> PagedAsync(Guid id) =>
        await _host.Harness.Sent.Any<IncidentRouted>(m => m.Context.Message.IncidentId == id && !m.Context.Message.Suppressed);

    [Test]
    public async Task A_recurring_window_holds_back_its_equipment_only_flags_what_is_outside_and_routes_what_still_fails_when_it_ends()
    {
        var expected = await TriagedAsync("york-sw-01", "york");
        var elsewhere = await TriagedAsync("bristol-asw-01", "bristol");
        var spreading = await TriagedAsync("york-asw-02", "york");
        var cleared = await TriagedAsync("york-asw-01", "york", IncidentPriority.P3);

        // In scope: expected work, routed as suppressed naming the window, nobody paged, nothing escalates.
        var held = Routes(expected).Single();
        Assert.Multiple(() =>
        {
            Assert.That(held.Suppressed, Is.True);
            Assert.That(held.Maintenance, Is.EqualTo(new MaintenanceWindowMatch("york-firmware", "York access switch firmware", "CHG-1234", WindowEnd)));
            Assert.That(held.Destinations, Is.Empty);
            Assert.That(held.Recipients, Is.Empty);
            Assert.That(held.Reason, Does.Contain("expected work of maintenance window 'York access switch firmware' (CHG-1234)"));
        });
        Assert.That(await _host.Timers.DueAsync(expected, TimerKind.Acknowledge), Is.Null);

        // Out of scope, in the same hour: paged as usual.
        var paged = Routes(elsewhere).Single();
        Assert.That(paged.Suppressed, Is.False);
        Assert.That(paged.Recipients.Single().PersonId, Is.EqualTo("chloe"));
        Assert.That(await PagedAsync(elsewhere), Is.True);

        // An alarm outside the scope joins in-scope work: flagged, and the incident is routed normally.
        Assert.That(Routes(spreading).Single().Suppressed, Is.True);
        await _host.PublishAsync(Messages.Updated(spreading, 2, 2, "york-rtr-01", "york", InWindow, _clock.GetUtcNow()));
        var flag = _host.Published<MaintenanceScopeExceeded>().Single(f => f.IncidentId == spreading);
        Assert.That((flag.WindowId, flag.Resource, flag.ChangeReference), Is.EqualTo(("york-firmware", "york-rtr-01", "CHG-1234")));
        Assert.That(Routes(spreading)[^1].Suppressed, Is.False);
        Assert.That(Routes(spreading)[^1].Reason, Does.Contain("beyond the maintenance window's scope"));
        Assert.That(await PagedAsync(spreading), Is.True);

        // A repeat of the out-of-scope alarm is not flagged twice.
        await _host.PublishAsync(Messages.Updated(spreading, 3, 2, "york-rtr-01", "york", InWindow, _clock.GetUtcNow()));
        Assert.That(_host.Published<MaintenanceScopeExceeded>().Where(f => f.IncidentId == spreading), Has.Exactly(1).Items);

        // One held incident clears during the window; the other is still failing when it ends.
        await _host.PublishAsync(Messages.Resolved(cleared, 2, 1, "york-asw-01", "york", InWindow, _clock.GetUtcNow()));
        _clock.SetUtcNow(WindowEnd - TimeSpan.FromSeconds(1));
        await _host.SweepTimersAsync();
        Assert.That(Routes(expected), Has.Count.EqualTo(1));

        _clock.SetUtcNow(WindowEnd);
        await _host.SweepTimersAsync();

        var after = Routes(expected)[^1];
        Assert.That(after.Suppressed, Is.False);
        Assert.That(after.Reason, Does.Contain("maintenance window 'York access switch firmware' no longer holds it back and it is still failing"));
        Assert.That(after.Recipients.Single().PersonId, Is.EqualTo("chloe"));
        Assert.That(await PagedAsync(expected), Is.True);
        Assert.That(await _host.Timers.DueAsync(expected, TimerKind.Acknowledge), Is.Not.Null, "escalation starts once it is paged");
        Assert.That(Routes(cleared), Has.Count.EqualTo(1), "what cleared during the window is not routed");
        Assert.That(_host.Harness.Sent.Select<IncidentRouted>().Any(m => m.Context.Message.IncidentId == cleared), Is.False);
    }

    [Test]
    public async Task An_out_of_scope_alarm_among_the_earlier_alarms_of_one_event_is_flagged_too()
    {
        var spreading = await TriagedAsync("york-asw-02", "york");
        Assert.That(Routes(spreading).Single().Suppressed, Is.True);

        // One correlator batch: the out-of-scope router alarm first, then another in-scope switch alarm last.
        var batch = Messages.Updated(spreading, 3, 3, "york-asw-02", "york", InWindow, _clock.GetUtcNow()) with
        {
            Earlier = [Messages.Alarm("york-rtr-01", "york", _clock.GetUtcNow())],
        };
        await _host.PublishAsync(batch);

        var flag = _host.Published<MaintenanceScopeExceeded>().Single(f => f.IncidentId == spreading);
        Assert.That(flag.Resource, Is.EqualTo("york-rtr-01"));
        Assert.That(Routes(spreading)[^1].Suppressed, Is.False);
    }

    [Test]
    public async Task A_window_scheduled_by_command_holds_back_its_site_until_it_is_cancelled()
    {
        await _host.PublishAsync(new ScheduleMaintenance(new MaintenanceWindow("bristol-power", "Bristol UPS replacement", "CHG-77",
            new MaintenanceScope(["bristol"], [], []), InWindow - TimeSpan.FromMinutes(10), InWindow + TimeSpan.FromHours(3), null), "ops", InWindow));
        var id = await TriagedAsync("bristol-ups-01", "bristol");
        Assert.That(Routes(id).Single().Maintenance?.WindowId, Is.EqualTo("bristol-power"));

        await _host.PublishAsync(new CancelMaintenance("bristol-power", "ops", InWindow));
        await _host.SweepTimersAsync();

        Assert.That(Routes(id)[^1].Suppressed, Is.False);
        Assert.That(await PagedAsync(id), Is.True);
    }

    [Test]
    public async Task A_configured_window_can_be_cancelled_by_command()
    {
        await _host.PublishAsync(new CancelMaintenance("york-firmware", "ops", InWindow));

        var id = await TriagedAsync("york-asw-01", "york");

        Assert.That(Routes(id).Single().Suppressed, Is.False);
    }
}

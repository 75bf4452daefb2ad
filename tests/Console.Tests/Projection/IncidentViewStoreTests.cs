using Correlation.Console.Projection;
using Correlation.Contracts;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Microsoft.Extensions.Options;

namespace Correlation.Console.Tests.Projection;

/// <summary>The console's projection against the real Redis.</summary>
public class IncidentViewStoreTests
{
    private RedisTestKeys _redis = null!;
    private IncidentViewStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("console");
        _store = new IncidentViewStore(_redis.Connection,
            _redis.Options, Options.Create(new ConsoleOptions { ResolvedRetention = TimeSpan.FromHours(1) }));
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    private Task<string?> Apply(string type, IncidentSnapshot snapshot, Alarm? alarm = null)
    {
        alarm ??= Events.Alarm(snapshot.Site!);
        object message = type switch
        {
            nameof(IncidentOpened) => new IncidentOpened(snapshot, alarm),
            nameof(IncidentResolved) => new IncidentResolved(snapshot, alarm),
            _ => new IncidentUpdated(snapshot, alarm),
        };
        return _store.ApplyAsync(snapshot, alarm, type, message);
    }

    [Test]
    public async Task Events_that_arrive_out_of_order_all_reach_the_stream_and_the_view_keeps_the_newest()
    {
        var id = Guid.NewGuid();
        var second = await Apply(nameof(IncidentUpdated), Events.Snapshot(id, 2, alarms: 2));
        var first = await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1, alarms: 1));

        var detail = await _store.GetAsync(id);
        var stream = await _store.ReadEventsAsync("0-0", 10);

        Assert.That(second, Is.Not.Null);
        Assert.That(first, Is.Not.Null);
        Assert.That(detail!.Incident.Version, Is.EqualTo(2));
        Assert.That(detail.Incident.AlarmCount, Is.EqualTo(2));
        Assert.That(detail.Alarms, Has.Count.EqualTo(2));
        Assert.That(stream.Select(e => e.Type), Is.EqualTo(new[] { nameof(IncidentUpdated), nameof(IncidentOpened) }));
        Assert.That(stream.Select(e => e.IncidentId).Distinct(), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task A_repeated_event_is_not_streamed_twice()
    {
        var snapshot = Events.Snapshot(Guid.NewGuid(), 1);
        var alarm = Events.Alarm();

        var first = await Apply(nameof(IncidentOpened), snapshot, alarm);
        var again = await Apply(nameof(IncidentOpened), snapshot, alarm);

        Assert.That(first, Is.Not.Null);
        Assert.That(again, Is.Null);
        Assert.That(await _store.ReadEventsAsync("0-0", 10), Has.Count.EqualTo(1));
        Assert.That((await _store.GetAsync(snapshot.IncidentId))!.Alarms, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Triage_and_routing_show_on_the_incident_even_when_they_arrive_first()
    {
        var id = Guid.NewGuid();
        await _store.ApplyAsync(Events.Triaged(id, 1, IncidentPriority.P1, "critical member"));
        await _store.ApplyAsync(new IncidentRouted(id, 1, IncidentPriority.P1, ["function:incident-coordinator"], "P1 pages", Events.Opened, [], [], false, null));
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1, severity: AlarmSeverity.Critical));
        await _store.ApplyAsync(Events.Triaged(id, 0, IncidentPriority.P4, "stale"));

        var view = (await _store.GetAsync(id))!.Incident;

        Assert.That(view.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(view.PriorityReason, Is.EqualTo("critical member"));
        Assert.That(view.Destinations, Is.EqualTo(new[] { "function:incident-coordinator" }));
        Assert.That(view.RouteReason, Is.EqualTo("P1 pages"));
    }

    [Test]
    public async Task A_resolved_incident_is_kept_for_the_retention_and_an_open_one_for_good()
    {
        var id = Guid.NewGuid();
        var view = $"{_redis.Prefix}console:incident:{id:D}";
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1));
        var whileOpen = await _redis.Database.KeyTimeToLiveAsync(view);

        await Apply(nameof(IncidentResolved), Events.Snapshot(id, 2, state: IncidentState.Resolved));
        var onceResolved = await _redis.Database.KeyTimeToLiveAsync(view);
        var alarmsKept = await _redis.Database.KeyTimeToLiveAsync(view + ":alarms");

        Assert.That(whileOpen, Is.Null);
        Assert.That(onceResolved, Is.GreaterThan(TimeSpan.FromMinutes(59)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(alarmsKept, Is.Not.Null);
    }

    [Test]
    public async Task The_list_is_newest_first_and_filters_by_state_site_and_priority()
    {
        var leeds = Guid.NewGuid();
        var york = Guid.NewGuid();
        await Apply(nameof(IncidentOpened), Events.Snapshot(leeds, 1, "leeds"));
        await Apply(nameof(IncidentOpened), Events.Snapshot(york, 1, "york") with { OpenedAt = Events.Opened.AddMinutes(1) });
        await Apply(nameof(IncidentResolved), Events.Snapshot(leeds, 2, "leeds", state: IncidentState.Resolved));
        await _store.ApplyAsync(Events.Triaged(york, 1, IncidentPriority.P2, "r"));

        Assert.That((await _store.ListAsync(null, null, null, 10)).Select(v => v.Id), Is.EqualTo(new[] { york, leeds }));
        Assert.That((await _store.ListAsync(IncidentState.Resolved, null, null, 10)).Select(v => v.Id), Is.EqualTo(new[] { leeds }));
        Assert.That((await _store.ListAsync(null, "YORK", null, 10)).Select(v => v.Id), Is.EqualTo(new[] { york }));
        Assert.That((await _store.ListAsync(null, null, IncidentPriority.P2, 10)).Select(v => v.Id), Is.EqualTo(new[] { york }));
        Assert.That(await _store.ListAsync(null, null, null, 1), Has.Count.EqualTo(1));
    }
}

using Correlation.Console.Projection;
using Correlation.Contracts;
using Correlation.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Console.Tests.Projection;

/// <summary>The console's projection against the real Redis.</summary>
public class IncidentViewStoreTests
{
    private RedisTestKeys _redis = null!;
    private IncidentViewStore _store = null!;
    private readonly FakeTimeProvider _clock = new(Events.Opened.AddSeconds(2));

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("console");
        _store = new IncidentViewStore(_redis.Connection, new ConsoleKeys(_redis.Options),
            Options.Create(new ConsoleOptions { ResolvedRetention = TimeSpan.FromHours(1) }), _clock);
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

    private static IncidentFilter All => new();

    [Test]
    public async Task Events_that_arrive_out_of_order_all_reach_the_stream_and_the_view_keeps_the_newest()
    {
        var id = Guid.NewGuid();
        var second = await Apply(nameof(IncidentUpdated), Events.Snapshot(id, 2, alarms: 2), Events.Alarm(resource: "sw2"));
        var first = await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1, alarms: 1), Events.Alarm(resource: "sw1"));

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
        Assert.That(await _store.TimelineAsync(snapshot.IncidentId, 0, 10), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_member_is_its_condition_with_the_latest_alarm_whatever_order_they_arrive_in()
    {
        var id = Guid.NewGuid();
        var cleared = Events.Alarm(resource: "sw1", status: AlarmStatus.Cleared);
        await Apply(nameof(IncidentUpdated), Events.Snapshot(id, 3, alarms: 3, active: 1), cleared);
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1), Events.Alarm(resource: "sw1"));
        await Apply(nameof(IncidentUpdated), Events.Snapshot(id, 2, alarms: 2), Events.Alarm(resource: "sw2"));

        var members = (await _store.GetAsync(id))!.Alarms;

        Assert.That(members.Select(m => m.Fingerprint), Is.EquivalentTo(new[] { "sw1/link_down", "sw2/link_down" }));
        Assert.That(members.Single(m => m.Fingerprint == "sw1/link_down").Status, Is.EqualTo(AlarmStatus.Cleared));
    }

    [Test]
    public async Task An_event_carrying_a_batch_of_alarms_lists_every_member_and_counts_every_alarm()
    {
        var id = Guid.NewGuid();
        var earlier = new[] { Events.Alarm(resource: "sw1"), Events.Alarm(resource: "sw2") };
        var last = Events.Alarm(resource: "sw3");
        var snapshot = Events.Snapshot(id, 3, alarms: 3);

        await _store.ApplyAsync(snapshot, last, nameof(IncidentOpened), new IncidentOpened(snapshot, last, earlier), earlier: earlier);

        var detail = await _store.GetAsync(id);
        Assert.That(detail!.Alarms.Select(a => a.Resource), Is.EquivalentTo(new[] { "sw1", "sw2", "sw3" }));
    }

    [Test]
    public async Task The_routers_team_fills_the_functions_with_who_is_on_them_now_and_what_nobody_fills()
    {
        var id = Guid.NewGuid();
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1));
        var coordinator = new TeamMember("incident-coordinator", "ann", "Ann Smith", "day", Events.Opened, null);
        var handedOver = new TeamMember("network-infrastructure", "bob", "Bob Jones", "day", Events.Opened, Events.Opened.AddHours(8));
        var next = new TeamMember("network-infrastructure", "cy", "Cy Lee", "night", Events.Opened.AddHours(8), null);

        await _store.ApplyAsync(new IncidentTeamChanged(id, "outage", [coordinator, handedOver, next], [next], [handedOver], ["communications"],
            "shift change", Events.Opened.AddHours(8)), "m1", "team outage: Cy Lee joined as network-infrastructure; Bob Jones left network-infrastructure");

        var team = (await _store.GetAsync(id))!.Team.Functions.ToDictionary(f => f.Function, f => f.Assignee);
        Assert.That(team, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["incident-coordinator"] = "Ann Smith",
            ["network-infrastructure"] = "Cy Lee",
            ["communications"] = null,
        }));
    }

    [Test]
    public async Task Moved_conditions_leave_one_incident_and_join_the_other_and_an_older_event_does_not_bring_them_back()
    {
        var from = Guid.NewGuid();
        var to = Guid.NewGuid();
        var sw2 = Events.Alarm(resource: "sw2");
        await Apply(nameof(IncidentOpened), Events.Snapshot(from, 1), Events.Alarm(resource: "sw1"));
        await Apply(nameof(IncidentOpened), Events.Snapshot(to, 1, "york"), Events.Alarm("york", "sw9"));

        await _store.ApplyAsync(new AlarmsMoved(Events.Snapshot(from, 3, alarms: 1), Events.Snapshot(to, 2, "york", alarms: 2), [sw2], "olga", Events.Opened),
            Guid.NewGuid().ToString("N"));
        await Apply(nameof(IncidentUpdated), Events.Snapshot(from, 2, alarms: 2), sw2);

        var source = await _store.GetAsync(from);
        var target = await _store.GetAsync(to);

        Assert.That(source!.Alarms.Select(a => a.Fingerprint), Is.EqualTo(new[] { "sw1/link_down" }));
        Assert.That(target!.Alarms.Select(a => a.Fingerprint), Is.EquivalentTo(new[] { "sw9/link_down", "sw2/link_down" }));
        Assert.That(source.Incident.Version, Is.EqualTo(3));
        Assert.That((await _store.TimelineAsync(to, 0, 10)).Select(e => e.Type), Does.Contain(nameof(AlarmsMoved)));
    }

    [Test]
    public async Task Triage_and_routing_show_on_the_incident_even_when_they_arrive_first()
    {
        var id = Guid.NewGuid();
        await _store.ApplyAsync(Events.Triaged(id, 1, IncidentPriority.P1, "critical member"));
        await _store.ApplyAsync(Events.Routed(id, 1, IncidentPriority.P1, "function:incident-coordinator"));
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1, severity: AlarmSeverity.Critical));
        await _store.ApplyAsync(Events.Triaged(id, 0, IncidentPriority.P4, "stale"));

        var view = (await _store.GetAsync(id))!.Incident;

        Assert.That(view.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(view.PriorityReason, Is.EqualTo("critical member"));
        Assert.That(view.Destinations, Is.EqualTo(new[] { "function:incident-coordinator" }));
        Assert.That(view.RouteReason, Is.EqualTo("P1 rule"));
    }

    [Test]
    public async Task A_resolved_incident_is_kept_for_the_retention_and_an_open_one_for_good()
    {
        var id = Guid.NewGuid();
        var view = $"{_redis.Prefix}console:incident:{id:D}";
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1));
        var whileOpen = await _redis.Database.KeyTimeToLiveAsync(view);

        await Apply(nameof(IncidentResolved), Events.Snapshot(id, 2, state: IncidentState.Resolved));
        await _store.ApplyAsync(new IncidentChannelLinked(id, ChannelKind.Chat, "#inc-1", null, "olga", Events.Opened), "late");
        var onceResolved = await _redis.Database.KeyTimeToLiveAsync(view);
        var alarmsKept = await _redis.Database.KeyTimeToLiveAsync(view + ":alarms");
        var lateChannel = await _redis.Database.KeyTimeToLiveAsync(view + ":channels");

        Assert.That(whileOpen, Is.Null);
        Assert.That(onceResolved, Is.GreaterThan(TimeSpan.FromMinutes(59)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
        Assert.That(alarmsKept, Is.Not.Null);
        Assert.That(lateChannel, Is.Not.Null, "what is added after the resolve goes with the incident");
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

        Assert.That((await _store.ListAsync(All, 0, 10)).Select(v => v.Id), Is.EqualTo(new[] { york, leeds }));
        Assert.That((await _store.ListAsync(new IncidentFilter(State: IncidentState.Resolved), 0, 10)).Select(v => v.Id), Is.EqualTo(new[] { leeds }));
        Assert.That((await _store.ListAsync(new IncidentFilter(Site: "YORK"), 0, 10)).Select(v => v.Id), Is.EqualTo(new[] { york }));
        Assert.That((await _store.ListAsync(new IncidentFilter(Priorities: [IncidentPriority.P2]), 0, 10)).Select(v => v.Id), Is.EqualTo(new[] { york }));
        Assert.That(await _store.ListAsync(All, 0, 1), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_expired_incident_leaves_the_index_when_the_list_meets_it()
    {
        var gone = Guid.NewGuid();
        await Apply(nameof(IncidentOpened), Events.Snapshot(gone, 1));
        await _redis.Database.KeyDeleteAsync($"{_redis.Prefix}console:incident:{gone:D}");

        Assert.That(await _store.ListAsync(All, 0, 10), Is.Empty);
        await Eventually.ReturnsAsync(() => _redis.Database.SortedSetLengthAsync($"{_redis.Prefix}console:incidents"), n => n == 0,
            TimeSpan.FromSeconds(5), "the index entry to go");
    }

    [Test]
    public async Task Alarms_count_into_the_minute_with_their_latency_from_ingest()
    {
        var id = Guid.NewGuid();
        await Apply(nameof(IncidentOpened), Events.Snapshot(id, 1), Events.Alarm(receivedAt: Events.Opened.AddSeconds(1.9)));
        await Apply(nameof(IncidentUpdated), Events.Snapshot(id, 2, alarms: 2), Events.Alarm(resource: "sw2", receivedAt: Events.Opened));

        var minute = (await _redis.Database.HashGetAllAsync($"{_redis.Prefix}console:throughput:{Events.Opened.ToUnixTimeSeconds() / 60}"))
            .ToDictionary(e => (string)e.Name!, e => (long)e.Value);

        Assert.That(minute["alarms"], Is.EqualTo(2));
        Assert.That(minute["incidents"], Is.EqualTo(1));
        Assert.That(minute["latency.max"], Is.EqualTo(2000));
        Assert.That(minute["latency.sum"], Is.EqualTo(2100));
    }
}

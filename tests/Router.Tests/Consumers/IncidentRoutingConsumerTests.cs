using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Delivery;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Consumers;

public class IncidentRoutingConsumerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private RedisTestKeys _redis = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("router");
        _clock = new FakeTimeProvider(T0);
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    /// <summary>What the router's key space in Redis holds for the incident.</summary>
    private async Task<string[]> RecordedDestinationsAsync(Guid id) =>
        ((string?)await _redis.Database.HashGetAsync($"{_redis.Prefix}router:incident:{id:D}", "destinations"))?.Split(' ') ?? [];

    [Test]
    public async Task Without_routing_files_a_triaged_incident_is_routed_by_priority_and_sent_to_its_queue()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var id = Guid.NewGuid();

        await host.Harness.Bus.Publish(Messages.Triaged(id, 3, IncidentPriority.P3, T0));

        Assert.That(await host.Harness.Published.Any<IncidentRouted>(m => m.Context.Message.IncidentId == id
            && m.Context.Message.Destinations.SequenceEqual(new[] { "queue:noc-medium" })), Is.True);
        Assert.That(await host.Harness.Sent.Any<IncidentRouted>(m => m.Context.Message.IncidentId == id
            && m.Context.DestinationAddress!.AbsolutePath.EndsWith("/noc-medium", StringComparison.Ordinal)), Is.True);
        Assert.That(await RecordedDestinationsAsync(id), Is.EqualTo(new[] { "queue:noc-medium" }));
    }

    [Test]
    public async Task An_incidents_keys_are_kept_for_the_configured_retention()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null, new Dictionary<string, string> { ["Router:Retention"] = "00:10:00" });
        var id = Guid.NewGuid();

        await host.Router.TriagedAsync(Messages.Triaged(id, 3, IncidentPriority.P3, T0), new RecordedEvents(), default);

        var ttl = await _redis.Database.KeyTimeToLiveAsync($"{_redis.Prefix}router:incident:{id:D}");
        Assert.That(ttl, Is.GreaterThan(TimeSpan.FromMinutes(9)).And.LessThanOrEqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task A_repeated_or_older_decision_is_not_routed_again_but_a_later_one_at_the_same_version_is()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var events = new RecordedEvents();
        var id = Guid.NewGuid();

        var first = await host.Router.TriagedAsync(Messages.Triaged(id, 3, IncidentPriority.P3, T0), events, default);
        var repeated = await host.Router.TriagedAsync(Messages.Triaged(id, 3, IncidentPriority.P3, T0), events, default);
        var older = await host.Router.TriagedAsync(Messages.Triaged(id, 2, IncidentPriority.P1, T0), events, default);
        // A watch-list rise changes the priority without a new incident version.
        var watched = await host.Router.TriagedAsync(Messages.Triaged(id, 3, IncidentPriority.P1, T0 + TimeSpan.FromMinutes(1), watched: true), events, default);

        Assert.That(first!.Destinations, Is.EqualTo(new[] { "queue:noc-medium" }));
        Assert.That(repeated, Is.Null);
        Assert.That(older, Is.Null);
        Assert.That(watched!.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(await RecordedDestinationsAsync(id), Is.EqualTo(new[] { "function:incident-coordinator", "function:network-infrastructure" }));
        Assert.That(events.Of<IncidentRouted>(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_decision_whose_route_was_not_committed_is_routed_when_delivered_again()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var id = Guid.NewGuid();
        var triaged = Messages.Triaged(id, 1, IncidentPriority.P3, T0);

        Assert.ThrowsAsync<InvalidOperationException>(() => host.Router.TriagedAsync(triaged, new FailingEvents(), default));
        var again = await host.Router.TriagedAsync(triaged, new RecordedEvents(), default);

        Assert.That(again, Is.Not.Null);
    }

    [Test]
    public async Task A_route_published_again_after_a_crash_is_the_same_message_and_a_later_decision_another()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var id = Guid.NewGuid();
        var triaged = Messages.Triaged(id, 1, IncidentPriority.P3, T0);
        var crashed = new RecordedEvents(crashAfterPublish: true);
        var again = new RecordedEvents();

        Assert.ThrowsAsync<InvalidOperationException>(() => host.Router.TriagedAsync(triaged, crashed, default));
        await host.Router.TriagedAsync(triaged, again, default);
        await host.Router.TriagedAsync(Messages.Triaged(id, 1, IncidentPriority.P1, T0 + TimeSpan.FromMinutes(1), watched: true), again, default);

        var first = crashed.Ids[crashed.All.ToList().FindIndex(e => e is IncidentRouted)];
        var routes = again.All.Select((e, i) => (e, again.Ids[i])).Where(p => p.e is IncidentRouted).Select(p => p.Item2).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.Null, "the route's id follows from the decision it routes");
            Assert.That(routes, Has.Count.EqualTo(2));
            Assert.That(routes[0], Is.EqualTo(first), "published again after the crash: the same message, which consumers drop as a repeat");
            Assert.That(routes[1], Is.Not.EqualTo(first), "the watched rise is a new decision, and a new route");
        });
    }

    [Test]
    public async Task A_stale_snapshot_is_dropped_but_its_member_is_kept()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var id = Guid.NewGuid();
        var events = new RecordedEvents();

        await host.Router.IncidentChangedAsync(Messages.Snapshot(id, 5, 3, T0, T0), Messages.Alarm("leeds-asw-01", "leeds", T0), events, default);
        await host.Router.IncidentChangedAsync(Messages.Snapshot(id, 4, 2, T0, T0), Messages.Alarm("leeds-asw-02", "leeds", T0), events, default);

        var projection = await host.Projection.GetAsync(id);
        Assert.That(projection!.Snapshot!.Version, Is.EqualTo(5));
        Assert.That(projection.Members.Select(m => m.Resource), Is.EqualTo(new[] { "leeds-asw-01", "leeds-asw-02" }));
    }

    [Test]
    public async Task A_merge_gives_the_survivor_the_absorbed_members_and_closes_the_absorbed()
    {
        await using var host = await RouterHost.StartAsync(_redis, _clock, null);
        var (survivor, absorbed) = (Guid.NewGuid(), Guid.NewGuid());
        await host.PublishAsync(Messages.Opened(survivor, "leeds-asw-01", "leeds", T0));
        await host.PublishAsync(Messages.Opened(absorbed, "leeds-asw-02", "leeds", T0));
        await host.PublishAsync(Messages.Triaged(absorbed, 1, IncidentPriority.P1, T0));

        await host.PublishAsync(new IncidentMerged(Messages.Snapshot(survivor, 2, 3, T0, T0),
            [Messages.Snapshot(absorbed, 2, 1, T0, T0, IncidentState.Merged)], Messages.Alarm("leeds-dsw-01", "leeds", T0)));

        var projection = await host.Projection.GetAsync(survivor);
        Assert.That(projection!.Members.Select(m => m.Resource), Is.EquivalentTo(new[] { "leeds-asw-01", "leeds-asw-02", "leeds-dsw-01" }));
        Assert.That(await host.Timers.DueAsync(absorbed, Router.Escalation.TimerKind.Acknowledge), Is.Null);
    }

    [Test]
    public async Task A_resolved_incident_closes_its_pagerduty_alert()
    {
        await using var receiver = await Tests.Delivery.WebhookReceiver.StartAsync(failures: 0);
        await using var host = await RouterHost.StartAsync(_redis, _clock, $$"""
            rules:
              - name: all
                notify: [webhook:pd]
            webhooks:
              - { name: pd, format: pagerduty, url: "{{receiver.Url}}", routingKey: KEY }
            """);
        var id = Guid.NewGuid();
        await host.PublishAsync(Messages.Opened(id, "leeds-asw-01", "leeds", T0));
        await host.PublishAsync(Messages.Triaged(id, 1, IncidentPriority.P1, T0));
        await host.PublishAsync(Messages.Resolved(id, 2, 1, "leeds-asw-01", "leeds", T0, T0 + TimeSpan.FromMinutes(5)));

        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Accepted.ToList()), a => a.Count >= 2, TimeSpan.FromSeconds(30),
            "the trigger and the resolve");
        Assert.That(accepted.Select(a => System.Text.Json.JsonDocument.Parse(a.Body).RootElement.GetProperty("event_action").GetString()),
            Is.EquivalentTo(new[] { "trigger", "resolve" }));
        var resolve = accepted.Select(a => System.Text.Json.JsonDocument.Parse(a.Body).RootElement)
            .Single(a => a.GetProperty("event_action").GetString() == "resolve");
        Assert.That(resolve.GetProperty("payload").GetProperty("custom_details").GetProperty("reason").GetString(), Is.EqualTo("every member has cleared"));
    }

    [Test]
    public async Task An_incident_the_correlator_expired_closes_its_pagerduty_alert_saying_why()
    {
        await using var receiver = await Tests.Delivery.WebhookReceiver.StartAsync(failures: 0);
        await using var host = await RouterHost.StartAsync(_redis, _clock, $$"""
            rules:
              - name: all
                notify: [webhook:pd]
            webhooks:
              - { name: pd, format: pagerduty, url: "{{receiver.Url}}", routingKey: KEY }
            """);
        var id = Guid.NewGuid();
        await host.PublishAsync(Messages.Opened(id, "leeds-asw-01", "leeds", T0));
        await host.PublishAsync(Messages.Triaged(id, 1, IncidentPriority.P1, T0));
        await host.PublishAsync(new IncidentResolved(Messages.Snapshot(id, 2, 1, T0, T0 + TimeSpan.FromDays(1), IncidentState.Resolved, "leeds"), null,
            Reason: "expired: no alarm for 1d, 1 of 1 members not cleared"));

        var accepted = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Accepted.ToList()), a => a.Count >= 2, TimeSpan.FromSeconds(30),
            "the trigger and the resolve");
        var resolve = accepted.Select(a => System.Text.Json.JsonDocument.Parse(a.Body).RootElement)
            .Single(a => a.GetProperty("event_action").GetString() == "resolve");
        Assert.That(resolve.GetProperty("payload").GetProperty("custom_details").GetProperty("reason").GetString(),
            Is.EqualTo("expired: no alarm for 1d, 1 of 1 members not cleared"));
    }

    [Test]
    public void A_destination_is_written_kind_colon_name()
    {
        Assert.That(Destination.TryParse("function:Incident-Coordinator", out var function), Is.True);
        Assert.That(function, Is.EqualTo(Destination.Function("incident-coordinator")));
        Assert.That(Destination.TryParse("queue:noc-medium", out var queue) && queue.ToString() == "queue:noc-medium", Is.True);
        Assert.That(Destination.TryParse("pager:x", out _), Is.False);
        Assert.That(Destination.TryParse("webhook:", out _), Is.False);
    }

    private sealed class FailingEvents : IRouterEvents
    {
        public Task PublishAsync(object message, CancellationToken cancellationToken, Guid? messageId = null) =>
            message is IncidentRouted ? throw new InvalidOperationException("the broker is away") : Task.CompletedTask;
    }
}

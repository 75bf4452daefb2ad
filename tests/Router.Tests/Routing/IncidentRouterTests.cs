using Correlation.Contracts;
using Correlation.Router.Routing;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Routing;

public class IncidentRouterTests
{
    private RedisTestKeys _redis = null!;
    private IncidentRouter _router = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("router");
        _router = new IncidentRouter(new RoutingPolicy(), new RouteStore(_redis.Connection, _redis.Options),
            new FakeTimeProvider(DateTimeOffset.UnixEpoch));
    }

    [TearDown]
    public async Task TearDownAsync() => await _redis.DisposeAsync();

    /// <summary>What the router's key space in Redis holds for the incident.</summary>
    private async Task<string[]> RecordedDestinationsAsync(Guid id) =>
        ((string?)await _redis.Database.HashGetAsync($"{_redis.Prefix}router:incident:{id:D}", "destinations"))?.Split(' ') ?? [];

    private static IncidentTriaged Triaged(Guid id, long version, IncidentPriority priority) =>
        new(id, version, priority, null, "because", DateTimeOffset.UnixEpoch, IncidentCategory.Outage, new IncidentImpact([], [], [], [], [], []), "leeds", "north", [], false);

    [TestCase(IncidentPriority.P1, "function:incident-coordinator")]
    [TestCase(IncidentPriority.P2, "function:network-infrastructure")]
    [TestCase(IncidentPriority.P3, "queue:noc-medium")]
    [TestCase(IncidentPriority.P4, "queue:noc-low")]
    public void Each_priority_has_somewhere_to_go(IncidentPriority priority, string destination)
    {
        var (destinations, reason) = new RoutingPolicy().Route(priority);

        Assert.That(destinations, Does.Contain(destination));
        Assert.That(reason, Does.StartWith(priority.ToString()));
    }

    [Test]
    public async Task A_triaged_incident_is_routed_and_the_route_is_recorded()
    {
        var id = Guid.NewGuid();

        var routed = await _router.RouteAsync(Triaged(id, 3, IncidentPriority.P1));

        Assert.That(routed!.Destinations, Is.EqualTo(new[] { "function:incident-coordinator", "function:network-infrastructure" }));
        Assert.That(routed.IncidentVersion, Is.EqualTo(3));
        Assert.That(await RecordedDestinationsAsync(id), Is.EqualTo(routed.Destinations));
    }

    [Test]
    public async Task A_repeated_or_older_decision_is_not_routed_again()
    {
        var id = Guid.NewGuid();
        await _router.RouteAsync(Triaged(id, 3, IncidentPriority.P1));

        var repeated = await _router.RouteAsync(Triaged(id, 3, IncidentPriority.P1));
        var older = await _router.RouteAsync(Triaged(id, 2, IncidentPriority.P3));

        Assert.That(repeated, Is.Null);
        Assert.That(older, Is.Null);
        Assert.That(await RecordedDestinationsAsync(id), Does.Contain("function:incident-coordinator"));
    }

    [Test]
    public async Task The_router_consumer_publishes_the_route_on_the_bus()
    {
        await using var host = await HarnessHost.StartAsync(b => b.AddRouter(), settings: _redis.Settings);
        var harness = host.Harness();

        await harness.Bus.Publish(Triaged(Guid.NewGuid(), 1, IncidentPriority.P3));

        Assert.That(await harness.Published.Any<IncidentRouted>(m => m.Context.Message.Destinations.Contains("queue:noc-medium")), Is.True);
    }
}

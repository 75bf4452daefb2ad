using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Correlator.Tests.Consumers;

/// <summary>Operators' commands through the bus (in-memory harness), with the real Redis behind them.</summary>
public class OperatorCommandsConsumerTests
{
    private RedisTestKeys _redis = null!;
    private LocalWebHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("opscmd");
        var settings = new Dictionary<string, string>(_redis.Settings) { ["Topology:CmdbPath"] = Alarms.SampleCmdb };
        _host = await HarnessHost.StartAsync(b => b.AddCorrelator(), settings: settings);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task A_resolve_is_answered_with_a_refusal_while_members_fire_then_with_the_resolution_when_forced()
    {
        var harness = _host.Harness();
        await harness.Bus.Publish(new AlarmsReceived([Alarms.Raise("leeds", "leeds-asw-01", "high_cpu")]));
        var opened = (await WaitAsync<IncidentOpened>(harness)).Incident;

        await harness.Bus.Publish(new ResolveIncident(opened.IncidentId, false, "gus", null, Alarms.Start));
        var refused = await WaitAsync<OperatorActionRefused>(harness);
        await harness.Bus.Publish(new ResolveIncident(opened.IncidentId, true, "gus", "maintenance ran over", Alarms.Start));
        var resolved = await WaitAsync<IncidentResolved>(harness);

        Assert.That((refused.IncidentId, refused.Command, refused.By), Is.EqualTo((opened.IncidentId, nameof(ResolveIncident), "gus")));
        Assert.That(refused.Reason, Does.Contain("still fire"));
        Assert.That((resolved.Incident.IncidentId, resolved.Incident.State, resolved.By, resolved.Alarm),
            Is.EqualTo((opened.IncidentId, IncidentState.Resolved, "gus", (Alarm?)null)));
    }

    private static async Task<T> WaitAsync<T>(MassTransit.Testing.ITestHarness harness)
        where T : class
    {
        await Eventually.ReturnsAsync(() => Task.FromResult(harness.Published.Select<T>().Any()), any => any, TimeSpan.FromSeconds(30),
            $"a {typeof(T).Name} to be published");
        return harness.Published.Select<T>().First().Context.Message;
    }
}

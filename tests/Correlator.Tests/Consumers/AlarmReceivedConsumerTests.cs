using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Correlator.Tests.Consumers;

/// <summary>The consumer on the in-memory harness, with the real Redis behind the engine.</summary>
public class AlarmReceivedConsumerTests
{
    private RedisTestKeys _redis = null!;
    private LocalWebHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("consumer");
        var settings = new Dictionary<string, string>(_redis.Settings)
        {
            ["Topology:CmdbPath"] = Live.LiveWindow.SampleCmdb,
            ["Correlator:HoldDown"] = "00:00:00",
            ["Correlator:ResolveInterval"] = "00:00:00.050",
        };
        _host = await HarnessHost.StartAsync(b => b.AddCorrelator(), settings: settings);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task Alarms_become_opened_updated_and_resolved_incident_events()
    {
        var harness = _host.Harness();
        var raised = Alarms.Raise("leeds", "sw1");

        await harness.Bus.Publish(new AlarmReceived(raised));
        Assert.That(await harness.Published.Any<IncidentOpened>(), Is.True);
        await harness.Bus.Publish(new AlarmReceived(Alarms.Raise("leeds", "sw2")));
        Assert.That(await harness.Published.Any<IncidentUpdated>(), Is.True);
        await harness.Bus.Publish(new AlarmReceived(Alarms.Clear(raised)));
        await harness.Bus.Publish(new AlarmReceived(Alarms.Clear(Alarms.Raise("leeds", "sw2"))));
        // The resolution comes from the sweeper after the hold-down, not from a message: wait for it, not for a quiet bus.
        await Eventually.ReturnsAsync(() => Task.FromResult(harness.Published.Select<IncidentResolved>().Any()), any => any,
            TimeSpan.FromSeconds(30), "the incident to resolve");

        var opened = harness.Published.Select<IncidentOpened>().Single().Context.Message;
        var resolved = harness.Published.Select<IncidentResolved>().Single().Context.Message;
        Assert.That(opened.Alarm.Id, Is.EqualTo(raised.Id));
        Assert.That(resolved.Incident.IncidentId, Is.EqualTo(opened.Incident.IncidentId));
        Assert.That(resolved.Incident.Version, Is.EqualTo(5), "two raises, two clears, then the resolution after the hold-down");
    }
}

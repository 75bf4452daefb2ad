using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Correlator.Tests.Consumers;

/// <summary>The consumer on the in-memory harness, with the real Redis behind the engine.</summary>
public class AlarmsReceivedConsumerTests
{
    private RedisTestKeys _redis = null!;
    private LocalWebHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("consumer");
        var settings = new Dictionary<string, string>(_redis.Settings)
        {
            ["Topology:CmdbPath"] = Alarms.SampleCmdb,
            ["Correlator:HoldDown"] = "00:00:00",
            ["Correlator:ResolveInterval"] = "00:00:00.050",
            ["Correlator:BatchSize"] = "100",
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

        // Alarms are taken in batches and resolutions come from the sweeper: wait for each event, not for a quiet bus.
        await harness.Bus.Publish(new AlarmsReceived([raised]));
        await PublishedAsync<IncidentOpened>(harness);
        await harness.Bus.Publish(new AlarmsReceived([Alarms.Raise("leeds", "sw2")]));
        await PublishedAsync<IncidentUpdated>(harness);
        await harness.Bus.Publish(new AlarmsReceived([Alarms.Clear(raised)]));
        await harness.Bus.Publish(new AlarmsReceived([Alarms.Clear(Alarms.Raise("leeds", "sw2"))]));
        await PublishedAsync<IncidentResolved>(harness);

        var opened = harness.Published.Select<IncidentOpened>().Single().Context.Message;
        var resolved = harness.Published.Select<IncidentResolved>().Single().Context.Message;
        Assert.That(opened.Alarm.Id, Is.EqualTo(raised.Id));
        Assert.That(resolved.Incident.IncidentId, Is.EqualTo(opened.Incident.IncidentId));
        Assert.That(resolved.Incident.Version, Is.EqualTo(5), "two raises, two clears, then the resolution after the hold-down");
    }

    [Test]
    public async Task A_message_of_more_alarms_than_a_batch_is_decided_whole_in_slices_and_published_as_one_event_per_incident()
    {
        var harness = _host.Harness();
        // 250 alarms of one site's fault in one message (the correlator's batch is 100 here), then its clears.
        var raised = Enumerable.Range(1, 250).Select(i => Alarms.Raise("leeds", $"sw{i}")).ToList();

        await harness.Bus.Publish(new AlarmsReceived(raised));
        await PublishedAsync<IncidentOpened>(harness);

        var opened = harness.Published.Select<IncidentOpened>().Single().Context.Message;
        Assert.Multiple(() =>
        {
            Assert.That(harness.Published.Select<IncidentUpdated>().Any(), Is.False, "the batch's alarms of the incident travel in the one event");
            Assert.That((opened.Earlier ?? []).Append(opened.Alarm).Select(a => a.Id), Is.EqualTo(raised.Select(a => a.Id)),
                "every alarm, in the order decided, the first the one that opened it");
            Assert.That((opened.Incident.Version, opened.Incident.MemberCount), Is.EqualTo((250L, 250)), "the snapshot is the newest");
        });

        await harness.Bus.Publish(new AlarmsReceived([.. raised.Select(a => Alarms.Clear(a))]));
        await PublishedAsync<IncidentResolved>(harness);
        Assert.That(harness.Published.Select<IncidentResolved>().Single().Context.Message.Incident.ActiveMemberCount, Is.Zero);
        Assert.That(harness.Published.Select<IncidentUpdated>().Single().Context.Message.Earlier, Has.Count.EqualTo(249), "the clears in one event too");
    }

    private static Task<bool> PublishedAsync<T>(MassTransit.Testing.ITestHarness harness)
        where T : class =>
        Eventually.ReturnsAsync(() => Task.FromResult(harness.Published.Select<T>().Any()), any => any, TimeSpan.FromSeconds(30),
            $"a {typeof(T).Name} to be published");
}

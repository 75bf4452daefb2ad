using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Triage.Tests.Priority;

public class IncidentChangedConsumerTests
{
    [Test]
    public async Task Opened_and_updated_incidents_are_triaged_on_the_bus()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-consumer");
        await using var host = await HarnessHost.StartAsync(b => b.AddTriage(), settings: redis.Settings);
        var harness = host.Harness();
        var opened = PriorityPolicyTests.Incident(AlarmSeverity.Minor);
        var alarm = new Alarm(Guid.NewGuid(), "k", "f", SourceKind.Generic, "s", "r", "leeds", null, "t", AlarmSeverity.Minor,
            AlarmStatus.Raised, "s", new Dictionary<string, string>(), new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        await harness.Bus.Publish(new IncidentOpened(opened, alarm));
        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.Priority == IncidentPriority.P3), Is.True);
        await harness.Bus.Publish(new IncidentUpdated(opened with { Version = 2, Severity = AlarmSeverity.Critical }, alarm));

        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.Priority == IncidentPriority.P1), Is.True);
        var priorities = harness.Published.Select<IncidentTriaged>().Select(m => m.Context.Message.Priority).ToList();
        Assert.That(priorities, Is.EqualTo(new[] { IncidentPriority.P3, IncidentPriority.P1 }));
    }
}

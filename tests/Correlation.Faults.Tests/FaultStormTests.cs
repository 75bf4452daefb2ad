using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Faults.Tests;

/// <summary>The fault suite's ground truth is only as good as the storm: the correlator's own engine must see each fault as one incident.</summary>
public class FaultStormTests
{
    [Test]
    public void The_offline_engine_makes_each_fault_of_the_storm_exactly_one_incident()
    {
        var storm = FaultStorm.Create(1200, 20, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var engine = new OfflineCorrelator(CmdbLoader.Load(FaultStorm.SampleCmdb), new ScoringOptions());

        var decided = storm.Alarms.Select(a => (a.Fault, Incident: engine.Correlate(ToAlarm(a)).IncidentId)).ToList();
        var incidents = decided.Select(d => (d.Fault, Incident: engine.FinalIncidentOf(d.Incident!))).Distinct().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(storm.Faults, Is.EqualTo(60));
            Assert.That(decided.Select(d => d.Incident), Has.None.Null, "every alarm joins or opens an incident");
            Assert.That(incidents.GroupBy(i => i.Fault).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "faults split into several incidents");
            Assert.That(incidents.GroupBy(i => i.Incident).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "incidents mixing faults");
        });
    }

    [Test]
    public void Each_alarm_carries_its_sequence_number_and_a_fixed_idempotency_key()
    {
        var storm = FaultStorm.Create(45, 20, DateTimeOffset.UtcNow);
        var body = JsonDocument.Parse(storm.Alarms[21].Body("run")).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(storm.Faults, Is.EqualTo(3));
            Assert.That(storm.Alarms, Has.Count.EqualTo(45));
            Assert.That(body.GetProperty("labels").GetProperty("seq").GetString(), Is.EqualTo("21"));
            Assert.That(body.GetProperty("labels").GetProperty("fault").GetString(), Is.EqualTo("1"));
            Assert.That(body.GetProperty("idempotencyKey").GetString(), Is.EqualTo("run:21"));
            Assert.That(storm.Alarms[^1].ObservedAt, Is.LessThan(DateTimeOffset.UtcNow), "the storm is in the past");
            Assert.That(storm.Alarms[19] with { Seq = 0, ObservedAt = default }, Is.EqualTo(storm.Alarms[0] with { ObservedAt = default }),
                "a fault's last alarm repeats its first condition");
        });
    }

    private static Alarm ToAlarm(StormAlarm a) => new(Guid.NewGuid(), $"key-{a.Seq}", $"{a.Resource}/{a.AlarmType}/{a.Instance}", SourceKind.Generic, "test",
        a.Resource, a.Site, null, a.AlarmType, a.AlarmType == "device_unreachable" ? AlarmSeverity.Critical : AlarmSeverity.Major, AlarmStatus.Raised,
        $"{a.AlarmType} on {a.Resource}", new Dictionary<string, string> { ["instance"] = a.Instance }, new Dictionary<string, string>(),
        a.ObservedAt, a.ObservedAt);
}

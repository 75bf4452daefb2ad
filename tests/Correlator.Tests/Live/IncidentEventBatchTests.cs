using Correlation.Contracts;
using Correlation.Correlator.Live;
using static Correlation.Correlator.Tests.Alarms;

namespace Correlation.Correlator.Tests.Live;

public class IncidentEventBatchTests
{
    private static IncidentSnapshot Snapshot(Guid id, long version, IncidentState state = IncidentState.Open) =>
        new(id, version, state, "t", "leeds", AlarmSeverity.Major, (int)version, (int)version, (int)version, Start, Start.AddSeconds(version));

    [Test]
    public void Each_incidents_run_of_opened_and_updated_events_becomes_one_event_with_its_alarms_in_order_and_newest_snapshot()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var alarms = Enumerable.Range(0, 5).Select(i => Raise("leeds", $"sw{i}")).ToList();

        var folded = IncidentEventBatch.Fold(
        [
            new IncidentOpened(Snapshot(a, 1), alarms[0]),
            new IncidentUpdated(Snapshot(b, 7), alarms[1]),
            new IncidentUpdated(Snapshot(a, 2), alarms[2]),
            new IncidentUpdated(Snapshot(b, 8), alarms[3]),
            new IncidentUpdated(Snapshot(a, 3), alarms[4]),
        ]);

        Assert.That(folded, Has.Count.EqualTo(2));
        var opened = (IncidentOpened)folded[0];
        var updated = (IncidentUpdated)folded[1];
        Assert.That(IncidentEventBatch.Alarms(opened), Is.EqualTo(new[] { alarms[0], alarms[2], alarms[4] }));
        Assert.That(opened.Incident.Version, Is.EqualTo(3));
        Assert.That(IncidentEventBatch.Alarms(updated), Is.EqualTo(new[] { alarms[1], alarms[3] }));
        Assert.That(updated.Incident.Version, Is.EqualTo(8));
    }

    [Test]
    public void A_merge_ends_the_runs_of_the_incidents_it_touches_so_their_events_keep_their_order()
    {
        Guid survivor = Guid.NewGuid(), absorbed = Guid.NewGuid();
        var alarms = Enumerable.Range(0, 4).Select(i => Raise("leeds", $"sw{i}")).ToList();

        var folded = IncidentEventBatch.Fold(
        [
            new IncidentUpdated(Snapshot(survivor, 4), alarms[0]),
            new IncidentUpdated(Snapshot(absorbed, 2), alarms[1]),
            new IncidentMerged(Snapshot(survivor, 5), [Snapshot(absorbed, 3, IncidentState.Merged)], alarms[2]),
            new IncidentUpdated(Snapshot(survivor, 6), alarms[3]),
        ]);

        Assert.That(folded.Select(e => e.GetType().Name), Is.EqualTo(new[] { nameof(IncidentUpdated), nameof(IncidentUpdated), nameof(IncidentMerged), nameof(IncidentUpdated) }));
        Assert.That(((IncidentUpdated)folded[3]).Incident.Version, Is.EqualTo(6));
    }
}

using Correlation.Contracts;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Priority;

/// <summary>Re-triage as the incident changes, with the store on the real Redis.</summary>
public class IncidentTriagerTests
{
    private TriageRig _rig = null!;

    [SetUp]
    public async Task SetUpAsync() => _rig = await TriageRig.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _rig.DisposeAsync();

    [Test]
    public async Task The_first_decision_has_no_previous_priority_and_comes_with_a_plan()
    {
        var id = Guid.NewGuid();

        var outcome = await _rig.EventAsync(id, 1, YorkMplsDown());

        var triaged = outcome.Triaged.Single();
        Assert.Multiple(() =>
        {
            Assert.That((triaged.Priority, triaged.PreviousPriority, triaged.Category), Is.EqualTo((IncidentPriority.P2, (IncidentPriority?)null, IncidentCategory.Impairment)));
            Assert.That((triaged.IncidentVersion, triaged.Revision, triaged.TriagedAt), Is.EqualTo((1L, 1L, Weekday)));
            Assert.That((triaged.Site, triaged.Region, triaged.Watched), Is.EqualTo(("york", "north", false)));
            Assert.That(triaged.Impact.DegradedRedundancyGroups, Is.EqualTo(new[] { "york-uplink" }));
            Assert.That(triaged.Reason, Does.Contain("rule 'redundancy lost'"));
            var plan = outcome.Planned.Single();
            Assert.That((plan.Template, plan.Category, plan.Revision), Is.EqualTo(("impairment", IncidentCategory.Impairment, 1L)));
            Assert.That(plan.Checklist.Select(i => i.Id), Is.EqualTo(new[] { "impairment-1", "impairment-2", "impairment-3", "impairment-4" }));
        });
    }

    [Test]
    public async Task A_second_uplink_down_raises_to_P1_and_its_clear_lowers_it_again()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());

        var bothDown = await _rig.EventAsync(id, 2, YorkVpnDown());
        var cleared = await _rig.EventAsync(id, 3, YorkVpnDown(cleared: true));

        Assert.Multiple(() =>
        {
            var raised = bothDown.Triaged.Single();
            Assert.That((raised.Priority, raised.PreviousPriority, raised.Category, raised.Revision),
                Is.EqualTo((IncidentPriority.P1, (IncidentPriority?)IncidentPriority.P2, IncidentCategory.Outage, 2L)));
            Assert.That(raised.Reason, Does.StartWith("P1: P1 by rule 'site isolated' for outage: site york isolated"));
            Assert.That(bothDown.Planned.Single().Template, Is.EqualTo("outage"), "the category changed the template");

            var lowered = cleared.Triaged.Single();
            Assert.That((lowered.Priority, lowered.PreviousPriority, lowered.Category, lowered.IncidentVersion),
                Is.EqualTo((IncidentPriority.P2, (IncidentPriority?)IncidentPriority.P1, IncidentCategory.Impairment, 3L)));
            Assert.That(lowered.Impact.FailedElements, Is.EqualTo(new[] { "link york-uplink-mpls" }));
            Assert.That(cleared.Planned.Single().Template, Is.EqualTo("impairment"));
        });
    }

    [Test]
    public async Task Conditions_an_operator_moves_out_leave_with_their_impact_and_the_new_incident_takes_it()
    {
        var id = Guid.NewGuid();
        var vpn = YorkVpnDown();
        await _rig.EventAsync(id, 1, YorkMplsDown());
        var both = await _rig.EventAsync(id, 2, vpn);
        Assert.That(both.Triaged.Single().Priority, Is.EqualTo(IncidentPriority.P1), "both uplinks down in one incident");
        var split = Guid.NewGuid();

        var outcome = await _rig.Triager.OnMovedAsync(new AlarmsMoved(Snapshot(id, 3), Snapshot(split, 1), [vpn], "ann", Weekday));
        await _rig.Triager.ConfirmAsync(outcome);

        var byIncident = outcome.Triaged.ToDictionary(t => t.IncidentId);
        Assert.That(byIncident[id].Priority, Is.EqualTo(IncidentPriority.P2), "one uplink left: redundancy degraded, not lost");
        Assert.That(byIncident[split].Priority, Is.EqualTo(IncidentPriority.P2));
        Assert.That((await _rig.Store.ReadAsync(id))!.Projection!.Members.Select(m => m.Fingerprint), Is.EqualTo(new[] { YorkMplsDown().Fingerprint }));
    }

    [Test]
    public async Task An_event_carrying_a_batch_of_alarms_applies_them_in_order_so_a_raise_and_its_clear_leave_the_condition_cleared()
    {
        var id = Guid.NewGuid();

        var outcome = await _rig.Triager.OnIncidentAsync(Snapshot(id, 3), [YorkMplsDown(), YorkVpnDown(), YorkVpnDown(cleared: true)], []);
        await _rig.Triager.ConfirmAsync(outcome);

        Assert.That(outcome.Triaged.Single().Priority, Is.EqualTo(IncidentPriority.P2), "the VPN came back within the batch: one uplink down");
        Assert.That((await _rig.Store.ReadAsync(id))!.Projection!.Members, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task An_event_an_operator_caused_carries_no_alarm_and_still_triages_the_incident()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());

        var outcome = await _rig.Triager.OnIncidentAsync(Snapshot(id, 2, state: IncidentState.Resolved), (Alarm?)null, []);

        Assert.That(outcome.IsEmpty, Is.True, "a resolved incident is indexed, not triaged");
        Assert.That((await _rig.Store.ReadAsync(id))!.Projection!.Members, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Every_member_cleared_makes_the_incident_informational()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());

        var outcome = await _rig.EventAsync(id, 2, YorkMplsDown(cleared: true));

        var triaged = outcome.Triaged.Single();
        Assert.That((triaged.Priority, triaged.Category), Is.EqualTo((IncidentPriority.P4, IncidentCategory.Informational)));
        Assert.That(triaged.Reason, Does.Contain("every member alarm has cleared"));
    }

    [Test]
    public async Task Repeated_and_stale_events_publish_nothing_and_change_nothing()
    {
        var id = Guid.NewGuid();
        var down = YorkVpnDown();
        await _rig.EventAsync(id, 1, YorkMplsDown());
        await _rig.EventAsync(id, 2, down);
        await _rig.EventAsync(id, 3, YorkVpnDown(cleared: true));

        var repeated = await _rig.EventAsync(id, 3, YorkVpnDown(cleared: true));
        var stale = await _rig.EventAsync(id, 2, down);
        var record = await _rig.Store.ReadAsync(id);

        Assert.That(repeated.IsEmpty, Is.True);
        Assert.That(stale.IsEmpty, Is.True, "the raise at version 2 is older than the clear at version 3");
        Assert.That((record!.Decision!.Priority, record.Decision.IncidentVersion, record.Projection!.Incident.Version),
            Is.EqualTo((IncidentPriority.P2, 3L, 3L)));
        Assert.That(record.Projection.Members.Single(m => m.Fingerprint == down.Fingerprint).Cleared, Is.True);
    }

    [Test]
    public async Task A_new_member_that_changes_nothing_that_matters_publishes_nothing()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());

        var repeat = await _rig.EventAsync(id, 2, YorkMplsDown());
        var sameLink = await _rig.EventAsync(id, 3, Alarm("leeds-cr-01", "link_down", instance: "york-uplink-mpls"));

        Assert.That(repeat.IsEmpty, Is.True);
        Assert.That(sameLink.IsEmpty, Is.True);
    }

    [Test]
    public async Task A_merge_brings_the_absorbed_members_and_re_triages_the_survivor()
    {
        Guid survivor = Guid.NewGuid(), absorbed = Guid.NewGuid();
        await _rig.EventAsync(survivor, 1, YorkMplsDown());
        var other = await _rig.EventAsync(absorbed, 1, YorkVpnDown());
        Assert.That(other.Triaged.Single().Priority, Is.EqualTo(IncidentPriority.P2));

        var merged = await _rig.EventAsync(Snapshot(survivor, 2), Alarm("york-asw-01", "device_unreachable"),
            Snapshot(absorbed, 2, state: IncidentState.Merged));

        var triaged = merged.Triaged.Single();
        Assert.That((triaged.IncidentId, triaged.Priority, triaged.PreviousPriority), Is.EqualTo((survivor, IncidentPriority.P1, (IncidentPriority?)IncidentPriority.P2)));
        Assert.That(triaged.Impact.FailedElements, Is.EquivalentTo(new[] { "link york-uplink-mpls", "link york-uplink-vpn" }));
        Assert.That((await _rig.Store.ReadAsync(absorbed))!.MergedInto, Is.EqualTo(survivor));
        Assert.That((await _rig.Triager.TriageAsync(absorbed)).IsEmpty, Is.True, "a merged-away incident is not triaged");
    }

    [Test]
    public async Task A_late_event_of_a_merged_away_incident_reaches_the_survivor()
    {
        Guid survivor = Guid.NewGuid(), absorbed = Guid.NewGuid();
        await _rig.EventAsync(survivor, 1, YorkMplsDown());
        await _rig.EventAsync(Snapshot(survivor, 2), Alarm("york-asw-01", "interface_errors", AlarmSeverity.Minor),
            Snapshot(absorbed, 3, state: IncidentState.Merged));

        // The absorbed incident's own update overtook by the merge arrives last.
        var late = await _rig.EventAsync(absorbed, 2, YorkVpnDown());

        var triaged = late.Triaged.Single();
        Assert.That((triaged.IncidentId, triaged.Priority), Is.EqualTo((survivor, IncidentPriority.P1)));
    }

    [Test]
    public async Task An_operators_watch_raises_the_priority_at_the_same_incident_version_and_unwatching_lowers_it()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor));

        var watched = (await _rig.WatchAsync(id, true)).Triaged.Single();
        var again = await _rig.WatchAsync(id, true);
        var unwatched = (await _rig.WatchAsync(id, false)).Triaged.Single();

        Assert.Multiple(() =>
        {
            Assert.That((watched.Priority, watched.PreviousPriority, watched.Watched, watched.IncidentVersion, watched.Revision),
                Is.EqualTo((IncidentPriority.P2, (IncidentPriority?)IncidentPriority.P3, true, 1L, 2L)));
            Assert.That(watched.Reason, Does.EndWith("raised 1 watched (watched by alice: CEO called)"));
            Assert.That(again.IsEmpty, Is.True, "a repeated watch changes nothing");
            Assert.That((unwatched.Priority, unwatched.Watched, unwatched.Revision), Is.EqualTo((IncidentPriority.P3, false, 3L)));
        });
    }

    [Test]
    public async Task A_watch_that_arrives_before_the_incident_holds_when_it_opens()
    {
        var id = Guid.NewGuid();
        var early = await _rig.WatchAsync(id, true, "carol", "key account");

        var opened = (await _rig.EventAsync(id, 1, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor))).Triaged.Single();

        Assert.That(early.IsEmpty, Is.True);
        Assert.That((opened.Priority, opened.Watched), Is.EqualTo((IncidentPriority.P2, true)));
        Assert.That(opened.Reason, Does.Contain("watched by carol: key account"));
    }

    [Test]
    public async Task A_decision_never_confirmed_as_published_goes_out_again_with_the_next_event()
    {
        var id = Guid.NewGuid();
        var lost = await _rig.Triager.OnIncidentAsync(Snapshot(id, 1), YorkMplsDown(), []);

        var redelivered = await _rig.EventAsync(id, 1, YorkMplsDown());
        var afterwards = await _rig.EventAsync(id, 1, YorkMplsDown());

        var (again, first) = (redelivered.Triaged.Single(), lost.Triaged.Single());
        Assert.That((again.Revision, again.Priority, again.Reason, again.TriagedAt), Is.EqualTo((first.Revision, first.Priority, first.Reason, first.TriagedAt)));
        Assert.That(redelivered.Planned.Single().Revision, Is.EqualTo(1));
        Assert.That(afterwards.IsEmpty, Is.True);
    }

    [Test]
    public async Task A_resolved_incident_publishes_nothing_and_expires_on_the_resolved_retention()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());
        var before = await _rig.Redis.Database.KeyTimeToLiveAsync(_rig.Store.IncidentKey(id));

        var resolved = await _rig.EventAsync(Snapshot(id, 2, state: IncidentState.Resolved), YorkMplsDown(cleared: true));
        var after = await _rig.Redis.Database.KeyTimeToLiveAsync(_rig.Store.IncidentKey(id));

        Assert.That(resolved.IsEmpty, Is.True);
        Assert.That(before, Is.GreaterThan(_rig.Options.ResolvedRetention));
        Assert.That(after, Is.LessThanOrEqualTo(_rig.Options.ResolvedRetention).And.GreaterThan(TimeSpan.Zero));
        foreach (var key in new[] { ":m", ":o" })
        {
            Assert.That(await _rig.Redis.Database.KeyTimeToLiveAsync(_rig.Store.IncidentKey(id) + key), Is.LessThanOrEqualTo(_rig.Options.ResolvedRetention));
        }
    }

    [Test]
    public async Task Concurrent_triages_of_one_incident_publish_each_change_once()
    {
        var id = Guid.NewGuid();
        await _rig.EventAsync(id, 1, YorkMplsDown());
        await _rig.Store.ApplyAsync(Snapshot(id, 2), YorkVpnDown(), []);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _rig.Triager.TriageAsync(id)));

        // Until one of them confirms it as published, the others hand the stored decision out again: at least once, never twice over.
        var decisions = outcomes.SelectMany(o => o.Triaged).Select(t => (t.Priority, t.Revision)).Distinct().ToList();
        Assert.That(decisions, Is.EqualTo(new[] { (IncidentPriority.P1, 2L) }));
        Assert.That((await _rig.Store.ReadAsync(id))!.Revision, Is.EqualTo(2));
    }
}

using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Live;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Operations;
using Correlation.Correlator.Scoring;
using Correlation.Correlator.Tests.Live;
using static Correlation.Correlator.Tests.Alarms;
using static Correlation.Correlator.Tests.Live.LiveWindow;

namespace Correlation.Correlator.Tests.Operations;

/// <summary>Operators' merges, splits, moves, resolves and reopens on the live window in the real Redis.</summary>
public class OperatorActionsTests
{
    private LiveWindow _window = null!;
    private LiveCorrelator _correlator = null!;
    private OperatorActions _actions = null!;
    private FeedbackStore _feedback = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _window = await LiveWindow.CreateAsync("ops");
        _correlator = _window.NewCorrelator();
        _feedback = new FeedbackStore(_window.Redis.Connection, _window.Keys);
        _actions = new OperatorActions(_window.Redis.Connection, _window.Keys, _correlator, _feedback,
            Microsoft.Extensions.Options.Options.Create(_window.Options), new ActiveRules(Microsoft.Extensions.Options.Options.Create(_window.Scoring)), _window.Time);
    }

    [TearDown]
    public async Task TearDownAsync() => await _window.DisposeAsync();

    private async Task<IncidentSnapshot> CorrelateAsync(Alarm alarm) => (await _correlator.CorrelateAsync(alarm)).Single() switch
    {
        IncidentOpened e => e.Incident,
        IncidentUpdated e => e.Incident,
        IncidentMerged e => e.Incident,
        var other => throw new AssertionException($"unexpected {other.GetType().Name}"),
    };

    private async Task<List<FeedbackRecord>> FeedbackAsync()
    {
        using var stream = new MemoryStream();
        await _feedback.WriteAsync(stream, null, CancellationToken.None);
        return [.. System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<FeedbackRecord>(line, FeedbackRecord.Json)!)];
    }

    private async Task<IncidentFacts> FactsAsync(Guid id) =>
        JsonSerializer.Deserialize<IncidentFacts>((string)(await _window.Redis.Connection.GetDatabase().HashGetAsync(_window.Keys.Incident(id.ToString("D")), "facts"))!)!;

    [Test]
    public async Task A_merge_moves_the_members_over_and_later_alarms_of_either_go_to_the_survivor()
    {
        var leeds = await CorrelateAsync(At(0, "leeds-asw-01", "high_cpu", "CPU 100%"));
        var bristol = await CorrelateAsync(At(1, "bristol-asw-02", "interface_errors", "CRC errors on uplink"));
        Assert.That(bristol.IncidentId, Is.Not.EqualTo(leeds.IncidentId), "two incidents to start with");

        var outcome = await _actions.MergeAsync(new MergeIncidents(leeds.IncidentId, [bristol.IncidentId], "ann", "same change window", T0));

        var merged = outcome.Events.OfType<IncidentMerged>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Refused, Is.Null);
            Assert.That((merged.Incident.IncidentId, merged.Incident.Version, merged.Incident.MemberCount, merged.Incident.ActiveMemberCount, merged.Incident.AlarmCount),
                Is.EqualTo((leeds.IncidentId, 2L, 2, 2, 2)));
            Assert.That(merged.Absorbed.Single().IncidentId, Is.EqualTo(bristol.IncidentId));
            Assert.That(merged.Absorbed.Single().State, Is.EqualTo(IncidentState.Merged));
            Assert.That((merged.Alarm, merged.By), Is.EqualTo(((Alarm?)null, "ann")));
        });

        var repeat = await CorrelateAsync(At(30, "bristol-asw-02", "interface_errors", "CRC errors on uplink"));
        Assert.That(repeat.IncidentId, Is.EqualTo(leeds.IncidentId), "a repeat of the absorbed incident's condition joins the survivor");
        Assert.That((await FactsAsync(leeds.IncidentId)).Devices.Keys, Is.SupersetOf(new[] { "leeds-asw-01", "bristol-asw-02" }));

        var record = (await FeedbackAsync()).Single();
        Assert.That((record.Label, record.By, record.Reason), Is.EqualTo((FeedbackLabel.MissedMerge, "ann", "same change window")));
        Assert.That(record.Groups.Select(g => g.Single().Resource), Is.EqualTo(new[] { "leeds-asw-01", "bristol-asw-02" }));
    }

    [Test]
    public async Task A_merge_delivered_twice_is_done_once_and_answered_with_the_same_versions()
    {
        var a = await CorrelateAsync(At(0, "leeds-asw-01", "high_cpu", "CPU 100%"));
        var b = await CorrelateAsync(At(1, "bristol-asw-02", "interface_errors", "CRC errors"));
        var command = new MergeIncidents(a.IncidentId, [b.IncidentId], "ann", null, T0);

        var first = (await _actions.MergeAsync(command)).Events.OfType<IncidentMerged>().Single();
        var again = (await _actions.MergeAsync(command)).Events.OfType<IncidentMerged>().Single();

        Assert.That(again.Incident.Version, Is.EqualTo(first.Incident.Version));
        Assert.That(again.Absorbed.Single().Version, Is.EqualTo(first.Absorbed.Single().Version));
        Assert.That(await FeedbackAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_split_takes_conditions_into_a_new_incident_that_their_repeats_then_join_and_the_rest_forgets_them()
    {
        var cpu = At(0, "leeds-asw-01", "high_cpu", "CPU 100% on access switch");
        var loss = At(5, "leeds-asw-02", "packet_loss", "packet loss to core on access switch");
        var first = await CorrelateAsync(cpu);
        var joined = await CorrelateAsync(loss);
        Assert.That(joined.IncidentId, Is.EqualTo(first.IncidentId), "the engine put them together");

        var outcome = await _actions.SplitAsync(new SplitIncident(first.IncidentId, [loss.Fingerprint], "bob", "different cause", T0));

        var moved = outcome.Events.OfType<AlarmsMoved>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(moved.From.IncidentId, Is.EqualTo(first.IncidentId));
            Assert.That((moved.From.MemberCount, moved.From.ActiveMemberCount, moved.From.Version), Is.EqualTo((1, 1, 3L)));
            Assert.That(moved.To.IncidentId, Is.Not.EqualTo(first.IncidentId));
            Assert.That((moved.To.MemberCount, moved.To.ActiveMemberCount, moved.To.Version, moved.To.State), Is.EqualTo((1, 1, 1L, IncidentState.Open)));
            Assert.That(moved.Alarms.Single().Id, Is.EqualTo(loss.Id));
        });
        Assert.That((await FactsAsync(first.IncidentId)).Devices.Keys, Is.EquivalentTo(new[] { "leeds-asw-01" }), "the facts were worked out again");

        var repeat = await CorrelateAsync(At(40, "leeds-asw-02", "packet_loss", "packet loss to core on access switch"));
        Assert.That(repeat.IncidentId, Is.EqualTo(moved.To.IncidentId));

        var record = (await FeedbackAsync()).Single();
        Assert.That(record.Label, Is.EqualTo(FeedbackLabel.FalseMerge));
        Assert.That(record.Groups.Select(g => g.Single().AlarmType), Is.EqualTo(new[] { "packet_loss", "high_cpu" }));
    }

    [Test]
    public async Task A_move_to_another_incident_records_a_false_and_a_missed_merge()
    {
        var york = await CorrelateAsync(At(0, "york-asw-01", "interface_errors", "CRC errors"));
        var leeds = await CorrelateAsync(At(2, "leeds-asw-01", "high_cpu", "CPU 100%"));
        var stray = At(4, "leeds-asw-02", "packet_loss", "packet loss");
        var held = await CorrelateAsync(stray);
        Assert.That(held.IncidentId, Is.EqualTo(leeds.IncidentId));

        var outcome = await _actions.MoveAsync(new MoveAlarms(leeds.IncidentId, york.IncidentId, [stray.Fingerprint], "cy", null, T0));

        var moved = outcome.Events.OfType<AlarmsMoved>().Single();
        Assert.That((moved.From.MemberCount, moved.To.MemberCount, moved.To.IncidentId), Is.EqualTo((1, 2, york.IncidentId)));
        Assert.That((await FeedbackAsync()).Select(r => r.Label), Is.EqualTo(new[] { FeedbackLabel.FalseMerge, FeedbackLabel.MissedMerge }));
    }

    [Test]
    public async Task Moving_what_is_not_a_member_or_from_an_unknown_incident_is_refused_with_the_reason()
    {
        var a = await CorrelateAsync(At(0, "leeds-asw-01", "high_cpu", "CPU 100%"));

        var notMember = await _actions.SplitAsync(new SplitIncident(a.IncidentId, ["nothing/here/"], "dee", null, T0));
        var unknown = await _actions.MergeAsync(new MergeIncidents(Guid.NewGuid(), [a.IncidentId], "dee", null, T0));
        var everything = await _actions.SplitAsync(new SplitIncident(a.IncidentId, [At(0, "leeds-asw-01", "high_cpu").Fingerprint], "dee", null, T0));

        Assert.That(notMember.Refused, Does.StartWith("not members of the incident: nothing/here/"));
        Assert.That(unknown.Refused, Does.Contain("not known"));
        Assert.That(everything.Refused, Does.Contain("leaves nothing behind"));
        Assert.That(notMember.Events.OfType<OperatorActionRefused>().Single().Command, Is.EqualTo(nameof(SplitIncident)));
    }

    [Test]
    public async Task A_resolve_is_refused_while_members_fire_unless_forced_with_a_reason_and_the_condition_returning_reopens_it()
    {
        var raised = At(0, "leeds-asw-01", "high_cpu", "CPU 100%");
        var incident = await CorrelateAsync(raised);

        var refused = await _actions.ResolveAsync(new ResolveIncident(incident.IncidentId, false, "eve", null, T0));
        var noReason = await _actions.ResolveAsync(new ResolveIncident(incident.IncidentId, true, "eve", " ", T0));
        var forced = await _actions.ResolveAsync(new ResolveIncident(incident.IncidentId, true, "eve", "known false alarm", T0));

        Assert.That(refused.Refused, Does.StartWith("1 member(s) still fire"));
        Assert.That(noReason.Refused, Is.EqualTo("a forced resolve needs a reason"));
        var resolved = forced.Events.OfType<IncidentResolved>().Single();
        Assert.That((resolved.Incident.State, resolved.Incident.ActiveMemberCount, resolved.By, resolved.Reason),
            Is.EqualTo((IncidentState.Resolved, 0, "eve", "known false alarm")));

        var back = await CorrelateAsync(At(60, "leeds-asw-01", "high_cpu", "CPU 100%"));
        Assert.That((back.IncidentId, back.State, back.ActiveMemberCount), Is.EqualTo((incident.IncidentId, IncidentState.Open, 1)));
    }

    [Test]
    public async Task A_resolved_incident_is_reopened_and_only_a_resolved_one()
    {
        var raised = At(0, "leeds-asw-01", "high_cpu", "CPU 100%");
        var incident = await CorrelateAsync(raised);
        var notYet = await _actions.ReopenAsync(new ReopenIncident(incident.IncidentId, "fay", "still slow", T0));
        await _actions.ResolveAsync(new ResolveIncident(incident.IncidentId, true, "fay", "cleared by hand", T0));

        var reopened = (await _actions.ReopenAsync(new ReopenIncident(incident.IncidentId, "fay", "still slow", T0))).Events.OfType<IncidentReopened>().Single();

        Assert.That(notYet.Refused, Is.EqualTo("the incident is open"));
        Assert.That((reopened.Incident.State, reopened.Incident.Version, reopened.By), Is.EqualTo((IncidentState.Open, 3L, "fay")));

        // Its members' clears do not close it, but it still expires once nothing touches it for the dedup horizon.
        var id = incident.IncidentId.ToString("D");
        Assert.That(await _window.Redis.Database.SortedSetScoreAsync(_window.Keys.Resolutions, id),
            Is.EqualTo((_window.Time.GetUtcNow() + _window.Options.DedupHorizon).ToUnixTimeMilliseconds()));
        _window.Time.Advance(_window.Options.DedupHorizon);
        var expired = await _window.Pending.TakeDueAsync();
        Assert.That(expired.Select(r => (r.Incident.IncidentId, r.Incident.Version, r.By, r.Reason)),
            Is.EqualTo(new[] { (incident.IncidentId, 4L, (string?)null, (string?)"expired: no alarm for 1d") }));
    }
}

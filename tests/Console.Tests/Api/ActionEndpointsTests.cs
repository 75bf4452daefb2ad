using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Console.Tests.Api;

/// <summary>
/// Every operator action: what it publishes on the bus (MassTransit's in-memory harness), what it refuses and how
/// (problem details naming the field, 404, 409), what it audits, and that the projection shows the events that
/// answer it. olga (an operator) acts; ada (an admin) reads the audit trail.
/// </summary>
public class ActionEndpointsTests
{
    private ConsoleHost _host = null!;
    private HttpClient _olga = null!;
    private HttpClient _ada = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _host = await ConsoleHost.StartAsync("console-actions");
        _olga = _host.Client(ConsoleHost.OperatorToken);
        _ada = _host.Client(ConsoleHost.AdminToken);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _olga.Dispose();
        _ada.Dispose();
        await _host.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(Guid id, string action, object? body = null) =>
        _olga.PostAsJsonAsync($"/api/v1/incidents/{id}/{action}", body ?? new { });

    private async Task<T> PublishedAsync<T>(Func<T, bool> match) where T : class
    {
        Assert.That(await _host.Harness.Published.Any<T>(m => match(m.Context.Message)), Is.True, $"a {typeof(T).Name} was published");
        return _host.Harness.Published.Select<T>(m => match(m.Context.Message)).Last().Context.Message;
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"the problem names {field}: {problem}");
    }

    private async Task<JsonElement> AuditAsync(Guid incident) =>
        await _ada.GetFromJsonAsync<JsonElement>($"/api/v1/audit?incident={incident}");

    [Test]
    public async Task Acknowledging_publishes_the_acknowledgement_which_the_incident_then_shows()
    {
        var id = await _host.OpenAsync();

        var response = await PostAsync(id, "acknowledge");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var ack = await PublishedAsync<IncidentAcknowledged>(a => a.IncidentId == id);
        Assert.That(ack.By, Is.EqualTo("olga"));
        var shown = await _host.WaitForAsync(id, d => d.GetProperty("incident").GetProperty("acknowledgedBy").ValueKind == JsonValueKind.String, "the acknowledgement");
        Assert.That(shown.GetProperty("incident").GetProperty("acknowledgedBy").GetString(), Is.EqualTo("olga"));
        Assert.That((await PostAsync(Guid.NewGuid(), "acknowledge")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Resolving_is_refused_while_a_member_still_fires_unless_forced_with_a_reason()
    {
        var id = await _host.OpenAsync(members: 2);

        var refused = await PostAsync(id, "resolve", new { });
        var forcedWithoutReason = await PostAsync(id, "resolve", new { force = true });
        var forced = await PostAsync(id, "resolve", new { force = true, reason = "carrier confirmed the fix; alarms are stale" });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("2 member(s) still fire"));
        await AssertFieldAsync(forcedWithoutReason, "reason");
        Assert.That(forced.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var command = await PublishedAsync<ResolveIncident>(r => r.IncidentId == id);
        Assert.That(command.Force, Is.True);
        Assert.That(command.Reason, Is.EqualTo("carrier confirmed the fix; alarms are stale"));
        Assert.That(command.By, Is.EqualTo("olga"));
        Assert.That(_host.Harness.Published.Select<ResolveIncident>().Count(), Is.EqualTo(1), "the refused resolve published nothing");
        var audit = await AuditAsync(id);
        Assert.That(audit.EnumerateArray().Select(a => a.GetProperty("outcome").GetString()!.Split(':')[0]), Is.EqualTo(new[] { "accepted", "refused" }));
    }

    [Test]
    public async Task An_incident_whose_members_all_cleared_resolves_with_its_root_cause_and_shows_the_correlators_answer()
    {
        var id = await _host.OpenAsync();
        await _host.PublishAndWaitAsync(new IncidentUpdated(Events.Snapshot(id, 2, active: 0), Events.Alarm(resource: "sw1", status: AlarmStatus.Cleared)),
            id, d => d.GetProperty("incident").GetProperty("activeMemberCount").GetInt32() == 0, "the clear");

        var response = await PostAsync(id, "resolve", new { rootCause = new { element = "link leeds-york", failureType = "fibre cut", causeCategory = "Third-Party" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PublishedAsync<ResolveIncident>(r => r.IncidentId == id)).Force, Is.False);
        var cause = await PublishedAsync<IncidentRootCauseRecorded>(r => r.IncidentId == id);
        Assert.That(cause.RootCause, Is.EqualTo(new RootCause("link leeds-york", "fibre cut", "third-party", null)));

        // The correlator's answer.
        await _host.PublishAsync(new IncidentResolved(Events.Snapshot(id, 3, state: IncidentState.Resolved), null, "olga", null));
        var resolved = await _host.WaitForAsync(id, d => d.GetProperty("incident").GetProperty("state").GetString() == "Resolved"
            && d.GetProperty("rootCause").ValueKind == JsonValueKind.Object, "the resolution and root cause");
        Assert.That(resolved.GetProperty("rootCause").GetProperty("rootCause").GetProperty("element").GetString(), Is.EqualTo("link leeds-york"));
        await AssertFieldAsync(await PostAsync(id, "resolve", new { rootCause = new { element = "x" } }), "rootCause.failureType");
        Assert.That((await PostAsync(id, "resolve", new { force = true, reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "a resolved incident is not resolved again");
    }

    [Test]
    public async Task An_incident_the_correlator_expired_shows_resolved_with_the_reason_and_no_operator()
    {
        var id = await _host.OpenAsync();
        await _host.PublishAndWaitAsync(new IncidentResolved(Events.Snapshot(id, 2, state: IncidentState.Resolved), null, null,
                "expired: no alarm for 1d, 1 of 1 members not cleared"),
            id, d => d.GetProperty("incident").GetProperty("state").GetString() == "Resolved", "the expiry");

        var timeline = await Eventually.ReturnsAsync(() => _olga.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("type").GetString() == nameof(IncidentResolved)), TimeSpan.FromSeconds(10), "the timeline entry");
        Assert.That(timeline.EnumerateArray().Last().GetProperty("summary").GetString(),
            Is.EqualTo("resolved: expired: no alarm for 1d, 1 of 1 members not cleared"));
    }

    [Test]
    public async Task Reopening_takes_only_resolved_incidents()
    {
        var id = await _host.OpenAsync();
        Assert.That((await PostAsync(id, "reopen", new { reason = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        await _host.PublishAndWaitAsync(new IncidentResolved(Events.Snapshot(id, 2, state: IncidentState.Resolved), Events.Alarm(status: AlarmStatus.Cleared)),
            id, d => d.GetProperty("incident").GetProperty("state").GetString() == "Resolved", "the resolve");

        var response = await PostAsync(id, "reopen", new { reason = "the link flapped again" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PublishedAsync<ReopenIncident>(r => r.IncidentId == id)).Reason, Is.EqualTo("the link flapped again"));
        await _host.PublishAsync(new IncidentReopened(Events.Snapshot(id, 3), "olga", "the link flapped again", Events.Opened));
        await _host.WaitForAsync(id, d => d.GetProperty("incident").GetProperty("state").GetString() == "Open", "the reopen");
    }

    [Test]
    public async Task Notes_functions_channels_and_watch_are_published_and_checked()
    {
        var id = await _host.OpenAsync();

        Assert.That((await PostAsync(id, "notes", new { text = "on site at 10:40" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync(id, "functions", new { function = "incident-coordinator", assignee = "olga" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync(id, "channels", new { kind = "chat", reference = "#inc-leeds" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync(id, "channels", new { kind = "vendor-ticket", reference = "BT-4471223", label = "BT" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync(id, "watch", new { watch = true, reason = "the CEO called" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        Assert.That((await PublishedAsync<IncidentNoteAdded>(n => n.IncidentId == id)).Text, Is.EqualTo("on site at 10:40"));
        Assert.That((await PublishedAsync<IncidentFunctionAssigned>(f => f.IncidentId == id)).Assignee, Is.EqualTo("olga"));
        Assert.That((await PublishedAsync<IncidentChannelLinked>(c => c.Kind == ChannelKind.VendorTicket)).Reference, Is.EqualTo("BT-4471223"));
        var watch = await PublishedAsync<WatchIncident>(w => w.IncidentId == id);
        Assert.That((watch.Watch, watch.Reason, watch.By), Is.EqualTo((true, "the CEO called", "olga")));
        await _host.WaitForAsync(id, d => d.GetProperty("channels").GetArrayLength() == 2 && d.GetProperty("team").GetProperty("functions").GetArrayLength() == 1,
            "channels and function on the incident");

        await AssertFieldAsync(await PostAsync(id, "notes", new { text = " " }), "text");
        await AssertFieldAsync(await PostAsync(id, "functions", new { function = "Incident Coordinator" }), "function");
        await AssertFieldAsync(await PostAsync(id, "channels", new { kind = "pager", reference = "x" }), "kind");
        await AssertFieldAsync(await PostAsync(id, "channels", new { kind = "bridge", reference = "javascript://alert(1)" }), "reference");
        await AssertFieldAsync(await PostAsync(id, "watch", new { reason = "x" }), "watch");
        await AssertFieldAsync(await PostAsync(id, "watch", new { watch = "yes", reason = "x" }), "watch");
        await AssertFieldAsync(await _olga.PostAsync($"/api/v1/incidents/{id}/notes", null), "body");
    }

    [Test]
    public async Task Checklist_changes_are_published_for_steps_the_plan_has()
    {
        var id = await _host.OpenAsync();
        await _host.PublishAndWaitAsync(new IncidentActionPlanned(id, IncidentCategory.Outage, "outage",
            [new ChecklistItem("isolate", "Isolate the failed element", false, null, null)], [], Events.Opened),
            id, d => d.GetProperty("plan").GetProperty("checklist").GetArrayLength() == 1, "the plan");

        Assert.That((await PostAsync(id, "checklist", new { change = "tick", itemId = "isolate" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PostAsync(id, "checklist", new { change = "add", text = "Call the carrier" })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        Assert.That((await PublishedAsync<UpdateChecklist>(c => c.Change == ChecklistChange.Tick)).ItemId, Is.EqualTo("isolate"));
        Assert.That((await PublishedAsync<UpdateChecklist>(c => c.Change == ChecklistChange.Add)).Text, Is.EqualTo("Call the carrier"));
        await AssertFieldAsync(await PostAsync(id, "checklist", new { change = "tick", itemId = "nope" }), "itemId");
        await AssertFieldAsync(await PostAsync(id, "checklist", new { change = "add" }), "text");
        await AssertFieldAsync(await PostAsync(id, "checklist", new { change = "shred" }), "change");
    }

    [Test]
    public async Task Root_causes_are_recorded_in_structured_form()
    {
        var id = await _host.OpenAsync();

        var response = await PostAsync(id, "root-cause", new { element = "device leeds-asw-03", failureType = "PSU failure", causeCategory = "hardware", description = "PSU B died" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PublishedAsync<IncidentRootCauseRecorded>(r => r.IncidentId == id)).RootCause.Description, Is.EqualTo("PSU B died"));
        await AssertFieldAsync(await PostAsync(id, "root-cause", new { failureType = "x", causeCategory = "y" }), "element");
        await AssertFieldAsync(await PostAsync(id, "root-cause", new { element = "x", failureType = "y" }), "causeCategory");
    }

    [Test]
    public async Task A_merge_is_published_audited_with_who_and_when_and_shown_when_the_correlator_merges()
    {
        var target = await _host.OpenAsync("leeds");
        var source = Guid.NewGuid();
        await _host.PublishAndWaitAsync(new IncidentOpened(Events.Snapshot(source, 1), Events.Alarm("leeds", "sw7")), source,
            d => d.GetProperty("alarms").GetArrayLength() == 1, "the second incident");

        var response = await PostAsync(target, "merge", new { sources = new[] { source }, reason = "same fibre cut" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var merge = await PublishedAsync<MergeIncidents>(m => m.TargetIncidentId == target);
        Assert.That(merge.SourceIncidentIds, Is.EqualTo(new[] { source }));
        Assert.That((merge.By, merge.Reason), Is.EqualTo(("olga", "same fibre cut")));

        var trail = await _ada.GetFromJsonAsync<JsonElement>($"/api/v1/audit?incident={source}");
        var record = trail.EnumerateArray().Single();
        Assert.That(record.GetProperty("id").GetString(), Is.EqualTo(accepted.GetProperty("auditId").GetString()));
        Assert.That(record.GetProperty("action").GetString(), Is.EqualTo("MergeIncidents"));
        Assert.That(record.GetProperty("by").GetString(), Is.EqualTo("olga"));
        Assert.That(record.GetProperty("role").GetString(), Is.EqualTo("Operator"));
        Assert.That(record.GetProperty("at").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
        Assert.That(record.GetProperty("incidents").EnumerateArray().Select(i => i.GetGuid()), Is.EqualTo(new[] { target, source }));
        Assert.That(record.GetProperty("detail").GetProperty("reason").GetString(), Is.EqualTo("same fibre cut"));
        var everything = await _ada.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=MergeIncidents&by=olga");
        Assert.That(everything.EnumerateArray().Select(r => r.GetProperty("id").GetString()), Does.Contain(record.GetProperty("id").GetString()));

        // The correlator's answer: the source is merged into the target, which takes its member.
        await _host.PublishAsync(new IncidentMerged(Events.Snapshot(target, 2, alarms: 2), [Events.Snapshot(source, 2, state: IncidentState.Merged)], null, "olga"));
        await _host.WaitForAsync(source, d => d.GetProperty("incident").GetProperty("state").GetString() == "Merged", "the source merged");
        await _host.WaitForAsync(target, d => d.GetProperty("alarms").GetArrayLength() == 2, "the target listing the source's member too");
        var timeline = await Eventually.ReturnsAsync(() => _olga.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{target}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("type").GetString() == nameof(IncidentMerged)), TimeSpan.FromSeconds(10), "the merge on the timeline");
        Assert.That(timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()), Does.Contain("MergeIncidents"), "the request too");
    }

    [Test]
    public async Task Merges_of_unknown_closed_or_the_same_incidents_are_refused()
    {
        var target = await _host.OpenAsync();
        var resolved = await _host.OpenAsync();
        await _host.PublishAndWaitAsync(new IncidentResolved(Events.Snapshot(resolved, 2, state: IncidentState.Resolved), Events.Alarm(status: AlarmStatus.Cleared)),
            resolved, d => d.GetProperty("incident").GetProperty("state").GetString() == "Resolved", "the resolve");

        await AssertFieldAsync(await PostAsync(target, "merge", new { sources = Array.Empty<Guid>() }), "sources");
        await AssertFieldAsync(await PostAsync(target, "merge", new { sources = new[] { target } }), "sources");
        await AssertFieldAsync(await PostAsync(target, "merge", new { sources = new[] { Guid.NewGuid() } }), "sources");
        await AssertFieldAsync(await PostAsync(target, "merge", new { sources = new[] { "not-a-guid" } }), "sources[0]");
        Assert.That((await PostAsync(target, "merge", new { sources = new[] { resolved } })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(_host.Harness.Published.Select<MergeIncidents>().Any(), Is.False);
    }

    [Test]
    public async Task Splitting_publishes_the_members_to_take_out_and_the_projection_follows_the_move()
    {
        var id = await _host.OpenAsync(members: 3);

        var response = await PostAsync(id, "split", new { fingerprints = new[] { "sw3/link_down" }, reason = "different fault" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PublishedAsync<SplitIncident>(s => s.IncidentId == id)).Fingerprints, Is.EqualTo(new[] { "sw3/link_down" }));
        await AssertFieldAsync(await PostAsync(id, "split", new { fingerprints = new[] { "sw9/link_down" } }), "fingerprints");
        await AssertFieldAsync(await PostAsync(id, "split", new { }), "fingerprints");
        Assert.That((await PostAsync(id, "split", new { fingerprints = new[] { "sw1/link_down", "sw2/link_down", "sw3/link_down" } })).StatusCode,
            Is.EqualTo(HttpStatusCode.Conflict), "a split that would empty the incident");

        var created = Guid.NewGuid();
        var sw3 = Events.Alarm(resource: "sw3");
        await _host.PublishAsync(new AlarmsMoved(Events.Snapshot(id, 4, alarms: 3) with { MemberCount = 2, ActiveMemberCount = 2 },
            Events.Snapshot(created, 1), [sw3], "olga", Events.Opened));
        await _host.WaitForAsync(id, d => d.GetProperty("alarms").GetArrayLength() == 2, "the member to leave");
        var split = await _host.WaitForAsync(created, d => d.GetProperty("alarms").GetArrayLength() == 1, "the new incident");
        Assert.That(split.GetProperty("alarms")[0].GetProperty("fingerprint").GetString(), Is.EqualTo("sw3/link_down"));
    }

    [Test]
    public async Task Moving_publishes_the_command_for_an_open_target_only()
    {
        var from = await _host.OpenAsync(members: 2);
        var to = await _host.OpenAsync("york");

        var response = await PostAsync(from, "move", new { to, fingerprints = new[] { "sw2/link_down" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var move = await PublishedAsync<MoveAlarms>(m => m.FromIncidentId == from);
        Assert.That((move.ToIncidentId, move.Fingerprints.Single()), Is.EqualTo((to, "sw2/link_down")));
        await AssertFieldAsync(await PostAsync(from, "move", new { fingerprints = new[] { "sw2/link_down" } }), "to");
        await AssertFieldAsync(await PostAsync(from, "move", new { to = from, fingerprints = new[] { "sw2/link_down" } }), "to");
        await AssertFieldAsync(await PostAsync(from, "move", new { to = Guid.NewGuid(), fingerprints = new[] { "sw2/link_down" } }), "to");
    }

    [Test]
    public async Task Confirming_the_grouping_is_published_as_feedback_and_a_refusal_from_the_correlator_reaches_the_timeline()
    {
        var id = await _host.OpenAsync();

        Assert.That((await PostAsync(id, "confirm-grouping")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await PublishedAsync<ConfirmGrouping>(c => c.IncidentId == id)).By, Is.EqualTo("olga"));

        await _host.PublishAsync(new OperatorActionRefused(id, nameof(SplitIncident), "olga", "sw7/link_down is not a member", Events.Opened));
        var timeline = await Eventually.ReturnsAsync(() => _olga.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/timeline"),
            t => t.EnumerateArray().Any(e => e.GetProperty("type").GetString() == nameof(OperatorActionRefused)), TimeSpan.FromSeconds(10), "the refusal");
        Assert.That(timeline.EnumerateArray().Last().GetProperty("summary").GetString(), Does.Contain("is not a member"));
    }
}

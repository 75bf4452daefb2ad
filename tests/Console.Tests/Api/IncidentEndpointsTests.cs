using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Console.Tests.Api;

/// <summary>
/// The console's reads and event stream, fed through its consumer on the test harness, over the real Redis. The host
/// has no tokens configured, so these calls come in as the anonymous loopback admin (the `make run` default).
/// </summary>
public class IncidentEndpointsTests
{
    private ConsoleHost _host = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _host = await ConsoleHost.StartAsync("console-api", tokens: false);
        _client = _host.Client(null);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task An_opened_incident_is_listed_and_served_with_its_members()
    {
        var id = await _host.OpenAsync("leeds", members: 2);

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/v1/incidents");
        var one = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}");
        var members = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/members");

        Assert.That(list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
        Assert.That(list[0].GetProperty("state").GetString(), Is.EqualTo("Open"));
        Assert.That(list[0].GetProperty("memberCount").GetInt32(), Is.EqualTo(2));
        Assert.That(one.GetProperty("incident").GetProperty("site").GetString(), Is.EqualTo("leeds"));
        Assert.That(one.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("fingerprint").GetString()),
            Is.EquivalentTo(new[] { "sw1/link_down", "sw2/link_down" }));
        Assert.That(members.GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Unknown_incidents_and_bad_filters_get_problem_details_naming_the_field()
    {
        var missing = await _client.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}");
        var missingTimeline = await _client.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}/timeline");
        var badPriority = await _client.GetAsync("/api/v1/incidents?priority=P9");
        var badLimit = await _client.GetAsync("/api/v1/incidents?limit=0");
        var badFrom = await _client.GetAsync("/api/v1/incidents?from=yesterday");
        var badOffset = await _client.GetAsync("/api/v1/incidents?offset=x");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missing.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(missingTimeline.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        foreach (var (response, field) in new[] { (badPriority, "priority"), (badLimit, "limit"), (badFrom, "from"), (badOffset, "offset") })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), field);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"the problem names {field}: {problem}");
        }

        Assert.That(await badPriority.Content.ReadAsStringAsync(), Does.Contain("P9"));
    }

    [Test]
    public async Task The_list_filters_by_priority_site_service_team_and_time_and_pages()
    {
        var leeds = await _host.OpenAsync("leeds");
        var york = Guid.NewGuid();
        await _host.PublishAsync(new IncidentOpened(Events.Snapshot(york, 1, "york") with { OpenedAt = Events.Opened.AddHours(1) },
            Events.Alarm("york", service: "payroll")));
        await _host.PublishAndWaitAsync(Events.Triaged(york, 1, IncidentPriority.P1, "outage", teams: ["Core-Network"], services: ["email"]),
            york, d => d.GetProperty("incident").GetProperty("priority").GetString() == "P1", "york triaged");
        await _host.PublishAndWaitAsync(Events.Triaged(leeds, 1, IncidentPriority.P3, "degraded", teams: ["leeds-field"]),
            leeds, d => d.GetProperty("incident").GetProperty("priority").GetString() == "P3", "leeds triaged");

        async Task<Guid[]> ListAsync(string query) =>
            [.. (await _client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?" + query)).EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        Assert.That(await ListAsync(""), Is.EqualTo(new[] { york, leeds }));
        Assert.That(await ListAsync("priority=P1"), Is.EqualTo(new[] { york }));
        Assert.That(await ListAsync("priority=p1,P3"), Is.EqualTo(new[] { york, leeds }));
        Assert.That(await ListAsync("site=LEEDS"), Is.EqualTo(new[] { leeds }));
        Assert.That(await ListAsync("service=payroll"), Is.EqualTo(new[] { york }), "a member alarm's service");
        Assert.That(await ListAsync("service=email"), Is.EqualTo(new[] { york }), "an impacted service");
        Assert.That(await ListAsync("team=core-network"), Is.EqualTo(new[] { york }));
        Assert.That(await ListAsync("state=resolved"), Is.Empty);
        Assert.That(await ListAsync($"from={Events.Opened.AddMinutes(30):O}".Replace("+", "%2B", StringComparison.Ordinal)), Is.EqualTo(new[] { york }));
        Assert.That(await ListAsync($"to={Events.Opened.AddMinutes(30):O}".Replace("+", "%2B", StringComparison.Ordinal)), Is.EqualTo(new[] { leeds }));
        Assert.That(await ListAsync("limit=1"), Is.EqualTo(new[] { york }));
        Assert.That(await ListAsync("limit=1&offset=1"), Is.EqualTo(new[] { leeds }));
    }

    [Test]
    public async Task The_incident_shows_its_timeline_priority_history_team_plan_and_channels()
    {
        var id = await _host.OpenAsync("leeds");
        await _host.PublishAsync(Events.Triaged(id, 1, IncidentPriority.P3, "degraded", teams: ["leeds-field"]));
        await _host.PublishAsync(Events.Triaged(id, 2, IncidentPriority.P1, "outage: no redundancy left", previous: IncidentPriority.P3, teams: ["leeds-field"]));
        await _host.PublishAsync(Events.Routed(id, 2, IncidentPriority.P1, "function:incident-coordinator", "team:core"));
        await _host.PublishAsync(new IncidentActionPlanned(id, IncidentCategory.Outage, "outage",
            [new ChecklistItem("isolate", "Isolate the failed element", false, null, null)],
            [new SimilarIncident(Guid.NewGuid(), "link_down at leeds", 0.91, new RootCause("link leeds-york", "fibre cut", "third-party", null), Events.Opened.AddDays(-3))],
            Events.Opened));
        await _host.PublishAsync(new IncidentChannelLinked(id, ChannelKind.Bridge, "https://meet.example/noc-1", "bridge", "olga", Events.Opened));
        await _host.PublishAsync(new IncidentFunctionAssigned(id, "incident-coordinator", "olga", "ada", Events.Opened));
        await _host.PublishAsync(new IncidentNoteAdded(id, "olga", "carrier says a digger hit the duct", Events.Opened.AddMinutes(5)));
        await _host.WaitForAsync(id, d => d.GetProperty("team").GetProperty("functions").GetArrayLength() == 1
            && d.GetProperty("channels").GetArrayLength() == 1 && d.GetProperty("priorityHistory").GetArrayLength() == 2
            && d.GetProperty("plan").GetProperty("checklist").GetArrayLength() == 1
            && d.GetProperty("incident").GetProperty("destinations").GetArrayLength() == 2, "every part of the incident");

        var timeline = await Eventually.ReturnsAsync(() => _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/timeline"),
            t => t.GetArrayLength() == 8, TimeSpan.FromSeconds(10), "eight timeline entries");
        var history = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/priority-history");
        var team = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/team");
        var similar = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/similar");
        var channels = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/channels");
        var checklist = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}/checklist");

        Assert.That(timeline.EnumerateArray().Select(e => e.GetProperty("type").GetString()), Is.EquivalentTo(new[]
        {
            nameof(IncidentOpened), nameof(IncidentTriaged), nameof(IncidentTriaged), nameof(IncidentRouted), nameof(IncidentActionPlanned),
            nameof(IncidentChannelLinked), nameof(IncidentFunctionAssigned), nameof(IncidentNoteAdded),
        }));
        Assert.That(timeline.EnumerateArray().Single(e => e.GetProperty("type").GetString() == nameof(IncidentNoteAdded)).GetProperty("summary").GetString(),
            Is.EqualTo("carrier says a digger hit the duct"));
        Assert.That(history.EnumerateArray().Select(h => h.GetProperty("priority").GetString()), Is.EqualTo(new[] { "P3", "P1" }));
        Assert.That(history[1].GetProperty("previous").GetString(), Is.EqualTo("P3"));
        Assert.That(team.GetProperty("owningTeams")[0].GetString(), Is.EqualTo("leeds-field"));
        Assert.That(team.GetProperty("functions")[0].GetProperty("assignee").GetString(), Is.EqualTo("olga"));
        Assert.That(similar[0].GetProperty("rootCause").GetProperty("failureType").GetString(), Is.EqualTo("fibre cut"));
        Assert.That(channels[0].GetProperty("kind").GetString(), Is.EqualTo("Bridge"));
        Assert.That(checklist[0].GetProperty("id").GetString(), Is.EqualTo("isolate"));
    }

    [Test]
    public async Task The_stream_sends_live_events_and_resumes_after_a_disconnect_from_the_last_event_id()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        string lastId;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            using var response = await _client.GetAsync("/api/v1/incidents/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await _host.OpenAsync("leeds", id: first);
            var live = await ServerSentEvents.ReadAsync(body, timeout.Token).FirstAsync(timeout.Token);
            Assert.That(live.Type, Is.EqualTo(nameof(IncidentOpened)));
            Assert.That(JsonDocument.Parse(live.Data).RootElement.GetProperty("incident").GetProperty("incidentId").GetGuid(), Is.EqualTo(first));
            lastId = live.Id!;
        }

        // While no one listens, more happens.
        await _host.OpenAsync("york", id: second);
        await _host.PublishAndWaitAsync(Events.Triaged(second, 1, IncidentPriority.P2, "major"), second,
            d => d.GetProperty("incident").TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.String, "the triage to be applied");

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
            request.Headers.Add("Last-Event-ID", lastId);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var missed = await ServerSentEvents.ReadAsync(body, timeout.Token).Take(2).ToListAsync(timeout.Token);

            Assert.That(missed.Select(e => e.Type), Is.EqualTo(new[] { nameof(IncidentOpened), nameof(IncidentTriaged) }));
            Assert.That(missed.Select(e => e.Data), Has.All.Contain(second.ToString()));
            Assert.That(StreamPosition(missed[0].Id!), Is.GreaterThan(StreamPosition(lastId)));
        }
    }

    [Test]
    public async Task A_client_that_disconnects_mid_storm_and_resumes_gets_every_missed_event_once_in_order()
    {
        const int storm = 60;
        var incident = Guid.NewGuid();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<ServerSentEvent>();
        Task publishing;
        using (var response = await _client.GetAsync("/api/v1/incidents/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            // The storm goes on in the background while this client reads a few events and then drops.
            publishing = Task.Run(async () =>
            {
                await _host.PublishAsync(new IncidentOpened(Events.Snapshot(incident, 1, alarms: 1), Events.Alarm("leeds", "sw1")));
                for (var v = 2; v <= storm; v++)
                {
                    await _host.PublishAsync(new IncidentUpdated(Events.Snapshot(incident, v, alarms: v), Events.Alarm("leeds", "sw" + v)));
                }
            });
            seen.AddRange(await ServerSentEvents.ReadAsync(body, timeout.Token).Take(10).ToListAsync(timeout.Token));
        }

        await publishing;
        await _host.WaitForAsync(incident, d => d.GetProperty("incident").GetProperty("version").GetInt64() == storm, "the whole storm applied");
        await Eventually.ReturnsAsync(() => _client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident}/timeline?limit=1000"),
            t => t.GetArrayLength() == storm, TimeSpan.FromSeconds(15), "every storm event applied");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
        request.Headers.Add("Last-Event-ID", seen[^1].Id);
        using (var resumed = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
        {
            await using var body = await resumed.Content.ReadAsStreamAsync(timeout.Token);
            seen.AddRange(await ServerSentEvents.ReadAsync(body, timeout.Token).Take(storm - seen.Count).ToListAsync(timeout.Token));
        }

        var versions = seen.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("incident").GetProperty("version").GetInt64()).ToList();
        Assert.That(versions, Is.EquivalentTo(Enumerable.Range(1, storm).Select(v => (long)v)), "every event, each once");
        Assert.That(seen.Select(e => StreamPosition(e.Id!)), Is.Ordered.Ascending, "in stream order");
        Assert.That(seen.Select(e => e.Id).Distinct().Count(), Is.EqualTo(storm));
    }

    [Test]
    public async Task The_stream_can_be_filtered_by_priority_site_and_team()
    {
        var leeds = await _host.OpenAsync("leeds");
        var york = await _host.OpenAsync("york");
        var start = await LatestIdAsync();
        await _host.PublishAsync(Events.Triaged(leeds, 1, IncidentPriority.P1, "outage", teams: ["core"]));
        await _host.PublishAsync(Events.Triaged(york, 1, IncidentPriority.P3, "degraded", teams: ["york-field"]));
        await _host.PublishAsync(new IncidentUpdated(Events.Snapshot(leeds, 2, alarms: 2), Events.Alarm("leeds", "sw2")));
        await _host.PublishAsync(new IncidentUpdated(Events.Snapshot(york, 2, "york", alarms: 2), Events.Alarm("york", "sw2")));
        await _host.WaitForAsync(york, d => d.GetProperty("incident").GetProperty("version").GetInt64() == 2
            && d.GetProperty("incident").GetProperty("priority").ValueKind == JsonValueKind.String, "york's events");
        await _host.WaitForAsync(leeds, d => d.GetProperty("incident").GetProperty("version").GetInt64() == 2
            && d.GetProperty("incident").GetProperty("priority").ValueKind == JsonValueKind.String, "leeds' events");

        async Task<List<Guid>> IncidentsAsync(string query)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream?" + query);
            request.Headers.Add("Last-Event-ID", start);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var events = await ServerSentEvents.ReadAsync(body, timeout.Token).Take(2).ToListAsync(timeout.Token);
            return [.. events.Select(e => IncidentOf(e.Data))];
        }

        Assert.That(await IncidentsAsync("priority=P1"), Is.EqualTo(new[] { leeds, leeds }));
        Assert.That(await IncidentsAsync("site=york"), Is.EqualTo(new[] { york, york }));
        Assert.That(await IncidentsAsync("team=York-Field"), Is.EqualTo(new[] { york, york }));
        Assert.That((await _client.GetAsync("/api/v1/incidents/stream?priority=urgent")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    private async Task<string> LatestIdAsync()
    {
        var entries = await _host.Redis.Database.StreamRangeAsync(_host.Redis.Prefix + "console:events", "-", "+", 1, StackExchange.Redis.Order.Descending);
        return (string)entries[0].Id!;
    }

    private static Guid IncidentOf(string data)
    {
        var root = JsonDocument.Parse(data).RootElement;
        return root.TryGetProperty("incidentId", out var id) ? id.GetGuid() : root.GetProperty("incident").GetProperty("incidentId").GetGuid();
    }

    private static (ulong Millis, ulong Sequence) StreamPosition(string id)
    {
        var parts = id.Split('-');
        return (ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
            ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Resuming_from_an_event_the_stream_no_longer_holds_says_so_before_resuming()
    {
        await _host.OpenAsync("leeds");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
        request.Headers.Add("Last-Event-ID", "1-0");

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = await ServerSentEvents.ReadAsync(body, timeout.Token).Take(2).ToListAsync(timeout.Token);

        Assert.That(events[0].Type, Is.EqualTo("stream-reset"));
        Assert.That(events[0].Data, Does.Contain("reload"));
        Assert.That(events[1].Type, Is.EqualTo(nameof(IncidentOpened)));
    }

    [Test]
    public async Task A_last_event_id_that_is_not_a_stream_id_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
        request.Headers.Add("Last-Event-ID", "yesterday");

        using var response = await _client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_console_page_and_its_script_are_served()
    {
        var page = await _client.GetAsync("/");
        var script = await _client.GetStringAsync("/console/app.js");

        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("/console/app.js"));
        Assert.That(script, Does.Contain("/api/v1/incidents/stream"));
        Assert.That((await _client.GetAsync("/console/nothing.js")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_api_is_described_at_openapi_v1_json()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/incidents", "/api/v1/incidents/{id}", "/api/v1/incidents/{id}/timeline", "/api/v1/incidents/stream",
            "/api/v1/incidents/{id}/resolve", "/api/v1/incidents/{id}/merge", "/api/v1/incidents/{id}/split", "/api/v1/incidents/{id}/move",
            "/api/v1/reports/patterns", "/api/v1/audit", "/api/v1/maintenance",
        }));
        Assert.That(document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString(),
            Is.EqualTo("bearer"));
    }
}

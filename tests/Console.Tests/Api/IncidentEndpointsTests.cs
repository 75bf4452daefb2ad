using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Correlation.Console.Projection;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Console.Tests.Api;

/// <summary>The console's HTTP API and event stream, fed through its consumer on the test harness, over the real Redis.</summary>
public class IncidentEndpointsTests
{
    private RedisTestKeys _redis = null!;
    private LocalWebHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _redis = await RedisTestKeys.CreateAsync("console-api");
        _host = await HarnessHost.StartAsync(b => b.AddConsole(), app => app.MapConsole(), _redis.Settings);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task OpenAsync(Guid id, string site)
    {
        await _host.Harness().Bus.Publish(new IncidentOpened(Events.Snapshot(id, 1, site), Events.Alarm(site)));
        await Eventually.ReturnsAsync(() => _host.Client.GetAsync($"/api/v1/incidents/{id}"), r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), $"incident {id} to be served");
    }

    [Test]
    public async Task An_opened_incident_is_listed_and_served_with_its_alarms()
    {
        var id = Guid.NewGuid();
        await OpenAsync(id, "leeds");

        var list = await _host.Client.GetFromJsonAsync<JsonElement>("/api/v1/incidents");
        var one = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}");

        Assert.That(list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { id }));
        Assert.That(list[0].GetProperty("state").GetString(), Is.EqualTo("Open"));
        Assert.That(one.GetProperty("incident").GetProperty("site").GetString(), Is.EqualTo("leeds"));
        Assert.That(one.GetProperty("alarms").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Unknown_incidents_and_bad_filters_get_clear_errors()
    {
        var missing = await _host.Client.GetAsync($"/api/v1/incidents/{Guid.NewGuid()}");
        var badPriority = await _host.Client.GetAsync("/api/v1/incidents?priority=P9");
        var badLimit = await _host.Client.GetAsync("/api/v1/incidents?limit=0");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(badPriority.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badPriority.Content.ReadAsStringAsync(), Does.Contain("P9"));
        Assert.That(badLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_stream_sends_live_events_and_resumes_after_a_disconnect_from_the_last_event_id()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        string lastId;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            using var response = await _host.Client.GetAsync("/api/v1/incidents/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            await OpenAsync(first, "leeds");
            var live = await ServerSentEvents.ReadAsync(body, timeout.Token).FirstAsync(timeout.Token);
            Assert.That(live.Type, Is.EqualTo(nameof(IncidentOpened)));
            Assert.That(JsonDocument.Parse(live.Data).RootElement.GetProperty("incident").GetProperty("incidentId").GetGuid(), Is.EqualTo(first));
            lastId = live.Id!;
        }

        // While no one listens, more happens.
        await OpenAsync(second, "york");
        await _host.Harness().Bus.Publish(Events.Triaged(second, 1, IncidentPriority.P2, "major"));
        await Eventually.ReturnsAsync(() => _host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{second}"),
            d => d.GetProperty("incident").TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(10), "the triage to be applied");

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
            request.Headers.Add("Last-Event-ID", lastId);
            using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var missed = await ServerSentEvents.ReadAsync(body, timeout.Token).Take(2).ToListAsync(timeout.Token);

            Assert.That(missed.Select(e => e.Type), Is.EqualTo(new[] { nameof(IncidentOpened), nameof(IncidentTriaged) }));
            Assert.That(missed.Select(e => e.Data), Has.All.Contain(second.ToString()));
            Assert.That(StreamPosition(missed[0].Id!), Is.GreaterThan(StreamPosition(lastId)));
        }
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
        var id = Guid.NewGuid();
        await OpenAsync(id, "leeds");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/incidents/stream");
        request.Headers.Add("Last-Event-ID", "1-0");

        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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

        using var response = await _host.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_console_page_is_served_at_the_root()
    {
        var page = await _host.Client.GetStringAsync("/");

        Assert.That(page, Does.Contain("EventSource('/api/v1/incidents/stream')"));
    }
}

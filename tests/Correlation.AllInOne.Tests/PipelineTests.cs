using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// Alarms through every hop of the real pipeline: HTTP ingest, RabbitMQ, the correlator's window in
/// Redis, triage, the router and the console's API and event stream.
/// One pipeline serves the whole fixture (MassTransit caches exchange names per process, so one bus
/// per test process keeps them consistent); each test works on sites of its own.
/// </summary>
public partial class PipelineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private PipelineHost _pipeline = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync() => _pipeline = await PipelineHost.StartAsync();

    [OneTimeTearDown]
    public async Task TearDownAsync() => await _pipeline.DisposeAsync();

    private static IReadOnlyList<string> SampleStorm()
    {
        var file = Path.Combine(TestServers.RepositoryRoot(), "deploy", "samples", "sample-storm.json");
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return [.. document.RootElement.EnumerateArray().Select(a => a.GetRawText())];
    }

    private Task<HttpResponseMessage> PostAsync(string json) =>
        _pipeline.Client.PostAsync("/api/v1/alarms", new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<JsonElement[]> IncidentsAsync(params string[] sites)
    {
        var all = (await _pipeline.Client.GetFromJsonAsync<JsonElement>("/api/v1/incidents?limit=1000"))!.EnumerateArray();
        return [.. all.Where(i => sites.Contains(i.GetProperty("site").GetString()))];
    }

    [Test]
    public async Task The_sample_storm_becomes_two_triaged_and_routed_incidents_seen_on_the_api_the_stream_and_in_redis()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var streamResponse = await _pipeline.Client.GetAsync("/api/v1/incidents/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var stream = await streamResponse.Content.ReadAsStreamAsync(timeout.Token);
        var streamed = new List<ServerSentEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in ServerSentEvents.ReadAsync(stream, timeout.Token))
            {
                lock (streamed)
                {
                    streamed.Add(e);
                    var opened = streamed.Where(IsStormOpening).Select(IncidentIdOf).ToHashSet();
                    var routed = streamed.Where(s => s.Type == nameof(IncidentRouted)).Select(IncidentIdOf).ToHashSet();
                    if (opened.Count >= 2 && opened.IsSubsetOf(routed))
                    {
                        return;
                    }
                }
            }
        }, timeout.Token);

        // Fifty alarms from Leeds and five from York, posted one by one and several at a time, as senders do.
        var storm = SampleStorm();
        using var gate = new SemaphoreSlim(8);
        var posted = await Task.WhenAll(storm.Select(async json =>
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                using var response = await PostAsync(json);
                var body = response.StatusCode == HttpStatusCode.Accepted ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
                return (response.StatusCode, Id: body.ValueKind == JsonValueKind.Object ? body.GetProperty("alarms")[0].GetProperty("id").GetGuid() : Guid.Empty);
            }
            finally
            {
                gate.Release();
            }
        }));
        Assert.That(posted.Select(p => p.StatusCode), Has.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(storm, Has.Count.EqualTo(55));

        var ids = (await IncidentOfEachAsync([.. posted.Select(p => p.Id)])).Distinct().ToList();
        var deciders = new HashSet<string>();
        foreach (var alarm in posted)
        {
            var record = await _pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarm.Id}/explanation");
            deciders.Add(record.GetProperty("decidedBy").GetString()!);
        }

        Assert.That(deciders, Has.Count.GreaterThan(1), "the alarms were shared out between the correlators");
        var incidents = await Eventually.ReturnsAsync(async () => await Task.WhenAll(ids.Select(async id => (await IncidentAsync(id)).GetProperty("incident"))),
            list => list.Sum(i => i.GetProperty("alarmCount").GetInt32()) == 55
                && list.All(i => i.GetProperty("destinations").GetArrayLength() > 0 && i.GetProperty("priority").ValueKind == JsonValueKind.String),
            Patience, "55 alarms to be correlated, triaged and routed");

        Assert.That(incidents, Has.Length.EqualTo(2));
        var bySite = incidents.ToDictionary(i => i.GetProperty("site").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(bySite["leeds"].GetProperty("alarmCount").GetInt32(), Is.EqualTo(50));
            Assert.That(bySite["leeds"].GetProperty("memberCount").GetInt32(), Is.EqualTo(50));
            Assert.That(bySite["leeds"].GetProperty("severity").GetString(), Is.EqualTo("Critical"));
            Assert.That(bySite["leeds"].GetProperty("priority").GetString(), Is.EqualTo("P1"));
            Assert.That(bySite["leeds"].GetProperty("probableCause").GetString(), Is.EqualTo("site leeds"));
            Assert.That(bySite["leeds"].GetProperty("destinations").EnumerateArray().Select(d => d.GetString()),
                Does.Contain("function:incident-coordinator"));
            Assert.That(bySite["york"].GetProperty("alarmCount").GetInt32(), Is.EqualTo(5));
            Assert.That(bySite["york"].GetProperty("priority").GetString(), Is.EqualTo("P3"));
            Assert.That(bySite["york"].GetProperty("destinations").EnumerateArray().Select(d => d.GetString()),
                Is.EqualTo(new[] { "queue:noc-medium" }));
        });

        await reading;
        List<ServerSentEvent> seen;
        lock (streamed)
        {
            seen = [.. streamed];
        }

        Assert.That(seen.Where(IsStormOpening).Select(IncidentIdOf), Is.EquivalentTo(ids), "one IncidentOpened on the stream for each incident");
        Assert.That(seen.Where(e => e.Type == nameof(IncidentRouted)).Select(IncidentIdOf), Is.SupersetOf(ids));
        Assert.That(seen.Select(e => e.Id).Distinct().Count(), Is.EqualTo(seen.Count), "every event has an id of its own");

        // The correlator's own state of each incident is in Redis.
        foreach (var incident in incidents)
        {
            var key = $"{_pipeline.Redis.Prefix}correlator:inc:{incident.GetProperty("id").GetGuid():D}";
            var alarms = await _pipeline.Database.HashGetAsync(key, "alarms");
            Assert.That((int)alarms, Is.EqualTo(incident.GetProperty("alarmCount").GetInt32()), key);
            // The correlator noted that the incident was routed (it merges such incidents only up to Correlator:Scoring:MergeUntil).
            var stage = await Eventually.ReturnsAsync(async () => (int?)await _pipeline.Database.HashGetAsync(key, "stage"), s => s == 2,
                Patience, "the routed stage in the correlator's window");
            Assert.That(stage, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_malformed_alarm_is_refused_and_never_reaches_the_pipeline()
    {
        var bad = await PostAsync("""{"resource":"ghost-1","site":"ghost","alarmType":"link_down","severity":"urgent","summary":"s"}""");
        var good = await PostAsync("""{"resource":"hull-sw-1","site":"hull","alarmType":"link_down","severity":"major","summary":"s"}""");

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await Eventually.ReturnsAsync(() => IncidentsAsync("hull"), list => list.Length > 0, Patience, "the valid alarm's incident");
        await Task.Delay(500);
        Assert.That(await IncidentsAsync("ghost"), Is.Empty);
    }

    [Test]
    public async Task An_incident_resolves_when_its_alarms_clear()
    {
        const string raise = """{"resource":"bradford-fw-1","site":"bradford","alarmType":"link_down","severity":"major","summary":"down","labels":{"instance":"eth0"}}""";
        Assert.That((await PostAsync(raise)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await Eventually.ReturnsAsync(() => IncidentsAsync("bradford"), list => list.Length == 1, Patience, "the incident to open");

        var clear = await PostAsync(raise.Replace("\"major\"", "\"clear\"", StringComparison.Ordinal));

        Assert.That(clear.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var resolved = await Eventually.ReturnsAsync(() => IncidentsAsync("bradford"),
            list => list.Length == 1 && list[0].GetProperty("state").GetString() == "Resolved", Patience, "the incident to resolve");
        Assert.That(resolved[0].GetProperty("activeMemberCount").GetInt32(), Is.Zero);
    }

    private static bool IsStormOpening(ServerSentEvent e) =>
        e.Type == nameof(IncidentOpened)
        && JsonDocument.Parse(e.Data).RootElement.GetProperty("incident").GetProperty("site").GetString() is "leeds" or "york";

    private static Guid IncidentIdOf(ServerSentEvent e)
    {
        var root = JsonDocument.Parse(e.Data).RootElement;
        return root.TryGetProperty("incident", out var incident) ? incident.GetProperty("incidentId").GetGuid() : root.GetProperty("incidentId").GetGuid();
    }
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Correlation.Ingest.Feeds.Tests.Alertmanager;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Feeds.Tests.Pipeline;

/// <summary>What every feed shares: keys, content type, size limit, problem details, counters.</summary>
public class FeedPipelineTests
{
    private const string Key = "am-key-0123456789abcdef";
    private const string Route = "/api/v1/feeds/alertmanager";
    private FeedTestHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await FeedTestHost.StartAsync(new Dictionary<string, string>
    {
        ["Ingest:Alertmanager:ApiKeys:0"] = "an-older-key-0123456789",
        ["Ingest:Alertmanager:ApiKeys:1"] = Key,
        ["Ingest:MaxBatchBytes"] = "8192",
    });

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_configured_key_is_accepted_from_a_bearer_header_an_api_key_header_or_basic_auth()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:" + Key));

        var bearer = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("Authorization", "Bearer " + Key));
        var header = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("X-Api-Key", Key));
        var basicAuth = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("Authorization", "Basic " + basic));

        Assert.That(new[] { bearer.StatusCode, header.StatusCode, basicAuth.StatusCode }, Has.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_host.Published(), Has.Count.EqualTo(6));
    }

    [Test]
    public async Task A_missing_or_wrong_key_gets_401_and_nothing_is_published()
    {
        var none = await _host.PostAsync(Route, AlertmanagerPayloads.Firing);
        var wrong = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("Authorization", "Bearer " + Key + "x"));
        var prefix = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("X-Api-Key", Key[..^1]));
        var otherFeed = await _host.PostAsync("/api/v2/alerts", """[{"labels":{"alertname":"open"}}]""");

        Assert.That(new[] { none.StatusCode, wrong.StatusCode, prefix.StatusCode }, Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(none.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await FeedTestHost.JsonAsync(wrong)).GetProperty("error").GetString(), Is.EqualTo("unauthorized"));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Not.Contain(Key));
        Assert.That(otherFeed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "a feed with no keys configured is open");
        Assert.That(_host.Published().Select(a => a.AlarmType), Is.EqualTo(new[] { "open" }));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_gets_415()
    {
        var response = await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "text/plain", ("X-Api-Key", Key));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(await FeedTestHost.ProblemFieldsAsync(response), Is.EqualTo(new[] { "Content-Type" }));
    }

    [Test]
    public async Task A_body_over_the_limit_gets_413_even_when_chunked()
    {
        var big = "[" + string.Join(',', Enumerable.Repeat("""{"labels":{"alertname":"x"}}""", 400)) + "]";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/alerts")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await _host.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That((await FeedTestHost.JsonAsync(response)).GetProperty("detail").GetString(), Does.Contain("8192"));
        Assert.That(_host.Published(), Is.Empty);
    }

    [Test]
    public async Task A_bad_notification_gets_problem_details_naming_each_bad_alert_by_index()
    {
        var body = AlertmanagerPayloads.Firing.Replace("\"startsAt\": \"2026-11-23T10:14:33Z\"", "\"startsAt\": 5", StringComparison.Ordinal);

        var response = await _host.PostAsync(Route, body, "application/json", ("X-Api-Key", Key));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await FeedTestHost.JsonAsync(response);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Bad Request"));
        Assert.That(problem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("$.alerts[1].startsAt"));
        Assert.That(problem.GetProperty("errors")[0].GetProperty("message").GetString(), Is.EqualTo("must be a string, not a number"));
        Assert.That(_host.Published(), Is.Empty, "one bad alert refuses the whole notification");
    }

    [Test]
    public async Task Counters_tell_received_published_and_rejected_by_source_and_reason()
    {
        var factory = _host.Services.GetRequiredService<IMeterFactory>();
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name + "|" + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            lock (counts)
            {
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();

        await _host.PostAsync(Route, AlertmanagerPayloads.Firing, "application/json", ("X-Api-Key", Key));
        await _host.PostAsync(Route, AlertmanagerPayloads.Firing);
        await _host.PostAsync(Route, "{}", "application/json", ("X-Api-Key", Key));

        Assert.That(counts, Does.ContainKey("correlation.ingest.alarms.received|source=alertmanager").WithValue(2));
        Assert.That(counts, Does.ContainKey("correlation.ingest.alarms.published|source=alertmanager").WithValue(2));
        Assert.That(counts, Does.ContainKey("correlation.ingest.requests.rejected|source=alertmanager,reason=unauthorized").WithValue(1));
        Assert.That(counts, Does.ContainKey("correlation.ingest.requests.rejected|source=alertmanager,reason=invalid").WithValue(1));
    }
}

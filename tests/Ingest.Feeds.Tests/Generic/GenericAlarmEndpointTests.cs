using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Testing;

namespace Correlation.Ingest.Feeds.Tests.Generic;

public class GenericAlarmEndpointTests
{
    private const string Valid = """{"resource":"leeds-sw-1","site":"leeds","alarmType":"link_down","severity":"major","summary":"Gi0/1 down"}""";
    private LocalWebHost _host = null!;

    [SetUp]
    public async Task StartAsync() =>
        _host = await HarnessHost.StartAsync(b => b.AddIngestFeeds(), app => app.MapIngestFeeds(),
            new Dictionary<string, string> { ["Ingest:MaxAlarmBytes"] = "2048", ["Ingest:MaxBatchAlarms"] = "5" });

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    [Test]
    public async Task A_valid_alarm_is_published_and_answered_with_202_and_its_keys()
    {
        var response = await PostAsync("/api/v1/alarms", Valid);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var published = _host.Harness().Published.Select<AlarmsReceived>().Single().Context.Message.Alarms.Single();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answered = body.RootElement.GetProperty("alarms")[0];
        Assert.Multiple(() =>
        {
            Assert.That(published.Resource, Is.EqualTo("leeds-sw-1"));
            Assert.That(published.Site, Is.EqualTo("leeds"));
            Assert.That(answered.GetProperty("id").GetGuid(), Is.EqualTo(published.Id));
            Assert.That(answered.GetProperty("fingerprint").GetString(), Is.EqualTo(published.Fingerprint));
            Assert.That(answered.GetProperty("idempotencyKey").GetString(), Is.EqualTo(published.IdempotencyKey));
        });
    }

    [TestCase("{\"resource\":", "$", "not valid JSON")]
    [TestCase("""{"resource":"h","severity":"major","summary":"s"}""", "$.alarmType", "is required")]
    [TestCase("""{"resource":"h","alarmType":"t","severity":"loud","summary":"s"}""", "$.severity", "not a severity")]
    public async Task A_malformed_alarm_gets_400_saying_what_is_wrong_and_nothing_is_published(string body, string field, string message)
    {
        var response = await PostAsync("/api/v1/alarms", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var error = await response.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.That(error!.Error, Is.EqualTo("invalid_alarm"));
        Assert.That(error.Errors, Has.Some.Matches<FieldErrorBody>(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal)));
        await AssertNothingElsePublishedAsync();
    }

    [Test]
    public async Task An_oversized_alarm_gets_413_and_nothing_is_published()
    {
        var summary = new string('x', 4000);
        var response = await PostAsync("/api/v1/alarms", $$"""{"resource":"h","alarmType":"t","severity":"major","summary":"{{summary}}"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        var error = await response.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.That(error!.Error, Is.EqualTo("too_large"));
        Assert.That(error.Detail, Does.Contain("2048"));
        await AssertNothingElsePublishedAsync();
    }

    [Test]
    public async Task An_oversized_body_without_a_content_length_is_still_refused()
    {
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 5000) + Valid)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alarms") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        var response = await _host.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await AssertNothingElsePublishedAsync();
    }

    [Test]
    public async Task A_batch_publishes_every_alarm_and_a_bad_batch_publishes_none()
    {
        var good = $"[{Valid},{Valid.Replace("leeds-sw-1", "leeds-sw-2", StringComparison.Ordinal)}]";
        var bad = $"[{Valid},{{\"resource\":\"x\"}}]";

        var badResponse = await PostAsync("/api/v1/alarms/batch", bad);
        var goodResponse = await PostAsync("/api/v1/alarms/batch", good);

        Assert.That(badResponse.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(goodResponse.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var resources = _host.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms).Select(a => a.Resource).ToList();
        Assert.That(resources, Is.EquivalentTo(new[] { "leeds-sw-1", "leeds-sw-2" }));
    }

    /// <summary>Sends one valid alarm after the refused request and checks that it alone was published.</summary>
    private async Task AssertNothingElsePublishedAsync()
    {
        var marker = await PostAsync("/api/v1/alarms", Valid.Replace("leeds-sw-1", "marker", StringComparison.Ordinal));
        Assert.That(marker.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var published = _host.Harness().Published.Select<AlarmsReceived>().SelectMany(p => p.Context.Message.Alarms).Select(a => a.Resource).ToList();
        Assert.That(published, Is.EqualTo(new[] { "marker" }));
    }

    private sealed record ErrorBody(string Error, string Detail, List<FieldErrorBody> Errors);

    private sealed record FieldErrorBody(string Field, string Message);
}

using System.Globalization;
using System.Net;
using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Admission;
using Correlation.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Feeds.Tests.Pipeline;

/// <summary>
/// Backpressure and the keyless default, on loopback with the in-memory broker: a group of feed endpoints holds a
/// bounded number of requests (503 with Retry-After past it), a sender over its rate gets 429 with Retry-After, and a
/// feed with no keys takes keyless requests from this machine only unless configured otherwise.
/// </summary>
public class AdmissionTests
{
    private const string Alarm = """{"resource":"leeds-sw-1","site":"leeds","alarmType":"link_down","severity":"major","summary":"Gi0/1 down"}""";

    /// <summary>The header a test middleware reads to play a sender on another host (the test client is always on loopback).</summary>
    private const string RemoteHeader = "X-Test-Remote-Address";

    private static Task<LocalWebHost> StartAsync(Dictionary<string, string> settings, TimeProvider? time = null) =>
        HarnessHost.StartAsync(b => b.AddIngestFeeds(), app =>
        {
            app.Use((context, next) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteHeader, out var remote))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(remote.ToString());
                }

                return next(context);
            });
            app.MapIngestFeeds();
        }, settings, services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        });

    private static async Task<HttpResponseMessage> PostAsync(LocalWebHost host, string path, string body, string? from = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content ?? new StringContent(body, Encoding.UTF8, "application/json") };
        if (from is not null)
        {
            request.Headers.Add(RemoteHeader, from);
        }

        return await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Past_the_in_flight_limit_a_request_gets_503_with_Retry_After_and_memory_stays_bounded()
    {
        await using var host = await StartAsync(new() { ["Ingest:MaxConcurrentRequests"] = "2", ["Ingest:RetryAfter"] = "00:00:07" });
        var admission = host.Services.GetRequiredKeyedService<IngestAdmission>(IngestFeedsExtensions.AdmissionKey);
        // Two senders that send their headers and then stall mid-body hold both places, as requests waiting for a
        // slow broker do.
        var stalled = new[] { new StalledContent(Alarm), new StalledContent(Alarm) };
        var holding = stalled.Select(c => PostAsync(host, "/api/v1/alarms", "", content: c)).ToArray();
        await Eventually.ReturnsAsync(() => Task.FromResult(admission.InFlight), n => n == 2, TimeSpan.FromSeconds(10), "two requests in flight");

        using var refused = await PostAsync(host, "/api/v1/alarms", Alarm);
        using var otherFeed = await PostAsync(host, "/api/v2/alerts", """[{"labels":{"alertname":"x"}}]""");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await FeedTestHost.JsonAsync(refused)).GetProperty("error").GetString(), Is.EqualTo("overloaded"));
        Assert.That(otherFeed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the limit holds for the feeds together");

        foreach (var content in stalled)
        {
            content.Release();
        }

        var held = await Task.WhenAll(holding);
        Assert.That(held.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Accepted), "the requests that held the places finish");
        Assert.That(admission.InFlight, Is.Zero);
        using var after = await PostAsync(host, "/api/v1/alarms", Alarm);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "places are given back");
        Assert.That(host.Harness().Published.Select<AlarmsReceived>().Count(), Is.EqualTo(3), "refused requests published nothing");
        foreach (var response in held)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task A_sender_over_its_rate_gets_429_with_Retry_After_and_other_senders_and_feeds_do_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(new()
        {
            ["Ingest:RequestsPerSecondPerSender"] = "0.5",
            ["Ingest:BurstPerSender"] = "2",
            ["Ingest:Prometheus:RequestsPerSecondPerSender"] = "100",
            ["Ingest:Anonymous"] = "Anyone",
        }, time);

        var burst = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await PostAsync(host, "/api/v1/alarms", Alarm);
            burst.Add(ok.StatusCode);
        }

        using var over = await PostAsync(host, "/api/v1/alarms", Alarm);
        using var batchOfSameFeed = await PostAsync(host, "/api/v1/alarms/batch", "[" + Alarm + "]");
        using var otherSender = await PostAsync(host, "/api/v1/alarms", Alarm, from: "192.0.2.10");
        using var otherFeed = await PostAsync(host, "/api/v2/alerts", """[{"labels":{"alertname":"x"}}]""");

        Assert.That(burst, Has.All.EqualTo(HttpStatusCode.Accepted));
        Assert.That(over.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(over.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)), "one request every two seconds");
        Assert.That((await FeedTestHost.JsonAsync(over)).GetProperty("error").GetString(), Is.EqualTo("rate_limited"));
        Assert.That(batchOfSameFeed.StatusCode, Is.EqualTo((HttpStatusCode)429), "a feed's routes share its limit");
        Assert.That(otherSender.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(otherFeed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "Prometheus has a rate of its own");

        time.Advance(TimeSpan.FromSeconds(2));
        using var later = await PostAsync(host, "/api/v1/alarms", Alarm);
        Assert.That(later.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task With_no_keys_configured_keyless_requests_are_taken_from_this_machine_only()
    {
        await using var host = await StartAsync([]);

        using var local = await PostAsync(host, "/api/v1/alarms", Alarm);
        using var remote = await PostAsync(host, "/api/v1/alarms", Alarm, from: "192.0.2.10");
        using var remoteMapped = await PostAsync(host, "/api/v1/feeds/alertmanager", "{}", from: "::ffff:192.0.2.10");
        using var remotePagerDuty = await PostAsync(host, "/v2/enqueue",
            """{"routing_key":"anything-at-all-0123","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"critical"}}""", from: "192.0.2.10");

        Assert.That(local.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(remote.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await FeedTestHost.JsonAsync(remote)).GetProperty("detail").GetString(), Does.Contain("only from this machine"));
        Assert.That(remoteMapped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(remotePagerDuty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "PagerDuty's shape has no 401");
        Assert.That(await remotePagerDuty.Content.ReadAsStringAsync(), Does.Contain("Invalid routing key"));
        Assert.That(host.Harness().Published.Select<AlarmsReceived>().Count(), Is.EqualTo(1));
    }

    [TestCase("Anyone", "192.0.2.10", HttpStatusCode.Accepted)]
    [TestCase("Nobody", null, HttpStatusCode.Unauthorized)]
    [TestCase("Loopback", "::1", HttpStatusCode.Accepted)]
    public async Task Ingest_Anonymous_says_who_may_send_without_a_key(string anonymous, string? from, HttpStatusCode expected)
    {
        await using var host = await StartAsync(new() { ["Ingest:Anonymous"] = anonymous });

        using var response = await PostAsync(host, "/api/v1/alarms", Alarm, from: from);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Once_a_feed_has_keys_even_this_machine_needs_one()
    {
        await using var host = await StartAsync(new() { ["Ingest:Generic:ApiKeys:0"] = "generic-key-0123456789" });

        using var local = await PostAsync(host, "/api/v1/alarms", Alarm);

        Assert.That(local.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>A chunked body that sends its first half, then waits until released before sending the rest.</summary>
    private sealed class StalledContent(string body) : HttpContent
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(body);

        public void Release() => _release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _bytes.Length / 2;
            await stream.WriteAsync(_bytes.AsMemory(0, half));
            await stream.FlushAsync();
            await _release.Task;
            await stream.WriteAsync(_bytes.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

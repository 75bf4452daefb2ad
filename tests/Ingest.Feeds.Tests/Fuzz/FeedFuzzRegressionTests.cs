using System.Net;
using System.Text;
using Correlation.Ingest.Feeds.Alertmanager;
using Correlation.Ingest.Feeds.CloudEvents;
using Correlation.Ingest.Feeds.Generic;
using Correlation.Ingest.Feeds.Grafana;
using Correlation.Ingest.Feeds.PagerDuty;
using Correlation.Ingest.Feeds.Pipeline;
using Correlation.Ingest.Feeds.Prometheus;
using Correlation.Ingest.Feeds.Tests.Alertmanager;
using Correlation.Ingest.Feeds.Tests.Grafana;
using Correlation.Ingest.Feeds.Tests.PagerDuty;
using Correlation.Ingest.Generic;

namespace Correlation.Ingest.Feeds.Tests.Fuzz;

/// <summary>Inputs the feed fuzzers found a crash with, kept so that it never comes back. One named test each.</summary>
public class FeedFuzzRegressionTests
{
    private static readonly IngestFeedsOptions Options = new();

    /// <summary>
    /// Found by <see cref="FeedFuzzTests"/> on its first run, in every JSON feed: a byte that is not UTF-8 inside a JSON
    /// string ("lin\xEB_down"). System.Text.Json parses such a document and throws InvalidOperationException only when
    /// the string is read, so every feed answered 500 (and the parsers threw). Now: 400 naming the byte.
    /// </summary>
    private static byte[] WithInvalidUtf8(string json, string word)
    {
        var at = json.IndexOf(word, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), word);
        return [.. Encoding.UTF8.GetBytes(json[..(at + 3)]), 0xEB, .. Encoding.UTF8.GetBytes(json[(at + 3)..])];
    }

    private static IEnumerable<TestCaseData> InvalidUtf8InAString()
    {
        const string generic = """{"resource":"leeds-sw-1","alarmType":"link_down","severity":"major","summary":"Gi0/1 down"}""";
        var parser = new GenericAlarmParser(TimeProvider.System, Options.Generic.Severity);
        yield return new TestCaseData(new GenericFeed(parser, Options, batch: false), WithInvalidUtf8(generic, "link_down"), "application/json").SetArgDisplayNames("generic");
        yield return new TestCaseData(new GenericFeed(parser, Options, batch: true), WithInvalidUtf8("[" + generic + "]", "link_down"), "application/json").SetArgDisplayNames("generic batch");
        yield return new TestCaseData(new AlertmanagerFeed(Options), WithInvalidUtf8(AlertmanagerPayloads.Firing, "InterfaceDown"), "application/json").SetArgDisplayNames("alertmanager");
        yield return new TestCaseData(new PrometheusFeed(Options), WithInvalidUtf8("""[{"labels":{"alertname":"HighCPU","instance":"york-app-1:9100"}}]""", "york-app"), "application/json").SetArgDisplayNames("prometheus");
        yield return new TestCaseData(new GrafanaFeed(Options), WithInvalidUtf8(GrafanaPayloads.Notification, "firing"), "application/json").SetArgDisplayNames("grafana");
        yield return new TestCaseData(new PagerDutyFeed(Options), WithInvalidUtf8(PagerDutyPayloads.Acknowledge, "acknowledge"), "application/json").SetArgDisplayNames("pagerduty");
        yield return new TestCaseData(new CloudEventsFeed(Options, TimeProvider.System),
            WithInvalidUtf8("""{"specversion":"1.0","type":"t","source":"/s","id":"1","data":{"resource":"r","alarmType":"link_down","severity":"major","summary":"s"}}""", "link_down"),
            "application/cloudevents+json").SetArgDisplayNames("cloudevents");
    }

    [TestCaseSource(nameof(InvalidUtf8InAString))]
    public void A_byte_that_is_not_UTF_8_inside_a_JSON_string_is_a_named_refusal_not_an_exception(IFeed feed, byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var outcome = feed.Parse(FeedRequest.Of(body, FeedRequests.Now, ("Content-Type", contentType)));

        Assert.That(outcome.IsValid, Is.False);
        Assert.That(outcome.Errors.Single().Message, Does.StartWith("not valid UTF-8 at byte "));
    }

    [Test]
    public async Task A_byte_that_is_not_UTF_8_inside_a_JSON_string_gets_400_from_the_endpoint_not_500()
    {
        await using var host = await FeedTestHost.StartAsync();
        var body = WithInvalidUtf8("""{"resource":"leeds-sw-1","alarmType":"link_down","severity":"major","summary":"Gi0/1 down"}""", "link_down");

        using var response = await host.PostAsync("/api/v1/alarms", body, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await FeedTestHost.ProblemFieldsAsync(response), Is.EqualTo(new[] { "$" }));
        Assert.That(host.Published(), Is.Empty);
    }
}

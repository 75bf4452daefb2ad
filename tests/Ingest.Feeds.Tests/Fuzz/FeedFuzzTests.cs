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
using Correlation.Testing;

namespace Correlation.Ingest.Feeds.Tests.Fuzz;

/// <summary>
/// Seeded mutation fuzzing of every HTTP feed format, from payloads as the tools send them: byte mutations and
/// structure-aware JSON mutations (wrong types, huge numbers, long and strange strings, deep nesting, many copies).
/// Each parser answers every input within the time limit with alarms or with problems that name a field, never an
/// exception; every alarm it accepts is whole. Then the same through the endpoints: never a 5xx, refusals are
/// problem details (PagerDuty's in its own shape). Bounded by <see cref="Correlation.Testing.Fuzz"/>; crashes found are kept
/// in <see cref="FeedFuzzRegressionTests"/>.
/// </summary>
public class FeedFuzzTests
{
    private const string Generic = """{"resource":"leeds-sw-1","site":"leeds","alarmType":"link_down","severity":"major","summary":"Gi0/1 down","status":"raised","service":"payroll","source":"nms","fingerprint":"f1","idempotencyKey":"k1","observedAt":"2026-11-23T10:14:03Z","labels":{"instance":"Gi0/1"},"details":{"ifIndex":3}}""";

    private const string Prometheus = """[{"labels":{"alertname":"HighCPU","instance":"york-app-1:9100","severity":"warning","site":"york"},"annotations":{"summary":"CPU"},"startsAt":"2026-11-23T10:21:00.000Z","endsAt":"2026-11-23T10:44:00.000Z","generatorURL":"http://p:9090/graph"}]""";

    private const string CloudEvent = """{"specversion":"1.0","type":"com.example.alarm","source":"/nms/north","subject":"hull-mw-1","id":"42","time":"2026-11-23T10:12:30Z","datacontenttype":"application/json","data":{"resource":"hull-mw-1","alarmType":"link_down","severity":"major","summary":"lost"}}""";

    private static readonly IngestFeedsOptions Options = new();

    /// <summary>Each feed with the payloads it is seeded from and the content types (and headers) it is sent with.</summary>
    private static IEnumerable<TestCaseData> Feeds()
    {
        var parser = new GenericAlarmParser(TimeProvider.System, Options.Generic.Severity);
        yield return Case(new GenericFeed(parser, Options, batch: false), [Generic], ["application/json"]);
        yield return Case(new GenericFeed(parser, Options, batch: true), ["[" + Generic + "," + Generic + "]", """{"alarms":[""" + Generic + "]}"], ["application/json"]);
        yield return Case(new AlertmanagerFeed(Options), [AlertmanagerPayloads.Firing, AlertmanagerPayloads.Resolved], ["application/json"]);
        yield return Case(new PrometheusFeed(Options), [Prometheus], ["application/json"]);
        yield return Case(new GrafanaFeed(Options), [GrafanaPayloads.Notification], ["application/json"]);
        yield return Case(new PagerDutyFeed(Options), [PagerDutyPayloads.Trigger, PagerDutyPayloads.Resolve, PagerDutyPayloads.Acknowledge], ["application/json"]);
        yield return Case(new CloudEventsFeed(Options, TimeProvider.System), [CloudEvent, "[" + CloudEvent + "," + CloudEvent + "]", Generic],
            ["application/cloudevents+json", "application/cloudevents-batch+json", "application/json"]);
    }

    private static TestCaseData Case(IFeed feed, string[] seeds, string[] contentTypes) =>
        new TestCaseData(feed, seeds.Select(Encoding.UTF8.GetBytes).ToArray(), contentTypes).SetArgDisplayNames(feed.Route);

    [TestCaseSource(nameof(Feeds))]
    public void Every_feed_parser_answers_mutated_payloads_with_alarms_or_named_problems_never_an_exception(IFeed feed, byte[][] seeds, string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(contentTypes);
        var accepted = 0;
        var refused = 0;
        var ran = Correlation.Testing.Fuzz.Run(feed.Route, 20261123, random => random.Next(3) == 0
                ? Correlation.Testing.Fuzz.Mutate(random, seeds)
                : Correlation.Testing.Fuzz.MutateJson(random, seeds),
            body =>
            {
                var contentType = contentTypes[body.Length % contentTypes.Length];
                var request = FeedRequest.Of(body, FeedRequests.Now, ("Content-Type", contentType),
                    ("ce-specversion", "1.0"), ("ce-type", "t"), ("ce-source", "/s"), ("ce-id", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var outcome = feed.Parse(request);
                Check(outcome, Options.MaxBatchAlarms);
                _ = outcome.IsValid ? Interlocked.Increment(ref accepted) : Interlocked.Increment(ref refused);
            });

        TestContext.Out.WriteLine($"{feed.Route}: {accepted} accepted, {refused} refused");
        Assert.That(ran, Is.GreaterThan(100));
        Assert.That(refused, Is.GreaterThan(0), "the mutations reached the parser's checks");
    }

    /// <summary>A refusal names every problem; an acceptance holds only whole alarms, within the count limit.</summary>
    internal static void Check(FeedOutcome outcome, int maxAlarms)
    {
        if (!outcome.IsValid)
        {
            Assert.That(outcome.Alarms, Is.Empty, "a refused request carries no alarm");
            Assert.That(outcome.Errors.All(e => !string.IsNullOrWhiteSpace(e.Field) && !string.IsNullOrWhiteSpace(e.Message)), Is.True,
                "every problem names its field and what is wrong");
            return;
        }

        Assert.That(outcome.Alarms, Has.Count.LessThanOrEqualTo(maxAlarms));
        foreach (var alarm in outcome.Alarms)
        {
            Assert.That(alarm.Resource, Is.Not.Empty);
            Assert.That(alarm.AlarmType, Is.Not.Empty);
            Assert.That(alarm.Fingerprint, Is.Not.Empty);
            Assert.That(alarm.IdempotencyKey, Is.Not.Empty);
            Assert.That(alarm.Labels, Is.Not.Null);
            Assert.That(alarm.Details, Is.Not.Null);
        }
    }

    [Test]
    public async Task Every_feed_endpoint_answers_mutated_requests_without_a_server_error()
    {
        await using var host = await FeedTestHost.StartAsync(new Dictionary<string, string> { ["Ingest:MaxBatchBytes"] = "65536" });
        var random = new Random(424242);
        var statuses = new List<string>();
        foreach (var data in Feeds())
        {
            var feed = (IFeed)data.Arguments[0]!;
            var seeds = (byte[][])data.Arguments[1]!;
            var contentTypes = (string[])data.Arguments[2]!;
            for (var i = 0; i < 60; i++)
            {
                var body = random.Next(2) == 0 ? Correlation.Testing.Fuzz.MutateJson(random, seeds) : Correlation.Testing.Fuzz.Mutate(random, seeds);
                var contentType = random.Next(8) == 0 ? "text/plain" : contentTypes[random.Next(contentTypes.Length)];
                using var response = await host.PostAsync(feed.Route, body, contentType, ("ce-specversion", "1.0"), ("ce-type", "t"), ("ce-source", "/s"), ("ce-id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var status = (int)response.StatusCode;
                statuses.Add($"{feed.Route} {status}");
                Assert.That(status, Is.LessThan(500), $"{feed.Route}: {Convert.ToBase64String(body)}");
                if (status >= 400 && feed is not PagerDutyFeed)
                {
                    Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), feed.Route);
                }
            }
        }

        await TestContext.Out.WriteLineAsync(string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key}×{g.Count()}")));
        Assert.That(statuses.Any(s => s.EndsWith(" 202", StringComparison.Ordinal) || s.EndsWith(" 200", StringComparison.Ordinal)), Is.True, "some mutations stay valid");
    }
}

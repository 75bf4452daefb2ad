using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Feeds.CloudEvents;
using Correlation.Ingest.Feeds.Pipeline;
using static Correlation.Ingest.Feeds.Tests.FeedRequests;

namespace Correlation.Ingest.Feeds.Tests.CloudEvents;

/// <summary>CloudEvents 1.0 in the HTTP binding's structured, batch and binary modes (from the binding spec).</summary>
public class CloudEventsFeedTests
{
    private const string Data = """
        {"resource":"hull-mw-1","site":"hull","alarmType":"link_down","severity":"disaster","summary":"Microwave link to York lost",
         "labels":{"instance":"radio-0"},"details":{"rsl_dbm":-92}}
        """;

    private const string Structured = $$"""
        {
          "specversion": "1.0",
          "type": "com.example.nms.alarm.raised",
          "source": "/nms/north/hull",
          "subject": "hull-mw-1/radio-0",
          "id": "8f2d9c1e-0001",
          "time": "2026-11-23T10:12:30Z",
          "datacontenttype": "application/json",
          "data": {{Data}}
        }
        """;

    private readonly CloudEventsFeed _feed = new(Options(), TimeProvider.System);

    [Test]
    public void A_structured_event_maps_its_attributes_and_data()
    {
        var outcome = _feed.Parse(Json(Structured, ("Content-Type", "application/cloudevents+json; charset=utf-8")));

        Assert.That(outcome.Errors, Is.Empty);
        var alarm = outcome.Alarms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.CloudEvents));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo("cloudevents:/nms/north/hull:8f2d9c1e-0001"));
            Assert.That(alarm.SourceName, Is.EqualTo("/nms/north/hull"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 12, 30, TimeSpan.Zero)));
            Assert.That(alarm.Labels["ce_type"], Is.EqualTo("com.example.nms.alarm.raised"));
            Assert.That(alarm.Labels["ce_subject"], Is.EqualTo("hull-mw-1/radio-0"));
            Assert.That(alarm.Labels["instance"], Is.EqualTo("radio-0"));
            Assert.That(alarm.Resource, Is.EqualTo("hull-mw-1"));
            Assert.That(alarm.Site, Is.EqualTo("hull"));
            Assert.That(alarm.AlarmType, Is.EqualTo("link_down"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical), "Zabbix's disaster, from the default table");
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Summary, Is.EqualTo("Microwave link to York lost"));
            Assert.That(alarm.Details["rsl_dbm"], Is.EqualTo("-92"));
        });
    }

    [Test]
    public void A_binary_event_reads_its_attributes_from_ce_headers_and_the_same_event_has_the_same_key()
    {
        var binary = _feed.Parse(Json(Data.Replace("\"disaster\"", "\"clear\"", StringComparison.Ordinal),
            ("ce-specversion", "1.0"), ("ce-type", "com.example.nms.alarm.cleared"), ("ce-source", "/nms/north/hull"),
            ("ce-id", "8f2d9c1e-0002"), ("ce-time", "2026-11-23T10:20:00Z"), ("ce-subject", "hull-mw-1%2Fradio-0")));
        var structured = _feed.Parse(Json(Structured, ("Content-Type", "application/cloudevents+json"))).Alarms.Single();

        Assert.That(binary.Errors, Is.Empty);
        var alarm = binary.Alarms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alarm.IdempotencyKey, Is.EqualTo("cloudevents:/nms/north/hull:8f2d9c1e-0002"));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(alarm.Fingerprint, Is.EqualTo(structured.Fingerprint), "the clear names the raised condition");
            Assert.That(alarm.Labels["ce_subject"], Is.EqualTo("hull-mw-1/radio-0"), "header values are percent-decoded");
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 20, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public void A_batch_maps_every_event_and_a_bad_one_is_named_by_its_index()
    {
        var second = Structured.Replace("8f2d9c1e-0001", "8f2d9c1e-0003", StringComparison.Ordinal);
        var good = _feed.Parse(Json($"[{Structured},{second}]", ("Content-Type", "application/cloudevents-batch+json")));
        var bad = _feed.Parse(Json($"[{Structured},{second.Replace("\"disaster\"", "\"loud\"", StringComparison.Ordinal)}]",
            ("Content-Type", "application/cloudevents-batch+json")));

        Assert.That(good.Alarms.Select(a => a.IdempotencyKey), Is.EqualTo(new[] { "cloudevents:/nms/north/hull:8f2d9c1e-0001", "cloudevents:/nms/north/hull:8f2d9c1e-0003" }));
        Assert.That(bad.Alarms, Is.Empty);
        Assert.That(bad.Errors.Select(e => e.Field), Is.EqualTo(new[] { "$[1].data.severity" }));
    }

    [TestCase("application/cloudevents+json", """{"specversion":"1.0","type":"t","source":"/s","data":{}}""", "$")]
    [TestCase("application/cloudevents+json", """{"specversion":"1.0","type":"t","source":"/s","id":"1","data":"text"}""", "$.data")]
    [TestCase("application/cloudevents+json", """{"specversion":"1.0","type":"t","source":"/s","id":"1","data":{"resource":"r"}}""", "$.data.alarmType")]
    [TestCase("application/cloudevents+json", "{not json", "$")]
    [TestCase("application/json", Data, "Content-Type")]
    public void A_bad_event_names_what_is_wrong(string contentType, string body, string field)
    {
        var outcome = _feed.Parse(Json(body, ("Content-Type", contentType)));

        Assert.That(outcome.Alarms, Is.Empty);
        Assert.That(outcome.Errors.Select(e => e.Field), Does.Contain(field));
    }

    [Test]
    public void A_binary_event_without_a_type_is_refused_naming_the_header()
    {
        var outcome = _feed.Parse(Json(Data, ("ce-specversion", "1.0"), ("ce-source", "/s"), ("ce-id", "1")));

        Assert.That(outcome.Errors.Select(e => e.Field), Does.Contain("ce-type"));
    }

    [Test]
    public async Task Through_the_endpoint_binary_mode_with_non_JSON_data_gets_415()
    {
        await using var host = await FeedTestHost.StartAsync();

        var text = await host.PostAsync("/api/v1/feeds/cloudevents", "link down", "text/plain", ("ce-specversion", "1.0"), ("ce-id", "1"), ("ce-source", "/s"), ("ce-type", "t"));
        var structured = await host.PostAsync("/api/v1/feeds/cloudevents", Structured, "application/cloudevents+json");

        Assert.That(text.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(structured.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(host.Published().Single().IdempotencyKey, Is.EqualTo("cloudevents:/nms/north/hull:8f2d9c1e-0001"));
    }
}

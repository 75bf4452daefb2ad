using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Generic;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Tests.Generic;

public class GenericAlarmParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly GenericAlarmParser _parser = new(new FakeTimeProvider(Now));

    private ParseResult One(string json) => _parser.ParseOne(Encoding.UTF8.GetBytes(json));

    [Test]
    public void Every_field_of_a_full_alarm_is_mapped()
    {
        var result = One("""
            {"resource":"leeds-sw-1","site":"leeds","service":"file-shares","alarmType":"link_down",
             "severity":"Major","summary":"Gi0/1 down","source":"nagios-leeds","fingerprint":"fp-1",
             "idempotencyKey":"key-1","observedAt":"2026-11-23T09:59:30+01:00",
             "labels":{"instance":"Gi0/1","vendor":"cisco"},"details":{"ifIndex":3,"flags":{"a":true},"note":"x"}}
            """);

        Assert.That(result.Errors, Is.Empty);
        var alarm = result.Alarms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alarm.Resource, Is.EqualTo("leeds-sw-1"));
            Assert.That(alarm.Site, Is.EqualTo("leeds"));
            Assert.That(alarm.Service, Is.EqualTo("file-shares"));
            Assert.That(alarm.AlarmType, Is.EqualTo("link_down"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Summary, Is.EqualTo("Gi0/1 down"));
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Generic));
            Assert.That(alarm.SourceName, Is.EqualTo("nagios-leeds"));
            Assert.That(alarm.Fingerprint, Is.EqualTo("fp-1"));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo("key-1"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 8, 59, 30, TimeSpan.Zero)));
            Assert.That(alarm.ReceivedAt, Is.EqualTo(Now));
            Assert.That(alarm.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["instance"] = "Gi0/1", ["vendor"] = "cisco" }));
            Assert.That(alarm.Details["ifIndex"], Is.EqualTo("3"));
            Assert.That(alarm.Details["flags"], Is.EqualTo("""{"a":true}"""));
            Assert.That(alarm.Details["note"], Is.EqualTo("x"));
            Assert.That(alarm.Id, Is.Not.EqualTo(Guid.Empty));
        });
    }

    [Test]
    public void Defaults_fill_what_the_sender_left_out()
    {
        var alarm = One("""{"resource":"h1","alarmType":"disk_full","severity":"warning","summary":"disk 95%"}""").Alarms.Single();

        Assert.Multiple(() =>
        {
            Assert.That(alarm.Site, Is.Null);
            Assert.That(alarm.Service, Is.Null);
            Assert.That(alarm.SourceName, Is.EqualTo("generic"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(Now));
            Assert.That(alarm.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute("h1", "disk_full", null)));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo(alarm.Id.ToString("N")));
            Assert.That(alarm.Labels, Is.Empty);
        });
    }

    [TestCase("clear", AlarmSeverity.Info)]
    [TestCase("CLEARED", AlarmSeverity.Info)]
    public void Clear_is_a_state_not_a_severity(string severity, AlarmSeverity expected)
    {
        var alarm = One($$"""{"resource":"h1","alarmType":"t","severity":"{{severity}}","summary":"ok"}""").Alarms.Single();

        Assert.That((alarm.Status, alarm.Severity), Is.EqualTo((AlarmStatus.Cleared, expected)));
    }

    [Test]
    public void A_status_of_resolved_clears_an_alarm_that_keeps_its_severity()
    {
        var alarm = One("""{"resource":"h1","alarmType":"t","severity":"critical","status":"resolved","summary":"ok"}""").Alarms.Single();

        Assert.That((alarm.Status, alarm.Severity), Is.EqualTo((AlarmStatus.Cleared, AlarmSeverity.Critical)));
    }

    [Test]
    public void The_fingerprint_tells_conditions_apart_by_resource_type_and_instance_but_not_case()
    {
        var a = AlarmFingerprint.Compute("sw1", "link_down", "Gi0/1");
        Assert.Multiple(() =>
        {
            Assert.That(AlarmFingerprint.Compute("SW1", "LINK_DOWN", "Gi0/1"), Is.EqualTo(a));
            Assert.That(AlarmFingerprint.Compute("sw1", "link_down", "Gi0/2"), Is.Not.EqualTo(a));
            Assert.That(AlarmFingerprint.Compute("sw2", "link_down", "Gi0/1"), Is.Not.EqualTo(a));
            Assert.That(AlarmFingerprint.Compute("sw1", "link_up", "Gi0/1"), Is.Not.EqualTo(a));
        });
    }

    [Test]
    public void A_retry_of_an_alarm_stamped_by_its_sender_gets_the_same_idempotency_key()
    {
        const string json = """{"resource":"h1","alarmType":"t","severity":"major","summary":"s","observedAt":"2026-11-23T09:00:00Z"}""";

        var first = One(json).Alarms.Single();
        var retry = One(json).Alarms.Single();

        Assert.That(retry.IdempotencyKey, Is.EqualTo(first.IdempotencyKey));
        Assert.That(retry.Id, Is.Not.EqualTo(first.Id));
    }

    [Test]
    public void Every_missing_required_field_is_named()
    {
        var result = One("""{"site":"leeds"}""");

        Assert.That(result.Errors.Select(e => e.Field),
            Is.EquivalentTo(new[] { "$.resource", "$.alarmType", "$.summary", "$.severity" }));
        Assert.That(result.Alarms, Is.Empty);
    }

    [TestCase("""{"resource":"h","alarmType":"t","severity":"urgent","summary":"s"}""", "$.severity", "'urgent' is not a severity")]
    [TestCase("""{"resource":5,"alarmType":"t","severity":"major","summary":"s"}""", "$.resource", "must be a string, not a number")]
    [TestCase("""{"resource":" ","alarmType":"t","severity":"major","summary":"s"}""", "$.resource", "must not be empty")]
    [TestCase("""{"resource":"h","alarmType":"t","severity":"major","summary":"s","observedAt":"yesterday"}""", "$.observedAt", "not an RFC 3339 time")]
    [TestCase("""{"resource":"h","alarmType":"t","severity":"major","summary":"s","labels":["a"]}""", "$.labels", "must be a JSON object")]
    [TestCase("""{"resource":"h","alarmType":"t","severity":"major","summary":"s","status":"maybe"}""", "$.status", "not a status")]
    public void A_wrong_value_is_reported_at_its_path(string json, string field, string message)
    {
        var error = One(json).Errors.Single();

        Assert.That(error.Field, Is.EqualTo(field));
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void Broken_json_is_reported_with_its_line_and_byte()
    {
        var error = One("{\n  \"resource\": \"h\",\n  \"alarmType\" \"t\"\n}").Errors.Single();

        Assert.That(error.Message, Does.StartWith("not valid JSON at line 3"));
    }

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    public void A_body_that_is_not_one_alarm_object_is_refused(string json)
    {
        Assert.That(One(json).IsValid, Is.False);
    }

    [Test]
    public void A_batch_reports_each_bad_alarm_by_its_index_and_accepts_none()
    {
        var result = _parser.ParseBatch(Encoding.UTF8.GetBytes("""
            [{"resource":"h1","alarmType":"t","severity":"major","summary":"s"},
             {"resource":"h2","alarmType":"t","severity":"bad","summary":"s"},
             7]
            """), maxAlarms: 10);

        Assert.That(result.Alarms, Is.Empty);
        Assert.That(result.Errors.Select(e => e.Field), Is.EqualTo(new[] { "$[1].severity", "$[2]" }));
    }

    [Test]
    public void A_batch_may_be_wrapped_in_an_object()
    {
        var result = _parser.ParseBatch(Encoding.UTF8.GetBytes("""
            {"alarms":[{"resource":"h1","alarmType":"t","severity":"major","summary":"s"},
                       {"resource":"h2","alarmType":"t","severity":"minor","summary":"s"}]}
            """), maxAlarms: 10);

        Assert.That(result.Alarms.Select(a => a.Resource), Is.EqualTo(new[] { "h1", "h2" }));
    }

    [Test]
    public void A_batch_larger_than_the_limit_is_refused_with_the_limit()
    {
        var items = string.Join(',', Enumerable.Repeat("""{"resource":"h","alarmType":"t","severity":"major","summary":"s"}""", 3));

        var result = _parser.ParseBatch(Encoding.UTF8.GetBytes($"[{items}]"), maxAlarms: 2);

        Assert.That(result.Errors.Single().Message, Does.Contain("at most 2"));
    }
}

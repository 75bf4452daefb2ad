using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Feeds.PagerDuty;
using Correlation.Ingest.Feeds.Pipeline;
using static Correlation.Ingest.Feeds.Tests.FeedRequests;

namespace Correlation.Ingest.Feeds.Tests.PagerDuty;

public class PagerDutyParserTests
{
    private readonly PagerDutyParser _parser = new(Options().PagerDuty);

    private FeedOutcome Parse(string body) => _parser.Parse(Encoding.UTF8.GetBytes(body), Now);

    [Test]
    public void A_trigger_raises_an_alarm_with_every_field_mapped()
    {
        var outcome = Parse(PagerDutyPayloads.Trigger);

        Assert.That(outcome.Errors, Is.Empty);
        Assert.That(outcome.Credential, Is.EqualTo(PagerDutyPayloads.RoutingKey));
        Assert.That(outcome.Reference, Is.EqualTo("leeds-ups-1/on-battery"));
        var alarm = outcome.Alarms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.PagerDuty));
            Assert.That(alarm.SourceName, Is.EqualTo("Zabbix leeds"), "the client names the sender");
            Assert.That(alarm.Resource, Is.EqualTo("leeds-ups-1"));
            Assert.That(alarm.Site, Is.EqualTo("leeds"), "custom_details.site");
            Assert.That(alarm.Service, Is.EqualTo("leeds-power"), "payload.group");
            Assert.That(alarm.AlarmType, Is.EqualTo("power_on_battery"), "payload.class");
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Major), "error reads as major");
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Summary, Is.EqualTo("UPS leeds-ups-1 on battery: mains lost"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 15, 2, 250, TimeSpan.Zero)));
            Assert.That(alarm.ReceivedAt, Is.EqualTo(Now));
            Assert.That(alarm.Labels, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["component"] = "mains-input", ["group"] = "leeds-power", ["class"] = "power_on_battery",
            }));
            Assert.That(alarm.Details["battery_runtime_min"], Is.EqualTo("41"));
            Assert.That(alarm.Details["load_pct"], Is.EqualTo("62"));
            Assert.That(alarm.Details["dedup_key"], Is.EqualTo("leeds-ups-1/on-battery"));
            Assert.That(alarm.Details["client_url"], Does.StartWith("https://zabbix.noc.example/"));
            Assert.That(alarm.Details["links"], Does.Contain("hosts/leeds-ups-1"));
            Assert.That(alarm.Details["images"], Does.Contain("chart.png"));
            Assert.That(alarm.Details.Values, Has.None.Contains(PagerDutyPayloads.RoutingKey), "the routing key is a credential");
            Assert.That(alarm.Labels.Values, Has.None.Contains(PagerDutyPayloads.RoutingKey));
        });
    }

    [Test]
    public void A_resolve_clears_the_condition_its_dedup_key_names()
    {
        var trigger = Parse(PagerDutyPayloads.Trigger).Alarms.Single();
        var resolve = Parse(PagerDutyPayloads.Resolve);

        var clear = resolve.Alarms.Single();
        Assert.Multiple(() =>
        {
            Assert.That(resolve.Reference, Is.EqualTo("leeds-ups-1/on-battery"));
            Assert.That(clear.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(clear.Fingerprint, Is.EqualTo(trigger.Fingerprint));
            Assert.That(clear.IdempotencyKey, Is.Not.EqualTo(trigger.IdempotencyKey));
            Assert.That(clear.ObservedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void The_same_dedup_key_under_another_routing_key_is_another_condition()
    {
        var trigger = Parse(PagerDutyPayloads.Trigger).Alarms.Single();
        var other = Parse(PagerDutyPayloads.Trigger.Replace(PagerDutyPayloads.RoutingKey, "ANOTHERKEY0123456789ABCDEFGHIJKL", StringComparison.Ordinal)).Alarms.Single();

        Assert.That(other.Fingerprint, Is.Not.EqualTo(trigger.Fingerprint));
    }

    [Test]
    public void A_retried_delivery_has_the_same_idempotency_key_and_a_new_trigger_another()
    {
        var first = Parse(PagerDutyPayloads.Trigger).Alarms.Single();
        var retry = Parse(PagerDutyPayloads.Trigger).Alarms.Single();
        var later = Parse(PagerDutyPayloads.Trigger.Replace("10:15:02.250", "10:25:02.250", StringComparison.Ordinal)).Alarms.Single();
        var noStamp = Parse(PagerDutyPayloads.TriggerWithoutDedupKey.Replace("\"event_action\"", "\"dedup_key\": \"k\", \"event_action\"", StringComparison.Ordinal)).Alarms.Single();
        var noStampRetry = Parse(PagerDutyPayloads.TriggerWithoutDedupKey.Replace("\"event_action\"", "\"dedup_key\": \"k\", \"event_action\"", StringComparison.Ordinal)).Alarms.Single();

        Assert.That(retry.IdempotencyKey, Is.EqualTo(first.IdempotencyKey));
        Assert.That(later.IdempotencyKey, Is.Not.EqualTo(first.IdempotencyKey));
        Assert.That(later.Fingerprint, Is.EqualTo(first.Fingerprint));
        Assert.That(noStampRetry.IdempotencyKey, Is.EqualTo(noStamp.IdempotencyKey), "without a timestamp the body identifies the delivery");
    }

    [Test]
    public void An_acknowledge_is_valid_but_publishes_nothing()
    {
        var outcome = Parse(PagerDutyPayloads.Acknowledge);

        Assert.That(outcome.IsValid, Is.True);
        Assert.That(outcome.Alarms, Is.Empty);
        Assert.That(outcome.Reference, Is.EqualTo("leeds-ups-1/on-battery"));
    }

    [Test]
    public void A_trigger_without_a_dedup_key_is_given_one()
    {
        var outcome = Parse(PagerDutyPayloads.TriggerWithoutDedupKey);

        Assert.That(outcome.Reference, Has.Length.EqualTo(32));
        Assert.That(outcome.Alarms.Single().Details["dedup_key"], Is.EqualTo(outcome.Reference));
        Assert.That(outcome.Alarms.Single().AlarmType, Is.EqualTo("pagerduty_event"));
        Assert.That(outcome.Alarms.Single().Severity, Is.EqualTo(AlarmSeverity.Warning));
    }

    [TestCase("""{"routing_key":"k","event_action":"trigger","payload":{"source":"s","severity":"error"}}""", "$.payload.summary")]
    [TestCase("""{"routing_key":"k","event_action":"trigger","payload":{"summary":"x","source":"s","severity":"major"}}""", "$.payload.severity")]
    [TestCase("""{"routing_key":"k","event_action":"trigger"}""", "$.payload")]
    [TestCase("""{"routing_key":"k","event_action":"escalate","dedup_key":"d"}""", "$.event_action")]
    [TestCase("""{"routing_key":"k","event_action":"resolve"}""", "$.dedup_key")]
    [TestCase("""{"event_action":"resolve","dedup_key":"d"}""", "$.routing_key")]
    [TestCase("""{"routing_key":"k","event_action":"trigger","payload":{"summary":"x","source":"s","severity":"info","timestamp":"noon"}}""", "$.payload.timestamp")]
    [TestCase("[]", "$")]
    public void A_bad_event_names_the_field(string body, string field)
    {
        var outcome = Parse(body);

        Assert.That(outcome.IsValid, Is.False);
        Assert.That(outcome.Errors.Select(e => e.Field), Does.Contain(field));
    }
}

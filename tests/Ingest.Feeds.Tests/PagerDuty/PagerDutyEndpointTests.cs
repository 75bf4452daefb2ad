using System.Net;
using Correlation.Contracts;

namespace Correlation.Ingest.Feeds.Tests.PagerDuty;

public class PagerDutyEndpointTests
{
    private FeedTestHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await FeedTestHost.StartAsync(new Dictionary<string, string>
    {
        ["Ingest:PagerDuty:ApiKeys:0"] = PagerDutyPayloads.RoutingKey,
    });

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_trigger_is_answered_as_PagerDuty_answers_with_its_dedup_key()
    {
        var response = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Trigger);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var body = await FeedTestHost.JsonAsync(response);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("success"));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Event processed"));
        Assert.That(body.GetProperty("dedup_key").GetString(), Is.EqualTo("leeds-ups-1/on-battery"));
        Assert.That(_host.Published().Single().Resource, Is.EqualTo("leeds-ups-1"));
    }

    [Test]
    public async Task An_acknowledge_is_answered_202_and_publishes_nothing_and_a_resolve_publishes_a_clear()
    {
        var ack = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Acknowledge);
        var resolve = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Resolve);

        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await FeedTestHost.JsonAsync(ack)).GetProperty("dedup_key").GetString(), Is.EqualTo("leeds-ups-1/on-battery"));
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(_host.Published().Select(a => a.Status), Is.EqualTo(new[] { AlarmStatus.Cleared }));
    }

    [Test]
    public async Task A_bad_event_gets_PagerDutys_invalid_event_answer_naming_the_field()
    {
        var response = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Trigger.Replace("\"error\"", "\"sev1\"", StringComparison.Ordinal));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await FeedTestHost.JsonAsync(response);
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("invalid event"));
        Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Event object is invalid"));
        Assert.That(body.GetProperty("errors")[0].GetString(), Does.StartWith("payload.severity 'sev1' is not a severity"));
        Assert.That(_host.Published(), Is.Empty);
    }

    [Test]
    public async Task A_routing_key_that_is_not_configured_is_refused_and_nothing_published()
    {
        var response = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Trigger.Replace(PagerDutyPayloads.RoutingKey, "WRONGKEY0123456789ABCDEFGHIJKLMN", StringComparison.Ordinal));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var body = await FeedTestHost.JsonAsync(response);
        Assert.That(body.GetProperty("errors")[0].GetString(), Is.EqualTo("Invalid routing key"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("WRONGKEY"));
        Assert.That(_host.Published(), Is.Empty);
    }

    [Test]
    public async Task The_key_may_also_come_in_a_header()
    {
        var response = await _host.PostAsync("/v2/enqueue", PagerDutyPayloads.Trigger.Replace(PagerDutyPayloads.RoutingKey, "another-integration", StringComparison.Ordinal),
            "application/json", ("X-Api-Key", PagerDutyPayloads.RoutingKey));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }
}

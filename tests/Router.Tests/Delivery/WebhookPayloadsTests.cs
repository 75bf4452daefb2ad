using System.Text.Json;
using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Delivery;

namespace Correlation.Router.Tests.Delivery;

public class WebhookPayloadsTests
{
    private static readonly Notice Escalated = new(NoticeKind.Escalated, Guid.Parse("5d1c0f2e-7a53-4a48-9c1e-2f6a4a1b9e01"), 7, "Link failures at leeds",
        IncidentState.Open, IncidentPriority.P1, IncidentCategory.Outage, "leeds", "north", 9, 8, ["payments"], ["card-holders"],
        "not acknowledged 15m after it was paged", ["function:incident-coordinator"], [new("incident-coordinator", "amira", "Amira Khan", "day")],
        EscalationReason.NotAcknowledged, 2, null, new DateTimeOffset(2026, 3, 2, 10, 15, 0, TimeSpan.Zero));

    private static JsonElement Format(WebhookFormat format, Notice notice) =>
        JsonDocument.Parse(WebhookPayloads.Format(new WebhookTarget("w", format, new Uri("https://example.com/"), new Dictionary<string, string>(), "R0UTING"), notice)).RootElement;

    [Test]
    public void Generic_is_the_notice_itself()
    {
        var json = Format(WebhookFormat.Generic, Escalated);

        Assert.That(json.GetProperty("kind").GetString(), Is.EqualTo("Escalated"));
        Assert.That(json.GetProperty("memberCount").GetInt32(), Is.EqualTo(9));
        Assert.That(json.GetProperty("recipients")[0].GetProperty("personId").GetString(), Is.EqualTo("amira"));
    }

    [Test]
    public void Slack_is_a_message_with_text_and_blocks()
    {
        var json = Format(WebhookFormat.Slack, Escalated);

        Assert.That(json.GetProperty("text").GetString(), Is.EqualTo("[P1] ESCALATED (not acknowledged, level 2): Link failures at leeds at leeds"));
        Assert.That(json.GetProperty("blocks")[0].GetProperty("type").GetString(), Is.EqualTo("header"));
        Assert.That(json.GetProperty("blocks")[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()),
            Has.Some.Contains("Amira Khan (incident-coordinator)"));
    }

    [Test]
    public void Teams_is_a_message_carrying_an_adaptive_card()
    {
        var attachment = Format(WebhookFormat.Teams, Escalated).GetProperty("attachments")[0];

        Assert.That(attachment.GetProperty("contentType").GetString(), Is.EqualTo("application/vnd.microsoft.card.adaptive"));
        Assert.That(attachment.GetProperty("content").GetProperty("type").GetString(), Is.EqualTo("AdaptiveCard"));
        Assert.That(attachment.GetProperty("content").GetProperty("body")[2].GetProperty("facts")[0].GetProperty("value").GetString(), Is.EqualTo("P1"));
    }

    [Test]
    public void PagerDuty_is_an_events_v2_trigger_and_a_resolve_closes_the_same_alert()
    {
        var trigger = Format(WebhookFormat.PagerDuty, Escalated);
        var resolve = Format(WebhookFormat.PagerDuty, Escalated with { Kind = NoticeKind.Resolved });

        Assert.Multiple(() =>
        {
            Assert.That(trigger.GetProperty("routing_key").GetString(), Is.EqualTo("R0UTING"));
            Assert.That(trigger.GetProperty("event_action").GetString(), Is.EqualTo("trigger"));
            Assert.That(trigger.GetProperty("dedup_key").GetString(), Is.EqualTo(Escalated.IncidentId.ToString("D")));
            Assert.That(trigger.GetProperty("payload").GetProperty("severity").GetString(), Is.EqualTo("critical"));
            Assert.That(trigger.GetProperty("payload").GetProperty("source").GetString(), Is.EqualTo("leeds"));
            Assert.That(trigger.GetProperty("payload").GetProperty("timestamp").GetString(), Is.EqualTo("2026-03-02T10:15:00.0000000+00:00"));
            Assert.That(resolve.GetProperty("event_action").GetString(), Is.EqualTo("resolve"));
            Assert.That(resolve.GetProperty("dedup_key").GetString(), Is.EqualTo(trigger.GetProperty("dedup_key").GetString()));
        });
    }
}

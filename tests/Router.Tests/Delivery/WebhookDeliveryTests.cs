using System.Text.Json;
using Correlation.Contracts;
using Correlation.Router.Delivery;
using Correlation.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Router.Tests.Delivery;

public class WebhookDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_webhook_that_fails_three_times_then_recovers_receives_each_notification_once_per_incident_version()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failures: 3);
        await using var redis = await RedisTestKeys.CreateAsync("router-hook");
        var clock = new FakeTimeProvider(T0);
        await using var host = await RouterHost.StartAsync(redis, clock, $$"""
            rules:
              - name: everything
                notify: [webhook:noc]
            webhooks:
              - { name: noc, format: generic, url: "{{receiver.Url}}" }
            """, new Dictionary<string, string>
            {
                ["Router:WebhookRetries"] = "2",
                ["Router:RedeliveryDelay"] = "00:00:05",
            });
        var id = Guid.NewGuid();

        // Version 1: three calls (one and two in-place retries) all fail; the delivery is kept, not dropped.
        await host.PublishAsync(Messages.Triaged(id, 1, IncidentPriority.P2, T0));
        var pending = await Eventually.ReturnsAsync(host.Outbox.PendingAsync, p => p.Count == 1 && p[0].Attempts == 1, Patience,
            "the failed delivery to be kept in the outbox");
        Assert.That(receiver.Calls, Is.EqualTo(3));
        Assert.That(receiver.Accepted, Is.Empty);
        Assert.That(pending[0].Due, Is.GreaterThan(T0));

        // The receiver is back; when the retry is due the outbox delivers it.
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(await host.SweepDeliveriesAsync(), Is.EqualTo(1));
        Assert.That(await host.Outbox.PendingAsync(), Is.Empty);

        // Version 2 goes out at once.
        await host.PublishAsync(Messages.Triaged(id, 2, IncidentPriority.P1, T0 + TimeSpan.FromSeconds(10)));
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Accepted.Count), n => n >= 2, Patience, "version 2 to be delivered");

        // Both decisions delivered again by the broker: nothing is sent again.
        await host.PublishAsync(Messages.Triaged(id, 1, IncidentPriority.P2, T0));
        await host.PublishAsync(Messages.Triaged(id, 2, IncidentPriority.P1, T0 + TimeSpan.FromSeconds(10)));
        clock.Advance(TimeSpan.FromMinutes(30));
        await host.SweepDeliveriesAsync();

        var accepted = receiver.Accepted.ToList();
        var versions = accepted.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("incidentVersion").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(accepted.Select(a => a.Key).Distinct().Count(), Is.EqualTo(2));
            Assert.That(accepted.Select(a => a.Key), Has.All.StartsWith(id.ToString("N")));
            Assert.That(receiver.Calls, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task The_same_notification_is_not_enqueued_again_once_delivered()
    {
        await using var redis = await RedisTestKeys.CreateAsync("router-outbox");
        await using var host = await RouterHost.StartAsync(redis, new FakeTimeProvider(T0), null);
        var notice = new Notice(NoticeKind.Routed, Guid.NewGuid(), 1, "t", IncidentState.Open, IncidentPriority.P3, null, null, null, 1, 1, [], [], "r", [], [], null, null, null, T0);
        var delivery = new ChannelDelivery("k1", "queue:somewhere", notice.IncidentId, notice, null, null);

        Assert.That(await host.Outbox.EnqueueAsync(delivery, T0), Is.True);
        Assert.That(await host.Outbox.EnqueueAsync(delivery, T0), Is.False, "already waiting");
        await Eventually.ReturnsAsync(() => host.Outbox.WasDeliveredAsync("k1"), d => d, Patience, "the queue delivery");
        Assert.That(await host.Outbox.EnqueueAsync(delivery, T0), Is.False, "already delivered");
    }
}

using Correlation.Ingest.Admission;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Tests.Admission;

public class SenderRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public void A_sender_gets_its_burst_then_its_rate_and_is_told_when_to_come_back()
    {
        var limiter = new SenderRateLimiter<string>(perSecond: 2, burst: 3, maxSenders: 10, _time);

        var burst = Enumerable.Range(0, 3).Select(i => limiter.TryTake("a", out _)).ToList();
        var over = limiter.TryTake("a", out var retryAfter);

        Assert.That(burst, Has.All.True);
        Assert.That(over, Is.False);
        Assert.That(retryAfter, Is.EqualTo(TimeSpan.FromSeconds(0.5)));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(limiter.TryTake("a", out _), Is.True, "one token back after half a second at 2/s");
        Assert.That(limiter.TryTake("a", out _), Is.False);
    }

    [Test]
    public void Senders_are_limited_each_on_their_own()
    {
        var limiter = new SenderRateLimiter<string>(perSecond: 1, burst: 1, maxSenders: 10, _time);

        Assert.That(limiter.TryTake("a", out _), Is.True);
        Assert.That(limiter.TryTake("a", out _), Is.False);
        Assert.That(limiter.TryTake("b", out _), Is.True, "b is not slowed down by a");
    }

    [Test]
    public void A_flood_of_new_senders_is_kept_in_bounded_memory_and_shares_one_limit()
    {
        var limiter = new SenderRateLimiter<int>(perSecond: 1, burst: 1, maxSenders: 100, _time);

        var taken = Enumerable.Range(0, 10_000).Count(sender => limiter.TryTake(sender, out _));

        Assert.That(limiter.TrackedSenders, Is.EqualTo(100));
        // 100 senders with a bucket each, then one shared overflow bucket with one token.
        Assert.That(taken, Is.EqualTo(101));
    }

    [Test]
    public void Senders_gone_quiet_make_room_for_new_ones()
    {
        var limiter = new SenderRateLimiter<int>(perSecond: 1, burst: 1, maxSenders: 2, _time);
        limiter.TryTake(1, out _);
        limiter.TryTake(2, out _);

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.That(limiter.TryTake(3, out _), Is.True);
        Assert.That(limiter.TryTake(4, out _), Is.True, "1 and 2 refilled and were dropped, so 4 has a bucket of its own");
        Assert.That(limiter.TrackedSenders, Is.EqualTo(2));
    }
}

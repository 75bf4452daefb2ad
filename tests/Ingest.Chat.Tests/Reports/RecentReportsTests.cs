using Correlation.Contracts;
using Correlation.Ingest.Chat.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Chat.Tests.Reports;

/// <summary>The short in-process memory that keeps a redelivered message from being published twice.</summary>
public class RecentReportsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private RecentReports _recent = null!;
    private int _publishes;

    [SetUp]
    public void SetUp()
    {
        _recent = new RecentReports(new ChatOptions { DedupWindow = TimeSpan.FromMinutes(10), DedupCapacity = 3 }, _time);
        _publishes = 0;
    }

    private static Alarm Alarm(string key) => new(Guid.NewGuid(), key, "fp", SourceKind.Chat, "slack", "leeds", "leeds", null, "user_report",
        AlarmSeverity.Minor, AlarmStatus.Raised, "s", new Dictionary<string, string>(), new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private Func<Task<bool>> Publish(bool result = true, Task? until = null) => async () =>
    {
        Interlocked.Increment(ref _publishes);
        if (until is not null)
        {
            await until;
        }

        return result;
    };

    [Test]
    public async Task A_key_published_within_the_window_is_not_published_again_and_the_first_alarm_is_returned()
    {
        var first = Alarm("slack:m1");

        var published = await _recent.PublishOnceAsync(first, Publish());
        _time.Advance(TimeSpan.FromMinutes(9));
        var repeat = await _recent.PublishOnceAsync(Alarm("slack:m1"), Publish());

        Assert.That(published, Is.EqualTo((first, false)));
        Assert.That(repeat, Is.EqualTo((first, true)));
        Assert.That(_publishes, Is.EqualTo(1));
    }

    [Test]
    public async Task After_the_window_the_key_is_published_again()
    {
        await _recent.PublishOnceAsync(Alarm("slack:m1"), Publish());
        _time.Advance(TimeSpan.FromMinutes(10));

        var later = await _recent.PublishOnceAsync(Alarm("slack:m1"), Publish());

        Assert.That(later.Repeated, Is.False);
        Assert.That(_publishes, Is.EqualTo(2));
    }

    [Test]
    public async Task A_delivery_arriving_while_the_first_is_publishing_waits_for_it_instead_of_publishing()
    {
        var confirm = new TaskCompletionSource();
        var first = Alarm("slack:m1");
        var publishing = _recent.PublishOnceAsync(first, Publish(until: confirm.Task));
        var retry = _recent.PublishOnceAsync(Alarm("slack:m1"), Publish());

        Assert.That(retry.IsCompleted, Is.False);
        confirm.SetResult();

        Assert.That(await retry, Is.EqualTo((first, true)));
        Assert.That((await publishing).Repeated, Is.False);
        Assert.That(_publishes, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_publish_is_forgotten_so_the_waiting_and_later_deliveries_try_again()
    {
        var refuse = new TaskCompletionSource();
        var failing = _recent.PublishOnceAsync(Alarm("slack:m1"), Publish(result: false, until: refuse.Task));
        var waiting = _recent.PublishOnceAsync(Alarm("slack:m1"), Publish());
        refuse.SetResult();

        Assert.That((await failing).Stored, Is.Null);
        Assert.That((await waiting).Repeated, Is.False, "the waiting delivery published it");
        Assert.That(_publishes, Is.EqualTo(2));
    }

    [Test]
    public async Task When_full_it_still_publishes_without_remembering()
    {
        foreach (var key in (string[])["a", "b", "c", "d", "d"])
        {
            await _recent.PublishOnceAsync(Alarm(key), Publish());
        }

        Assert.That(_publishes, Is.EqualTo(5), "past the capacity of 3, repeats are left to the correlator's idempotency check");
        _time.Advance(TimeSpan.FromMinutes(11));
        await _recent.PublishOnceAsync(Alarm("e"), Publish());
        await _recent.PublishOnceAsync(Alarm("e"), Publish());
        Assert.That(_publishes, Is.EqualTo(6), "expired keys made room again");
    }
}

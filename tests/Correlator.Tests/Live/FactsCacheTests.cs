using Correlation.Correlator.Live;
using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Correlator.Tests.Live;

public class FactsCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void Facts_are_found_only_at_the_version_they_were_held_at()
    {
        var cache = new FactsCache(8, TimeSpan.FromMinutes(5), new FakeTimeProvider(T0));
        var facts = new IncidentFacts("a", T0, 64);
        cache.Set("a", "3", facts);

        Assert.That(cache.TryGet("a", "3", out var found), Is.True);
        Assert.That(found, Is.SameAs(facts));
        Assert.That(cache.TryGet("a", "4", out _), Is.False, "the incident moved on since");
        Assert.That(cache.TryGet("b", "3", out _), Is.False);
        cache.Remove("a");
        Assert.That(cache.TryGet("a", "3", out _), Is.False);
    }

    [Test]
    public void A_long_run_of_incidents_holds_at_most_two_generations_and_keeps_those_still_in_use()
    {
        const int Generation = 100;
        var cache = new FactsCache(Generation, TimeSpan.FromDays(1), new FakeTimeProvider(T0));
        var busy = new IncidentFacts("busy", T0, 64);
        cache.Set("busy", "1", busy);
        for (var i = 0; i < 10_000; i++)
        {
            cache.Set($"once-{i}", "1", new IncidentFacts($"once-{i}", T0, 64));
            Assert.That(cache.Count, Is.LessThanOrEqualTo(2 * Generation));
            if (i % 50 == 0)
            {
                Assert.That(cache.TryGet("busy", "1", out _), Is.True, $"an incident in use is carried over (at {i})");
            }
        }

        Assert.That(cache.TryGet("once-0", "1", out _), Is.False, "one not seen for two generations is gone");
        Assert.That(cache.TryGet("once-9999", "1", out _), Is.True);
    }

    [Test]
    public void An_incident_not_decided_on_for_two_generation_ages_is_let_go_however_few_there_are()
    {
        var time = new FakeTimeProvider(T0);
        var cache = new FactsCache(1000, TimeSpan.FromMinutes(5), time);
        cache.Set("quiet", "1", new IncidentFacts("quiet", T0, 64));
        cache.Set("busy", "1", new IncidentFacts("busy", T0, 64));

        for (var minute = 1; minute <= 12; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            Assert.That(cache.TryGet("busy", "1", out _), Is.True, $"in use at minute {minute}");
            cache.Set($"new-{minute}", "1", new IncidentFacts($"new-{minute}", T0, 64));
        }

        Assert.That(cache.TryGet("quiet", "1", out _), Is.False);
        Assert.That(cache.Count, Is.LessThan(20));
    }
}

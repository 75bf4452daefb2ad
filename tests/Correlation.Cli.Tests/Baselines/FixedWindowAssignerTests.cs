using Correlation.Cli.Baselines;
using static Correlation.Cli.Tests.Support.Partitions;
using static Correlation.Cli.Tests.Support.TestAlarms;

namespace Correlation.Cli.Tests.Baselines;

public class FixedWindowAssignerTests
{
    [Test]
    public async Task Alarms_of_one_site_in_one_window_are_one_incident_and_without_a_site_the_resource_stands_in()
    {
        // Start is 10:00 UTC, on a five-minute boundary.
        var groups = await GroupAsync(new FixedWindowAssigner(),
            Raise("leeds-sw-1", "link_down", 0, "leeds"),
            Raise("york-sw-1", "crc", 1, "york"),
            Raise("r1", "high_cpu", 2),
            Raise("r1", "disk_full", 3),
            Raise("r2", "high_cpu", 3),
            Clear("leeds-sw-1", "link_down", 4.9, "leeds"),
            Raise("leeds-rtr-1", "bgp_down", 5, "leeds"));

        Assert.That(groups, Is.EqualTo(new[] { 0, 1, 2, 2, 3, 0, 4 }));
    }

    [Test]
    public async Task Windows_are_aligned_on_the_epoch_not_on_the_first_alarm()
    {
        var groups = await GroupAsync(new FixedWindowAssigner(TimeSpan.FromHours(1)),
            Raise("r", "t", 59),
            Raise("r", "t", 61),
            Raise("r", "t", 119));

        Assert.That(groups, Is.EqualTo(new[] { 0, 1, 1 }));
    }

    [Test]
    public void A_window_that_is_not_positive_is_refused_and_the_name_shows_the_window()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new FixedWindowAssigner(TimeSpan.Zero));
        Assert.That(new FixedWindowAssigner(TimeSpan.FromSeconds(90)).Name, Is.EqualTo("fixed-window 1m30s"));
    }
}

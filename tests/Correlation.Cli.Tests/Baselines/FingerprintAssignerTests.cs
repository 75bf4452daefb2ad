using Correlation.Cli.Baselines;
using static Correlation.Cli.Tests.Support.Partitions;
using static Correlation.Cli.Tests.Support.TestAlarms;

namespace Correlation.Cli.Tests.Baselines;

public class FingerprintAssignerTests
{
    [Test]
    public async Task Repeats_join_their_condition_and_a_raise_after_the_clear_opens_a_new_incident()
    {
        var groups = await GroupAsync(new FingerprintAssigner(),
            Raise("r1", "link_down", 0),
            Raise("r2", "link_down", 1),
            Raise("R1", "LINK_DOWN", 2),
            Clear("r1", "link_down", 3),
            Raise("r1", "link_down", 4),
            Clear("r3", "psu_fail", 5),
            Clear("r1", "link_down", 6),
            Clear("r1", "link_down", 7),
            Raise("r1", "link_down", 8, labels: new Dictionary<string, string> { ["instance"] = "Gi0/2" }));

        // The repeat differs only in case, which the fingerprint ignores; a clear never raised is an
        // incident of its own; a second clear belongs to the incident it already resolved; another
        // instance is another condition.
        Assert.That(groups, Is.EqualTo(new[] { 0, 1, 0, 0, 2, 3, 2, 2, 4 }));
    }

    [Test]
    public async Task Each_run_starts_from_nothing()
    {
        var assigner = new FingerprintAssigner();
        var first = await assigner.AssignAllAsync([Raise("r1", "t", 0)]);
        var second = await assigner.AssignAllAsync([Raise("r2", "t", 0)]);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Alarms_out_of_time_order_are_refused()
    {
        Assert.ThrowsAsync<ArgumentException>(() => new FingerprintAssigner().AssignAllAsync([Raise("r1", "t", 5), Raise("r1", "t", 0)]));
    }
}

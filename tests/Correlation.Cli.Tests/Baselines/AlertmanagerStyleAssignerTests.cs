using Correlation.Cli.Baselines;
using static Correlation.Cli.Tests.Support.Partitions;
using static Correlation.Cli.Tests.Support.TestAlarms;

namespace Correlation.Cli.Tests.Baselines;

public class AlertmanagerStyleAssignerTests
{
    [Test]
    public async Task Alarms_with_the_same_type_and_site_share_a_group_until_it_has_been_empty_for_a_group_interval()
    {
        // Defaults: group by alarmType and site, group interval and resolve timeout 5 minutes.
        // r1 and r2 fire until 5 and 7: the group is empty from 7 but open until 12, so r4 at 11.9 joins;
        // r4 fires until 16.9, the group closes at 21.9, and the raise at 30 opens another.
        var groups = await GroupAsync(new AlertmanagerStyleAssigner(),
            Raise("r1", "link_down", 0, "leeds"),
            Raise("r2", "link_down", 2, "leeds"),
            Raise("r3", "link_down", 2, "york"),
            Raise("r1", "high_cpu", 3, "leeds"),
            Raise("r4", "link_down", 11.9, "leeds"),
            Raise("r1", "link_down", 30, "leeds"));

        Assert.That(groups, Is.EqualTo(new[] { 0, 0, 1, 2, 0, 3 }));
    }

    [Test]
    public async Task A_group_stays_open_as_long_as_alarms_keep_firing()
    {
        var alarms = Enumerable.Range(0, 20).Select(i => Raise($"r{i % 3}", "link_down", i * 4.5, "leeds")).ToArray();

        var groups = await GroupAsync(new AlertmanagerStyleAssigner(), alarms);

        Assert.That(groups, Is.All.Zero);
    }

    [Test]
    public async Task A_clear_ends_firing_before_the_resolve_timeout()
    {
        var cleared = await GroupAsync(new AlertmanagerStyleAssigner(),
            Raise("r1", "link_down", 0, "leeds"),
            Clear("r1", "link_down", 1, "leeds"),
            Raise("r2", "link_down", 7, "leeds"));
        var notCleared = await GroupAsync(new AlertmanagerStyleAssigner(),
            Raise("r1", "link_down", 0, "leeds"),
            Raise("r2", "link_down", 7, "leeds"));

        // Cleared at 1, closed at 6, so 7 is a new group; uncleared, r1 fires until 5 and the group lives until 10.
        Assert.That(cleared, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(notCleared, Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public async Task A_clear_of_one_alert_keeps_the_group_open_while_another_still_fires()
    {
        var groups = await GroupAsync(new AlertmanagerStyleAssigner(),
            Raise("r1", "link_down", 0, "leeds"),
            Raise("r2", "link_down", 3, "leeds"),
            Clear("r1", "link_down", 4, "leeds"),
            Raise("r3", "link_down", 12, "leeds"),
            Raise("r4", "link_down", 30, "leeds"));

        // r2 fires until 8, so the group lives until 13 despite r1's clear.
        Assert.That(groups, Is.EqualTo(new[] { 0, 0, 0, 0, 1 }));
    }

    [Test]
    public async Task Group_keys_come_from_labels_when_the_alarm_has_no_field_of_that_name_and_absent_keys_group_together()
    {
        var assigner = new AlertmanagerStyleAssigner(["cluster", "site"]);
        var groups = await GroupAsync(assigner,
            Raise("r1", "a", 0, labels: new Dictionary<string, string> { ["cluster"] = "c1", ["site"] = "leeds" }),
            Raise("r2", "b", 1, site: "leeds", labels: new Dictionary<string, string> { ["cluster"] = "c1" }),
            Raise("r3", "c", 1, site: "leeds", labels: new Dictionary<string, string> { ["cluster"] = "c2" }),
            Raise("r4", "d", 2),
            Raise("r5", "e", 2));

        Assert.That(groups, Is.EqualTo(new[] { 0, 0, 1, 2, 2 }));
        Assert.That(assigner.Name, Is.EqualTo("alertmanager cluster,site"));
    }
}

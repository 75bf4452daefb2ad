using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Topology.Tests.Hosting;

public class TopologyProviderTests
{
    private TempDirectory _dir = null!;
    private FakeTimeProvider _time = null!;
    private ListLogger<TopologyProvider> _log = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
        _log = new ListLogger<TopologyProvider>();
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private TopologyProvider Provider(string path) =>
        new(Options.Create(new TopologyOptions { CmdbPath = path }), _time, _log);

    [Test]
    public void The_first_load_gives_version_one()
    {
        var provider = Provider(_dir.Write("cmdb.yaml", Cmdbs.TwoRouters));

        Assert.Multiple(() =>
        {
            Assert.That(provider.Version, Is.EqualTo(1));
            Assert.That(provider.Current.Devices, Has.Count.EqualTo(2));
            Assert.That(provider.Snapshot.LoadedAt, Is.EqualTo(_time.GetUtcNow()));
        });
    }

    [Test]
    public void A_bad_file_at_construction_fails_with_the_file_line_and_reason()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.Broken);

        var ex = Assert.Throws<CmdbValidationException>(() => Provider(path));

        Assert.That(ex.Message, Does.Contain($"{path}:3:21: link 'r1--r9' refers to unknown device 'r9'"));
    }

    [Test]
    public void A_good_change_is_swapped_in_with_a_new_version_and_an_event()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);
        var before = provider.Current;
        TopologyChangedEventArgs? seen = null;
        provider.Changed += (_, e) => seen = e;
        _time.Advance(TimeSpan.FromMinutes(5));
        File.WriteAllText(path, Cmdbs.ThreeRouters);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Reloaded));
            Assert.That(provider.Version, Is.EqualTo(2));
            Assert.That(provider.Current.HopDistance("r1", "r3"), Is.EqualTo(2));
            Assert.That(provider.Snapshot.LoadedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(seen?.Previous.Topology, Is.SameAs(before));
            Assert.That(seen?.Current, Is.SameAs(provider.Snapshot));
            Assert.That(before.FindDevice("r3"), Is.Null, "the old snapshot never changes");
        });
    }

    [Test]
    public void A_bad_change_keeps_the_previous_snapshot_and_reports_why()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);
        var before = provider.Snapshot;
        var changed = false;
        provider.Changed += (_, _) => changed = true;
        File.WriteAllText(path, Cmdbs.Broken);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Rejected));
            Assert.That(result.Snapshot, Is.SameAs(before));
            Assert.That(provider.Snapshot, Is.SameAs(before));
            Assert.That(changed, Is.False);
            Assert.That(result.Problems.Select(p => p.ToString()), Has.Some.StartsWith($"{path}:3:21:"));
            Assert.That(_log.Entries, Has.Some.Matches<(LogLevel Level, string Message)>(
                e => e.Level == LogLevel.Error && e.Message.Contains($"{path}:3:21:", StringComparison.Ordinal)));
        });
    }

    [Test]
    public void A_deleted_file_is_a_rejected_reload_not_a_crash()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);
        File.Delete(path);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Rejected));
            Assert.That(provider.Current.Devices, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void After_a_rejected_change_a_fixed_file_is_swapped_in()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);
        File.WriteAllText(path, Cmdbs.Broken);
        provider.Reload();
        File.WriteAllText(path, Cmdbs.ThreeRouters);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Reloaded));
            Assert.That(provider.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Reloading_unchanged_content_keeps_the_version()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Unchanged));
            Assert.That(provider.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_failing_change_handler_does_not_stop_the_others_or_the_reload()
    {
        var path = _dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var provider = Provider(path);
        var second = false;
        provider.Changed += (_, _) => throw new InvalidOperationException("subscriber bug");
        provider.Changed += (_, _) => second = true;
        File.WriteAllText(path, Cmdbs.ThreeRouters);

        var result = provider.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(TopologyReloadOutcome.Reloaded));
            Assert.That(second, Is.True);
        });
    }
}

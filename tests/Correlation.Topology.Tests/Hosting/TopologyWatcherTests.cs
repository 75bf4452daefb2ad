using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Correlation.Topology.Tests.Hosting;

public class TopologyWatcherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Test]
    public async Task A_change_to_the_file_is_picked_up_after_the_debounce()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var options = Options.Create(new TopologyOptions { CmdbPath = path, ReloadDebounce = TimeSpan.FromMilliseconds(50) });
        var provider = new TopologyProvider(options, TimeProvider.System, NullLogger<TopologyProvider>.Instance);
        var changed = new TaskCompletionSource<TopologyChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += (_, e) => changed.TrySetResult(e);
        using var watcher = new TopologyWatcher(provider, options, TimeProvider.System, NullLogger<TopologyWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(path, Cmdbs.ThreeRouters);

        var e = await changed.Task.WaitAsync(Bound);
        Assert.Multiple(() =>
        {
            Assert.That(e.Current.Version, Is.EqualTo(2));
            Assert.That(provider.Current.FindDevice("r3"), Is.Not.Null);
        });
        await watcher.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_file_replaced_by_a_rename_is_picked_up()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var options = Options.Create(new TopologyOptions { CmdbPath = path, ReloadDebounce = TimeSpan.FromMilliseconds(50) });
        var provider = new TopologyProvider(options, TimeProvider.System, NullLogger<TopologyProvider>.Instance);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Changed += (_, _) => changed.TrySetResult();
        using var watcher = new TopologyWatcher(provider, options, TimeProvider.System, NullLogger<TopologyWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        // How deploy tools and many editors write: a new file, then an atomic rename over the old one.
        var staged = dir.Write("cmdb.yaml.tmp", Cmdbs.ThreeRouters);
        File.Move(staged, path, overwrite: true);

        await changed.Task.WaitAsync(Bound);
        Assert.That(provider.Current.Devices, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Nothing_is_watched_when_watching_is_off()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        var options = Options.Create(new TopologyOptions { CmdbPath = path, WatchForChanges = false, ReloadDebounce = TimeSpan.FromMilliseconds(10) });
        var provider = new TopologyProvider(options, TimeProvider.System, NullLogger<TopologyProvider>.Instance);
        using var watcher = new TopologyWatcher(provider, options, TimeProvider.System, NullLogger<TopologyWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        await File.WriteAllTextAsync(path, Cmdbs.ThreeRouters);
        await Task.Delay(500);

        Assert.That(provider.Version, Is.EqualTo(1));
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.Topology;

/// <summary>
/// Reloads the topology when the CMDB changes on disk. It watches the file's whole folder, not just the
/// file name, because deploy tools replace files by renaming and Kubernetes swaps a ConfigMap by
/// repointing a symlink; a reload of unchanged content costs one read and bumps nothing. Events are
/// debounced so that a file written in several steps is read once, after the last.
/// Being a hosted service that needs the provider, it also makes the first load happen at host start,
/// so a bad CMDB stops the host there.
/// </summary>
public sealed class TopologyWatcher : IHostedService, IDisposable
{
    private readonly TopologyProvider _provider;
    private readonly TopologyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private FolderWatch? _watch;

    public TopologyWatcher(TopologyProvider provider, IOptions<TopologyOptions> options, TimeProvider time,
        ILogger<TopologyWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.WatchForChanges)
        {
            return Task.CompletedTask;
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(_provider.CmdbPath))!;
        _watch = new FolderWatch(directory, _options.ReloadDebounce, _time, () => _provider.Reload(), _logger.ReloadFailed, _logger.WatcherError);
        _logger.Watching(directory, _options.ReloadDebounce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _watch = null;
    }
}

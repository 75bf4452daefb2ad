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
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private bool _stopped;

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
        lock (_gate)
        {
            _stopped = false;
            _debounce = _time.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite |
                               NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Schedule();
            _watcher.Created += (_, _) => Schedule();
            _watcher.Deleted += (_, _) => Schedule();
            _watcher.Renamed += (_, _) => Schedule();
            _watcher.Error += (_, e) =>
            {
                // Usually an overflowed event buffer: changes may have been missed, so look again.
                _logger.WatcherError(e.GetException());
                Schedule();
            };
            _watcher.EnableRaisingEvents = true;
        }
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
        lock (_gate)
        {
            _stopped = true;
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _debounce?.Change(_options.ReloadDebounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void ReloadNow()
    {
        try
        {
            _provider.Reload();
        }
#pragma warning disable CA1031 // an exception escaping a timer callback would end the process
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.ReloadFailed(e);
        }
    }
}

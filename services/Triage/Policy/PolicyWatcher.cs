using Microsoft.Extensions.Options;

namespace Correlation.Triage.Policy;

/// <summary>
/// Reloads the policy when its file changes. Watches the file's folder (deploy tools replace files by
/// renaming, Kubernetes swaps a ConfigMap by a symlink) and waits for the folder to go quiet first, so a
/// file written in steps is read once. Needing the provider, it also makes the first load happen at start.
/// </summary>
public sealed class PolicyWatcher : IHostedService, IDisposable
{
    private readonly PolicyProvider _provider;
    private readonly TriageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;

    public PolicyWatcher(PolicyProvider provider, IOptions<TriageOptions> options, TimeProvider time, ILogger<PolicyWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.WatchForChanges || _provider.PolicyPath is not { } path)
        {
            return Task.CompletedTask;
        }
        lock (_gate)
        {
            _debounce = _time.CreateTimer(_ => ReloadNow(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => Schedule();
            _watcher.Created += (_, _) => Schedule();
            _watcher.Renamed += (_, _) => Schedule();
            _watcher.Error += (_, e) =>
            {
                TriageLog.WatcherError(_logger, e.GetException());
                Schedule();
            };
            _watcher.EnableRaisingEvents = true;
        }
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
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
            _debounce = null;
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
            TriageLog.ReloadFailed(_logger, e);
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            _debounce?.Change(_options.ReloadDebounce, Timeout.InfiniteTimeSpan);
        }
    }
}

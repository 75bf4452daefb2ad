using Correlation.Topology;
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
    private FolderWatch? _watch;

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
        _watch = new FolderWatch(Path.GetDirectoryName(path)!, _options.ReloadDebounce, _time, () => _provider.Reload(),
            e => TriageLog.ReloadFailed(_logger, e), e => TriageLog.WatcherError(_logger, e));
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

namespace Correlation.Topology;

/// <summary>
/// Calls <c>changed</c> once a folder has been quiet for <c>debounce</c> after any change in it. It watches the
/// whole folder, not one file name, because deploy tools replace files by renaming and Kubernetes swaps a
/// ConfigMap by repointing a symlink; and it waits for quiet so that a file written in several steps is read
/// once, after the last. Configuration files that reload without a restart (the CMDB, triage's policy) use it.
/// <c>changed</c> runs on a timer: an exception escaping it is caught and handed to <c>failed</c>.
/// </summary>
public sealed class FolderWatch : IDisposable
{
    private readonly TimeSpan _debounce;
    private readonly Action _changed;
    private readonly Action<Exception> _failed;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _timer;

    /// <param name="watcherError">Told when the watcher itself fails (usually an overflowed event buffer); a reload follows anyway.</param>
    public FolderWatch(string directory, TimeSpan debounce, TimeProvider time, Action changed, Action<Exception> failed, Action<Exception> watcherError)
    {
        ArgumentNullException.ThrowIfNull(time);
        _debounce = debounce;
        _changed = changed;
        _failed = failed;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
            // Changes may have been missed: look again.
            watcherError(e.GetException());
            Schedule();
        };
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Schedule()
    {
        lock (_gate)
        {
            _timer?.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        try
        {
            _changed();
        }
#pragma warning disable CA1031 // an exception escaping a timer callback would end the process
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failed(e);
        }
    }
}

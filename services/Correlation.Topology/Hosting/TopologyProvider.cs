using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.Topology;

/// <summary>
/// Holds the topology in force and swaps it atomically on reload. Readers take <see cref="Current"/> (or
/// <see cref="Snapshot"/> for the version too) once per unit of work and use that one snapshot throughout,
/// so a reload never changes the network under a decision half-way. A reload that finds the file bad keeps
/// the previous snapshot and reports why; only the first load, at start, fails the host.
/// </summary>
public sealed class TopologyProvider
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private TopologySnapshot _snapshot;
    private byte[] _contentHash;

    /// <exception cref="CmdbValidationException">The CMDB cannot be read or is not valid.</exception>
    public TopologyProvider(IOptions<TopologyOptions> options, TimeProvider time, ILogger<TopologyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        CmdbPath = options.Value.CmdbPath;

        var (result, hash) = Read(CmdbPath);
        if (result.Topology is null)
        {
            _logger.Rejected(CmdbPath, result.Problems.Count(p => p.IsError), 0, string.Join('\n', result.Problems));
            throw new CmdbValidationException(result.Problems);
        }
        _snapshot = new TopologySnapshot(result.Topology, 1, _time.GetUtcNow(), CmdbPath);
        _contentHash = hash;
        Report(result.Topology, 1);
    }

    /// <summary>Raised after a reload swapped in a new snapshot, on the thread that reloaded.</summary>
    public event EventHandler<TopologyChangedEventArgs>? Changed;

    /// <summary>The CMDB file, as an absolute path when configured through AddTopology.</summary>
    public string CmdbPath { get; }

    public TopologySnapshot Snapshot => Volatile.Read(ref _snapshot);

    public NetworkTopology Current => Snapshot.Topology;

    public long Version => Snapshot.Version;

    /// <summary>
    /// Reads the CMDB again. Safe to call from any thread; concurrent calls run one after another. A file
    /// whose content is what is loaded already does not bump the version.
    /// </summary>
    public TopologyReloadResult Reload()
    {
        lock (_reloading)
        {
            var previous = _snapshot;
            var (result, hash) = Read(CmdbPath);
            if (result.Topology is null)
            {
                _logger.Rejected(CmdbPath, result.Problems.Count(p => p.IsError), previous.Version, string.Join('\n', result.Problems));
                return new TopologyReloadResult(TopologyReloadOutcome.Rejected, previous, result.Problems);
            }
            if (hash.AsSpan().SequenceEqual(_contentHash))
            {
                _logger.Unchanged(CmdbPath, previous.Version);
                return new TopologyReloadResult(TopologyReloadOutcome.Unchanged, previous, result.Problems);
            }

            var current = new TopologySnapshot(result.Topology, previous.Version + 1, _time.GetUtcNow(), CmdbPath);
            Volatile.Write(ref _snapshot, current);
            _contentHash = hash;
            Report(result.Topology, current.Version);
            RaiseChanged(previous, current);
            return new TopologyReloadResult(TopologyReloadOutcome.Reloaded, current, result.Problems);
        }
    }

    private static (CmdbLoadResult Result, byte[] Hash) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new CmdbLoadResult(null, [new(ProblemSeverity.Error, "cannot read the CMDB: " + e.Message, new(path, 0, 0))]), []);
        }
        return (CmdbLoader.TryParse(text, path), SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private void Report(NetworkTopology topology, long version)
    {
        _logger.Loaded(version, CmdbPath, topology.Sites.Count, topology.Devices.Count, topology.Links.Count, topology.Services.Count);
        foreach (var warning in topology.Warnings)
        {
            _logger.CmdbWarning(warning);
        }
    }

    private void RaiseChanged(TopologySnapshot previous, TopologySnapshot current)
    {
        if (Changed is not { } handlers)
        {
            return;
        }
        // One failing subscriber must not stop the others hearing of the change, nor fail the reload.
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<TopologyChangedEventArgs>>())
        {
            try
            {
                handler(this, new TopologyChangedEventArgs(previous, current));
            }
#pragma warning disable CA1031 // a subscriber's failure is logged, whatever it is
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.ChangedHandlerFailed(e);
            }
        }
    }
}

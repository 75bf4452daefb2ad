using Microsoft.Extensions.Logging;

namespace Correlation.Topology;

internal static partial class TopologyLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Topology version {Version} loaded from {CmdbPath}: {Sites} sites, {Devices} devices, {Links} links, {Services} services")]
    public static partial void Loaded(this ILogger logger, long version, string cmdbPath, int sites, int devices, int links, int services);

    [LoggerMessage(2, LogLevel.Debug, "CMDB {CmdbPath} is unchanged; topology stays at version {Version}")]
    public static partial void Unchanged(this ILogger logger, string cmdbPath, long version);

    [LoggerMessage(3, LogLevel.Error,
        "CMDB {CmdbPath} rejected with {ErrorCount} errors; topology stays at version {Version}:\n{Problems}")]
    public static partial void Rejected(this ILogger logger, string cmdbPath, int errorCount, long version, string problems);

    [LoggerMessage(4, LogLevel.Warning, "CMDB warning: {Problem}")]
    public static partial void CmdbWarning(this ILogger logger, TopologyProblem problem);

    [LoggerMessage(5, LogLevel.Information, "Watching {Directory} for CMDB changes (debounce {Debounce})")]
    public static partial void Watching(this ILogger logger, string directory, TimeSpan debounce);

    [LoggerMessage(6, LogLevel.Warning, "The CMDB file watcher reported an error; reloading to be safe")]
    public static partial void WatcherError(this ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Error, "A topology change handler failed")]
    public static partial void ChangedHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Error, "Reloading the CMDB failed unexpectedly; topology unchanged")]
    public static partial void ReloadFailed(this ILogger logger, Exception exception);
}

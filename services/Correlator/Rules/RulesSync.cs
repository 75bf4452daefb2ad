using Correlation.Correlator.Scoring;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Rules;

/// <summary>
/// Takes up the rules an admin activated (on this or another correlator): at start, then whenever the stored
/// version changes (checked every Correlator:RulesPollInterval), so that every correlator decides with the same
/// rules within that interval. Activated rules take the place of the configured ones until the next activation.
/// </summary>
public sealed partial class RulesSync(RulesStore store, ActiveRules active, IOptions<CorrelatorOptions> options, TimeProvider time,
    ILogger<RulesSync> logger) : BackgroundService
{
    /// <summary>Reads the stored rules if their version differs from the ones in use.</summary>
    public async Task SyncAsync()
    {
        var version = await store.VersionAsync();
        if (version is null || version == active.Current.Version)
        {
            return;
        }

        try
        {
            if (await store.ReadAsync() is { } rules)
            {
                active.Use(rules);
                LogTakenUp(logger, rules.Version, rules.ActivatedBy ?? "?");
            }
        }
        catch (RulesValidationException ex)
        {
            LogUnusable(logger, version, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync();
                await Task.Delay(options.Value.RulesPollInterval, time, stoppingToken);
            }
            catch (StackExchange.Redis.RedisException ex)
            {
                LogSyncFailed(logger, ex);
                await Task.Delay(options.Value.RulesPollInterval, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deciding with the correlation rules {Version}, activated by {By}")]
    private static partial void LogTakenUp(ILogger logger, string version, string by);

    [LoggerMessage(Level = LogLevel.Error, Message = "The activated correlation rules {Version} cannot be used; the rules in use stay: {Problems}")]
    private static partial void LogUnusable(ILogger logger, string version, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check for newly activated correlation rules; trying again")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}

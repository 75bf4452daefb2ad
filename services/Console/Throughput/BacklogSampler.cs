using Microsoft.Extensions.Options;

namespace Correlation.Console.Throughput;

/// <summary>Samples the backlog (open and unacknowledged incidents) for the throughput page at a steady interval.</summary>
public sealed partial class BacklogSampler(ThroughputStore store, ConsoleTelemetry telemetry, IOptions<ConsoleOptions> options, TimeProvider clock,
    ILogger<BacklogSampler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BacklogSampleInterval, clock);
        try
        {
            do
            {
                try
                {
                    telemetry.OpenIncidents(await store.SampleBacklogAsync(options.Value.ThroughputRetention));
                }
                catch (StackExchange.Redis.RedisException ex)
                {
                    // A missed sample leaves a gap in the chart; the next one fills in.
                    LogSampleFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backlog sample for the throughput page failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}

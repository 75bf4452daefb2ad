using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Live;

/// <summary>Resolves incidents whose hold-down has passed and publishes their Resolved events.</summary>
public sealed partial class ResolveSweeper(
    PendingResolutions queue,
    IBus bus,
    IOptions<CorrelatorOptions> options,
    CorrelatorTelemetry telemetry,
    TimeProvider time,
    ILogger<ResolveSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ResolveInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
#pragma warning disable CA1031 // Redis or the broker being away is logged and retried on the next tick
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                SweepFailed(logger, e);
            }
        }
    }

    /// <summary>One pass: resolve what is due, publish, confirm. Returns how many were resolved.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var due = await queue.TakeDueAsync();
            if (due.Count == 0)
            {
                return total;
            }

            foreach (var resolved in due)
            {
                await bus.Publish(resolved, cancellationToken);
            }

            await queue.ConfirmAsync(due);
            telemetry.Resolved(due.Count);
            total += due.Count;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Resolving incidents past their hold-down failed; trying again on the next tick")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}

using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Correlation.Router.Delivery;

/// <summary>
/// Sends what is due in the outbox: at once when something is enqueued, and every Router:SweepInterval for
/// retries. A delivery that fails after its in-place retries goes back to the outbox with a growing delay;
/// it is never dropped.
/// </summary>
public sealed class DeliveryWorker(
    DeliveryOutbox outbox,
    DeliverySender sender,
    DeliverySignal signal,
    RouterTelemetry telemetry,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        Task<bool>? tick = null;
        Task? pulse = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
#pragma warning disable CA1031 // Redis being away is logged and retried on the next tick
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.DeliverySweepFailed(e);
            }

            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            pulse ??= signal.WaitAsync(stoppingToken);
            var woke = await Task.WhenAny(tick, pulse);
            if (woke.IsCanceled)
            {
                return;
            }

            if (woke == tick)
            {
                tick = null;
            }
            else
            {
                pulse = null;
            }
        }
    }

    /// <summary>Sends every delivery due now. Returns how many got through.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        var o = options.Value;
        while (true)
        {
            var due = await outbox.ClaimDueAsync(time.GetUtcNow(), o.ClaimLease, o.ClaimBatch);
            if (due.Count == 0)
            {
                return delivered;
            }

            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = o.DeliveryConcurrency, CancellationToken = cancellationToken },
                async (claimed, ct) =>
                {
                    if (await DeliverAsync(claimed, ct))
                    {
                        Interlocked.Increment(ref delivered);
                    }
                });
        }
    }

    private async Task<bool> DeliverAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        using var activity = RouterTelemetry.ActivitySource.StartActivity("router.deliver");
        activity?.SetTag("correlation.delivery.key", claimed.Delivery.Key);
        var kind = claimed.Delivery.Channel.Split(':', 2)[0];
        var started = Stopwatch.GetTimestamp();
        try
        {
            await sender.SendAsync(claimed.Delivery, cancellationToken);
            await outbox.SucceededAsync(claimed);
            telemetry.Delivered(kind, true, Stopwatch.GetElapsedTime(started));
            return true;
        }
#pragma warning disable CA1031 // whatever stopped it, the delivery is kept and tried again
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            telemetry.Delivered(kind, false, Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var attempt = claimed.Attempts + 1;
            var retryAt = time.GetUtcNow() + Backoff(attempt);
            await outbox.FailedAsync(claimed, retryAt, e.Message);
            logger.DeliveryFailed(claimed.Delivery.Key, attempt, retryAt, e.Message);
            return false;
        }
    }

    /// <summary>Doubles from Router:RedeliveryDelay up to Router:MaxRedeliveryDelay, with ±20% jitter so that failed deliveries do not come back together.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var delay = o.RedeliveryDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        if (delay > o.MaxRedeliveryDelay)
        {
            delay = o.MaxRedeliveryDelay;
        }

#pragma warning disable CA5394 // jitter, not security
        return delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
#pragma warning restore CA5394
    }
}

using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Router.Escalation;

/// <summary>
/// Fires the router's due timers every Router:SweepInterval (on the injected clock). Timers are claimed, so
/// several router instances share the work and none fires twice; a timer whose instance died is fired by
/// another when its claim runs out.
/// </summary>
public sealed class TimerSweeper(
    TimerStore timers,
    IncidentRouter router,
    IBus bus,
    IOptions<RouterOptions> options,
    TimeProvider time,
    ILogger<TimerSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
#pragma warning disable CA1031 // Redis or the broker being away is logged and retried on the next tick
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.TimerSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Fires every timer due now. Returns how many fired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var events = new PublishedEvents(bus);
        var fired = 0;
        var now = time.GetUtcNow();
        while (true)
        {
            var due = await timers.ClaimDueAsync(now, options.Value.ClaimLease, options.Value.ClaimBatch);
            if (due.Count == 0)
            {
                return fired;
            }

            foreach (var timer in due)
            {
                try
                {
                    var next = await router.FireAsync(timer.Kind, timer.IncidentId, timer.Due, events, cancellationToken);
                    // A timer fires at most once a sweep: one that asks to fire again at once waits for the next.
                    await timers.FinishAsync(timer, next <= now ? now + TimeSpan.FromMilliseconds(1) : next);
                    fired++;
                }
#pragma warning disable CA1031 // one incident's failure must not hold up the others; its claim runs out and it fires again
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    logger.TimerFailed(timer.IncidentId, timer.Kind.ToString(), e);
                }
            }
        }
    }
}

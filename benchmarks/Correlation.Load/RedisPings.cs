using System.Diagnostics;
using StackExchange.Redis;

namespace Correlation.Load;

/// <summary>
/// Redis PING round trips, five a second while a step runs: a plain measure of how long any process on this
/// machine waits for its turn on a core (Redis answers a PING in microseconds when it gets one). The pipeline's
/// correlator makes several Redis round trips per batch one after another, so it pays this wait each time.
/// </summary>
internal sealed class RedisPings : IDisposable
{
    private readonly List<double> _ms = [];
    private readonly CancellationTokenSource _stop = new();

    public RedisPings(IConnectionMultiplexer redis) => _ = Task.Run(() => LoopAsync(redis.GetDatabase()));

    private async Task LoopAsync(IDatabase db)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                await db.PingAsync();
                lock (_ms)
                {
                    _ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException)
            {
                // counted as nothing; the step's own figures show a Redis in trouble
            }
        }
    }

    public double Percentile(double q)
    {
        lock (_ms)
        {
            var sorted = _ms.Order().ToArray();
            return PipelineSession.Percentile(sorted, q);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

using System.Threading.Channels;
using Correlation.Contracts;
using Correlation.Ingest.Publishing;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Nms.Publishing;

/// <summary>
/// Publishes received alarms in batches, each awaited until the broker confirmed every message in it
/// (the bus runs with publisher confirms). A batch the broker did not confirm is published again after
/// a pause, so a broker restart loses nothing; meanwhile the bounded queue fills and new alarms are
/// refused rather than memory growing without end.
/// </summary>
public sealed partial class AlarmBatcher : IDisposable
{
    private readonly IBus _bus;
    private readonly PublishOptions _options;
    private readonly TimeSpan _publishTimeout;
    private readonly NmsTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmBatcher> _logger;
    private readonly Channel<PendingAlarm> _queue;
    private readonly CancellationTokenSource _abort = new();
    private Task[] _workers = [];

    public AlarmBatcher(IBus bus, IOptions<NmsOptions> options, IOptions<RabbitMqOptions> rabbitMq, NmsTelemetry telemetry,
        TimeProvider time, ILogger<AlarmBatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rabbitMq);
        _bus = bus;
        _options = options.Value.Publish;
        _publishTimeout = rabbitMq.Value.PublishTimeout;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingAlarm>(new BoundedChannelOptions(_options.Capacity) { SingleReader = false, SingleWriter = false });
    }

    /// <returns>False when the queue is full (the broker has been slow or away for a while).</returns>
    public bool TryEnqueue(PendingAlarm pending) => _queue.Writer.TryWrite(pending);

    public void Start() => _workers = [.. Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(WorkAsync))];

    /// <summary>Takes no more alarms and publishes those queued, giving up after <paramref name="drainTimeout"/>.</summary>
    public async Task StopAsync(TimeSpan drainTimeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_workers).WaitAsync(drainTimeout, _time);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(_logger, _queue.Reader.Count);
        }

        await _abort.CancelAsync();
        await Task.WhenAll(_workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _abort.Dispose();

    private async Task WorkAsync()
    {
        var batch = new List<PendingAlarm>(_options.BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_abort.Token))
            {
                Fill(batch);
                if (batch.Count < _options.BatchSize && _options.BatchWait > TimeSpan.Zero)
                {
                    await Task.Delay(_options.BatchWait, _time, _abort.Token);
                    Fill(batch);
                }

                await PublishAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            foreach (var pending in batch)
            {
                pending.Confirmed?.TrySetCanceled();
            }
        }
    }

    private void Fill(List<PendingAlarm> batch)
    {
        while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task PublishAsync(List<PendingAlarm> batch)
    {
        while (true)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
            timeout.CancelAfter(_publishTimeout);
            try
            {
                await _bus.PublishBatch(AlarmPublisher.Messages([.. batch.Select(p => p.Alarm)]), timeout.Token);
                Confirmed(batch);
                return;
            }
            catch (Exception ex) when (!_abort.IsCancellationRequested)
            {
                CountByListener(batch, _telemetry.PublishFailed);
                LogPublishFailed(_logger, batch.Count, _options.RetryDelay, ex);
                await Task.Delay(_options.RetryDelay, _time, _abort.Token);
            }
        }
    }

    private void Confirmed(List<PendingAlarm> batch)
    {
        CountByListener(batch, _telemetry.Published);
        foreach (var pending in batch)
        {
            pending.Confirmed?.TrySetResult();
        }
    }

    private static void CountByListener(List<PendingAlarm> batch, Action<string, int> count)
    {
        var start = 0;
        for (var i = 1; i <= batch.Count; i++)
        {
            if (i == batch.Count || batch[i].Listener != batch[start].Listener)
            {
                count(batch[start].Listener, i - start);
                start = i;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker did not confirm a batch of {Count} alarm(s); publishing it again in {RetryDelay}")]
    private static partial void LogPublishFailed(ILogger logger, int count, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopped before the broker confirmed every alarm: {Count} still queued are lost")]
    private static partial void LogDrainTimedOut(ILogger logger, int count);
}

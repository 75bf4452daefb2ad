using System.Diagnostics.Metrics;
using MassTransit;

namespace Correlation.ServiceDefaults;

/// <summary>
/// The bus's own meter: messages a consumer gave up on (retries spent), which MassTransit then moves to the
/// endpoint's <c>_error</c> queue with the exception in its headers. One counter, tagged by message type, so a
/// dashboard shows poison messages whichever service they hit.
/// </summary>
public sealed class BusTelemetry : IDisposable
{
    public const string MeterName = "Correlation.Bus";

    private readonly Meter _meter;
    private readonly Counter<long> _faulted;

    public BusTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _faulted = _meter.CreateCounter<long>("correlation.messages.faulted", "{message}",
            "Messages whose consumer failed after its retries, moved to the endpoint's _error queue, by message type.");
    }

    public void Faulted(string messageType, long count) =>
        _faulted.Add(count, new KeyValuePair<string, object?>("message_type", messageType));

    public void Dispose() => _meter.Dispose();
}

/// <summary>
/// Counts each message that faults once its retries are spent (MassTransit notifies consume faults only then,
/// not on every retried attempt), and records it in the <see cref="DeadLetterLedger"/> the console shows. A batch
/// that faults counts each message in it, under the batched type.
/// </summary>
internal sealed class FaultCountingObserver(BusTelemetry telemetry, DeadLetterLedger ledger) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var (type, count) = Describe(context.Message);
        telemetry.Faulted(type, count);
        var queue = context.ReceiveContext.InputAddress is { } input ? input.AbsolutePath.TrimEnd('/').Split('/')[^1] : "";
        var consumer = consumerType.Split('.', '+')[^1];
        return ledger.RecordAsync(queue, consumer, type, count, context.MessageId, exception);
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    private static (string Type, long Count) Describe<T>(T message)
        where T : class
    {
        var type = typeof(T);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Batch<>))
        {
            var length = type.GetProperty(nameof(Batch<object>.Length))?.GetValue(message) as int? ?? 1;
            return (type.GetGenericArguments()[0].Name, length);
        }

        return (type.Name, 1);
    }
}
